using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0008 for JWT.NET and jose-jwt (the Microsoft.IdentityModel part is <see cref="WeakAlgorithmAllowedAnalyzer"/>):
/// the <c>none</c> algorithm (<c>new NoneAlgorithm()</c>, <c>JwsAlgorithm.none</c> passed to <c>JWT.Decode</c> or
/// <c>JWT.Verify</c>), an HMAC secret that is public-key material (<c>WithSecret(publicKeyPem)</c>, a decoder key or a
/// jose-jwt HS* key made from a public key or certificate: anyone holding the public key can sign tokens that verify),
/// and, at Info, jose-jwt decodes that do not pin the expected algorithm for a key that is not an asymmetric key object.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeakAlgorithmInTokenLibraryAnalyzer : DiagnosticAnalyzer
{
    internal const string NoneMessage = "names 'none', the algorithm of an unsigned token, so a token with no signature is accepted";
    internal const string PublicKeySecretMessage = "is given public-key material as an HMAC secret, so anyone holding the public key can sign tokens that verify";
    internal const string NoPinMessage = "does not pin the expected algorithm, so the token's own header picks any algorithm its key fits; pass the JwsAlgorithm the issuer signs with";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.WeakAlgorithmAllowed);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (TokenLibraryTypes.ForSecurityRules(start.Compilation, start.Options) is not { } types
                || !types.HasJwtNet && !types.HasJose)
                return;

            if (types.HasJwtNet)
                start.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is { Name: "NoneAlgorithm" } type && WellKnownTypes.For(context.Compilation).Is(type, WellKnownType.JwtNetNoneAlgorithm))
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakAlgorithmAllowed, creation.Syntax.GetLocation(), "NoneAlgorithm", NoneMessage));
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, TokenLibraryTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        CancellationToken ct = context.CancellationToken;
        if (TokenLibraryTypes.Is(method.ContainingType, types.JoseJwt))
        {
            if (method.Name is "Decode" or "DecodeBytes" or "Verify" or "VerifyBytes")
                AnalyzeJose(context, invocation, ct);
            return;
        }

        bool jwtNetKey = method.Name == "WithSecret" && TokenLibraryTypes.Is(method.ContainingType, types.JwtBuilder)
                         || method.Name is "Decode" or "DecodeToObject" && method.ContainingType?.ContainingNamespace?.ToDisplayString() == "JWT";
        if (!jwtNetKey || TokenLibraryKeys.KeyArgument(invocation) is not { } key)
            return;

        foreach (IOperation value in TokenLibraryKeys.Values(key))
        {
            if (TokenLibraryKeys.IsPublicKeyMaterial(value, ct))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakAlgorithmAllowed, value.Syntax.GetLocation(), method.Name, PublicKeySecretMessage));
                return;
            }
        }
    }

    private static void AnalyzeJose(OperationAnalysisContext context, IInvocationOperation invocation, CancellationToken ct)
    {
        IArgumentOperation? key = null, algorithm = null;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "enc":
                    return; // an encrypted token (JWE)
                case "key":
                    key = argument;
                    break;
                case "alg" or "jwsAlg":
                    algorithm = argument;
                    break;
            }
        }

        string name = "JWT." + invocation.TargetMethod.Name;
        bool explicitAlgorithm = algorithm is not null && algorithm.ArgumentKind == ArgumentKind.Explicit
                                 && ValueEvaluator.Unwrap(algorithm.Value, ct)?.ConstantValue is not { HasValue: true, Value: null };
        if (explicitAlgorithm && JoseAlgorithms.IsNone(algorithm!.Value, ct))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakAlgorithmAllowed, algorithm.Value.Syntax.GetLocation(), name, NoneMessage));
            return;
        }

        if (key is null || key.ArgumentKind == ArgumentKind.DefaultValue || ValueEvaluator.Unwrap(key.Value, ct)?.ConstantValue is { HasValue: true, Value: null })
            return; // no key: OA0018

        bool hmacOrOpen = !explicitAlgorithm || JoseAlgorithms.IsHmac(JoseAlgorithms.Name(algorithm!.Value, ct));
        if (hmacOrOpen && TokenLibraryKeys.IsPublicKeyMaterial(key.Value, ct))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakAlgorithmAllowed, key.Value.Syntax.GetLocation(), name, PublicKeySecretMessage));
            return;
        }

        if (!explicitAlgorithm && !IsAsymmetricKeyObject(key.Value.SkipConversions()?.Type, WellKnownTypes.For(context.Compilation)))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.WeakAlgorithmAllowed,
                invocation.Syntax.GetLocation(),
                DiagnosticSeverity.Info,
                additionalLocations: null,
                properties: null,
                name,
                NoPinMessage));
        }
    }

    /// <summary>RSA, ECDsa, CngKey, certificates: jose-jwt uses them only with the algorithms of their kind.</summary>
    private static bool IsAsymmetricKeyObject(ITypeSymbol? type, WellKnownTypes known)
    {
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (known.IsAny(t, WellKnownType.AsymmetricAlgorithm, WellKnownType.CngKey, WellKnownType.X509Certificate))
                return true;
        }

        return false;
    }
}
