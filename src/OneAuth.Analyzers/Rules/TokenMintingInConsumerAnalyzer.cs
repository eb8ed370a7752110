using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0012: an assembly that declares <c>[assembly: OneAuth.AppScope]</c> consumes 1Auth tokens, yet it creates signing
/// credentials (<c>new SigningCredentials(...)</c>, <c>new X509SigningCredentials(...)</c>: both only make sense with a
/// private or shared secret key) or mints tokens (<c>JsonWebTokenHandler.CreateToken</c>,
/// <c>JwtSecurityTokenHandler.CreateToken</c>/<c>CreateJwtSecurityToken</c>/<c>CreateEncodedJwt</c>,
/// <c>new JwtSecurityToken(...)</c> given signing credentials, <c>CryptoProviderFactory.CreateForSigning</c>, or a JWS
/// signed by hand: <c>RSA</c>/<c>ECDsa</c> <c>SignData</c>/<c>SignHash</c> in a method that base64url-encodes).
/// Verification (<c>VerifyData</c>, keys for <c>IssuerSigningKey</c>) stays quiet. Assemblies without AppScope are left
/// alone: an issuer mints legitimately.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TokenMintingInConsumerAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.TokenMintingInConsumer);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            Compilation compilation = start.Compilation;
            if (IdentityModelTypes.ForSecurityRules(compilation, start.Options) is not { Known: var known }
                || AppScopeSites.ReadAssemblyScope(compilation) is null)
                return;

            if (known.Unique(WellKnownType.SigningCredentials) is { } signingCredentials)
                start.RegisterOperationAction(c => AnalyzeCreation(c, known, signingCredentials), OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, known), OperationKind.Invocation);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, WellKnownTypes known, INamedTypeSymbol signingCredentials)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (IsSignedTokenCreation(creation, known))
        {
            // new JwtSecurityToken(..., signingCredentials: credentials): the credentials may come from anywhere.
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.TokenMintingInConsumer,
                creation.Syntax.GetLocation(),
                "new " + creation.Type!.Name + "(..., signingCredentials)",
                "a signed token"));
            return;
        }

        if (!DerivesFrom(creation.Type, signingCredentials))
            return;

        string key = creation.Arguments.Length > 0 && creation.Arguments[0].Value.SkipConversionsAndConditionalAccess()?.Type is { } keyType
            ? keyType.Name
            : "a key";
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.TokenMintingInConsumer,
            creation.Syntax.GetLocation(),
            "new " + creation.Type!.Name + "(" + key + ", ...)",
            "signing credentials"));
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, WellKnownTypes known)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        switch (method.Name) // names first: this runs on every call in the project
        {
            case "CreateToken" or "CreateJwtSecurityToken" or "CreateEncodedJwt":
                string? handler = HandlerName(method.ContainingType, known);
                if (handler is null || method.Name != "CreateToken" && handler != "JwtSecurityTokenHandler")
                    return;
                Report(context, invocation, handler + "." + method.Name, "a token");
                return;

            case "CreateForSigning" when known.DerivesFrom(method.ContainingType, WellKnownType.CryptoProviderFactory):
                Report(context, invocation, "CryptoProviderFactory.CreateForSigning", "a signature provider");
                return;

            case "SignData" or "SignHash" or "TrySignData" or "TrySignHash"
                when known.DerivesFrom(method.ContainingType, WellKnownType.AsymmetricAlgorithm)
                     && EncodesBase64Url(invocation, context.CancellationToken):
                // A JWS put together by hand: a private key signs, and the method base64url-encodes the parts.
                Report(context, invocation, method.ContainingType.Name + "." + method.Name, "a token signature");
                return;
        }
    }

    private static void Report(OperationAnalysisContext context, IOperation site, string culprit, string what)
        => context.ReportDiagnostic(Diagnostic.Create(Descriptors.TokenMintingInConsumer, site.Syntax.GetLocation(), culprit, what));

    /// <summary>The enclosing method (or top-level code) calls a base64url encoder: the signature becomes a JWS segment.</summary>
    private static bool EncodesBase64Url(IOperation operation, CancellationToken ct)
    {
        IOperation root = operation.Root();

        foreach (IOperation descendant in root.DescendantsAndSelf())
        {
            ct.ThrowIfCancellationRequested();
            if (descendant is IInvocationOperation { TargetMethod: { Name: "Encode" or "Base64UrlEncode" or "EncodeToString" or "EncodeToUtf8" } encoder }
                && encoder.ContainingType?.Name is "Base64UrlEncoder" or "WebEncoders" or "Base64Url")
                return true;
        }

        return false;
    }

    private static string? HandlerName(INamedTypeSymbol? type, WellKnownTypes known)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (known.Is(t, WellKnownType.JsonWebTokenHandler))
                return "JsonWebTokenHandler";
            if (known.Is(t, WellKnownType.JwtSecurityTokenHandler))
                return "JwtSecurityTokenHandler";
        }

        return null;
    }

    /// <summary><c>new JwtSecurityToken(..., signingCredentials: creds)</c> or <c>new JwtHeader(creds)</c> with credentials that are not <c>null</c>.</summary>
    private static bool IsSignedTokenCreation(IObjectCreationOperation creation, WellKnownTypes known)
    {
        // new JwtHeader(signingCredentials) is the header of a token about to be signed. The name is tested first:
        // this runs for every object creation in the project.
        if (creation.Type is not { Name: "JwtSecurityToken" or "JwtHeader" } type
            || !known.IsAny(type, WellKnownType.JwtSecurityToken, WellKnownType.JwtHeader))
            return false;

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == "signingCredentials"
                && argument.ArgumentKind != ArgumentKind.DefaultValue
                && argument.Value.SkipConversionsAndConditionalAccess()?.ConstantValue is not { HasValue: true, Value: null })
                return true;
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (t.Name == baseType.Name && SymbolEqualityComparer.Default.Equals(t, baseType)) // names first: every creation asks
                return true;
        }

        return false;
    }
}
