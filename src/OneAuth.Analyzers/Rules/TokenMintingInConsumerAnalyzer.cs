using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Analysis;

namespace OneAuth.Analyzers.Rules
{
    /// <summary>
    /// OA0012: an assembly that declares <c>[assembly: OneAuth.AppScope]</c> consumes 1Auth tokens, yet it creates signing
    /// credentials (<c>new SigningCredentials(...)</c>, <c>new X509SigningCredentials(...)</c>: both only make sense with a
    /// private or shared secret key) or mints tokens (<c>JsonWebTokenHandler.CreateToken</c>,
    /// <c>JwtSecurityTokenHandler.CreateToken</c>/<c>CreateJwtSecurityToken</c>/<c>CreateEncodedJwt</c>, or
    /// <c>WriteToken</c> of a <c>new JwtSecurityToken(...)</c> given signing credentials). Assemblies without AppScope are
    /// left alone: an issuer mints legitimately.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TokenMintingInConsumerAnalyzer : DiagnosticAnalyzer
    {
        private const string JsonWebTokenHandler = "Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler";
        private const string JwtSecurityTokenHandler = "System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler";
        private const string SigningCredentials = "Microsoft.IdentityModel.Tokens.SigningCredentials";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.TokenMintingInConsumer);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                Compilation compilation = start.Compilation;
                if (IdentityModelTypes.TryResolve(compilation) is null
                    || TestCodeGate.IsSuppressedTestProject(compilation, start.Options)
                    || AppScopeSites.ReadAssemblyScope(compilation) is null)
                    return;

                if (compilation.GetTypeByMetadataName(SigningCredentials) is { } signingCredentials)
                    start.RegisterOperationAction(c => AnalyzeCreation(c, signingCredentials), OperationKind.ObjectCreation);
                start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol signingCredentials)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!DerivesFrom(creation.Type, signingCredentials))
                return;

            string key = creation.Arguments.Length > 0 && AppIdClaims.Strip(creation.Arguments[0].Value)?.Type is { } keyType
                ? keyType.Name
                : "a key";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.TokenMintingInConsumer,
                creation.Syntax.GetLocation(),
                "new " + creation.Type!.Name + "(" + key + ", ...)",
                "signing credentials"));
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name is not ("CreateToken" or "CreateJwtSecurityToken" or "CreateEncodedJwt" or "WriteToken"))
                return; // names first: this runs on every call in the project

            string? handler = HandlerName(method.ContainingType);
            if (handler is null)
                return;

            switch (method.Name)
            {
                case "CreateToken" when handler is "JsonWebTokenHandler" or "JwtSecurityTokenHandler":
                case "CreateJwtSecurityToken" or "CreateEncodedJwt" when handler == "JwtSecurityTokenHandler":
                    break;
                case "WriteToken" when handler == "JwtSecurityTokenHandler"
                                       && invocation.Arguments.Length == 1
                                       && IsSignedTokenCreation(invocation.Arguments[0].Value, context.CancellationToken):
                    break;
                default:
                    return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.TokenMintingInConsumer,
                invocation.Syntax.GetLocation(),
                handler + "." + method.Name,
                "a token"));
        }

        private static string? HandlerName(INamedTypeSymbol? type)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                switch (t.ToDisplayString())
                {
                    case JsonWebTokenHandler:
                        return "JsonWebTokenHandler";
                    case JwtSecurityTokenHandler:
                        return "JwtSecurityTokenHandler";
                }
            }

            return null;
        }

        /// <summary><c>new JwtSecurityToken(..., signingCredentials: creds)</c>, directly or through a local assigned once.</summary>
        private static bool IsSignedTokenCreation(IOperation? value, CancellationToken ct)
        {
            for (int depth = 0; depth < 4; depth++)
            {
                value = AppIdClaims.Strip(value);
                switch (value)
                {
                    case IObjectCreationOperation creation when creation.Type?.ToDisplayString() == "System.IdentityModel.Tokens.Jwt.JwtSecurityToken":
                        foreach (IArgumentOperation argument in creation.Arguments)
                        {
                            if (argument.Parameter?.Name == "signingCredentials"
                                && argument.ArgumentKind != ArgumentKind.DefaultValue
                                && argument.Value.ConstantValue is not { HasValue: true, Value: null })
                                return true;
                        }

                        return false;
                    case ILocalReferenceOperation local when SingleAssignment.TryGetOnlyValue(local.Local, local, ct, out IOperation? assigned):
                        value = assigned;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
        {
            for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                    return true;
            }

            return false;
        }
    }
}
