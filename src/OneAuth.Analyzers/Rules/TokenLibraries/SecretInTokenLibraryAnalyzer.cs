using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0011 for JWT.NET and jose-jwt (the Microsoft.IdentityModel part is <see cref="SecretInSourceAnalyzer"/>): a secret
/// written in source passed as the key of a token call: <c>JwtBuilder.WithSecret("...")</c>, the key of
/// <c>IJwtDecoder.Decode</c>/<c>DecodeToObject</c> and <c>IJwtEncoder.Encode</c>, and the key of jose-jwt's
/// <c>JWT.Encode</c>, <c>Decode</c>, <c>Verify</c> and their byte variants. Constant text, bytes of constant text
/// (<c>Encoding.UTF8.GetBytes("...")</c>, <c>Convert.FromBase64String("...")</c>, <c>"..."u8.ToArray()</c>) and byte
/// arrays of constants count, through <c>const</c>/<c>static readonly</c> fields and locals assigned once. Public keys
/// are not secrets (passing one as an HMAC secret is OA0008).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecretInTokenLibraryAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.SecretInSource);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (TokenLibraryTypes.ForSecurityRules(start.Compilation, start.Options) is not { } types
                || !types.HasJwtNet && !types.HasJose)
                return;

            start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, TokenLibraryTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        string? what = method.Name switch
        {
            "WithSecret" when TokenLibraryTypes.Is(method.ContainingType, types.JwtBuilder) => "The secret passed to 'WithSecret'",
            "Decode" or "DecodeToObject" or "Encode" when method.ContainingType?.ContainingNamespace?.ToDisplayString() == "JWT" => $"The key passed to '{method.Name}'",
            "Decode" or "DecodeBytes" or "Verify" or "VerifyBytes" or "Encode" or "EncodeBytes" when TokenLibraryTypes.Is(method.ContainingType, types.JoseJwt) => $"The key passed to 'JWT.{method.Name}'",
            _ => null,
        };
        if (what is null || TokenLibraryKeys.KeyArgument(invocation) is not { } key)
            return;

        foreach (IOperation value in TokenLibraryKeys.Values(key))
        {
            if (TokenLibraryKeys.IsConstantSecret(value, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SecretInSource, value.Syntax.GetLocation(), what));
                return;
            }
        }
    }
}
