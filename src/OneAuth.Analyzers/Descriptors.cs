using Microsoft.CodeAnalysis;

namespace OneAuth.Analyzers
{
    /// <summary>The descriptors of every rule. Constructed with constant ids so release tracking can read them.</summary>
    internal static class Descriptors
    {
        public static readonly DiagnosticDescriptor AudienceValidationDisabled = new(
            id: DiagnosticIds.AudienceValidationDisabled,
            title: "Audience validation must stay enabled",
            messageFormat: "'{0}' is {1}, so tokens minted for other audiences are accepted",
            category: DiagnosticCategories.Security,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A token issued for another service must be rejected. Leave ValidateAudience and RequireAudience on and name the expected audience.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AudienceValidationDisabled));

        public static readonly DiagnosticDescriptor AppScopeInvalid = new(
            id: DiagnosticIds.AppScopeInvalid,
            title: "AppScope must name a valid application id",
            messageFormat: "The AppScope application id {0}, so no AppTokenValidator is generated",
            category: DiagnosticCategories.Usage,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The application id is a compile-time constant of 1 to 64 characters: lowercase letters, digits, '-', '_' and '.'. While it is invalid the generator emits no AppTokenValidator.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppScopeInvalid));

        // App boundary (OA0012-OA0016) and AppScope usage (OA1002+).
        public static readonly DiagnosticDescriptor TokenMintingInConsumer = new(
            id: DiagnosticIds.TokenMintingInConsumer,
            title: "A service that declares AppScope must not mint tokens",
            messageFormat: "'{0}' creates {1} in an AppScope assembly, which should only verify tokens",
            category: DiagnosticCategories.Security,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "An assembly with [assembly: OneAuth.AppScope] consumes tokens that 1Auth issues. Holding a signing key or minting tokens there means a compromise of the service can forge tokens for itself or others, and a shared symmetric key lets every holder mint. Keep signing in the issuer.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.TokenMintingInConsumer));

        public static readonly DiagnosticDescriptor UnverifiedTokenTrusted = new(
            id: DiagnosticIds.UnverifiedTokenTrusted,
            title: "Claims of an unverified token must not decide anything",
            messageFormat: "The token from '{0}' is decoded without checking its signature, yet its claims decide {1}",
            category: DiagnosticCategories.Security,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "ReadJwtToken, ReadJsonWebToken, ReadToken and the token constructors only decode: anyone can write any claim into a token they craft. Validate the token first (the generated AppTokenValidator, ValidateTokenAsync) and decide on the claims of the validated result. Reading header values such as kid, alg or typ to route or log stays fine.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.UnverifiedTokenTrusted));

        public static readonly DiagnosticDescriptor AppIdNotChecked = new(
            id: DiagnosticIds.AppIdNotChecked,
            title: "Token validation must check the app_id claim",
            messageFormat: "'{0}' accepts tokens of every app: nothing in this project compares their app_id claim{1}",
            category: DiagnosticCategories.Security,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "1Auth signs tokens for every app with the same keys, so a valid signature, issuer and audience do not prove a token was minted for this service. Compare the app_id claim ordinally with this app's id (in an OnTokenValidated handler, an authorization policy or after validation), or validate with the generated AppTokenValidator.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppIdNotChecked),
            customTags: WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor AppIdComparedWrongly = new(
            id: DiagnosticIds.AppIdComparedWrongly,
            title: "The app_id claim must equal this app's id, compared ordinally",
            messageFormat: "The app_id claim {0}",
            category: DiagnosticCategories.Security,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A token belongs to this service only when its app_id claim equals this assembly's AppScope app id, character for character. Comparing with another app's id, ignoring case, using culture rules or matching part of the value lets tokens minted for other apps through.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppIdComparedWrongly));

        public static readonly DiagnosticDescriptor AuthenticationFailureSwallowed = new(
            id: DiagnosticIds.AuthenticationFailureSwallowed,
            title: "An authentication failure must not be turned into success",
            messageFormat: "Success() in a {0} authentication-failed handler authenticates a request whose token failed validation",
            category: DiagnosticCategories.Security,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "When OnAuthenticationFailed sets a result, the authentication handler returns it. Success() there authenticates the request with the context's principal although its token was rejected (expired, wrong audience, bad signature). Log the failure, call Fail() or NoResult(), or leave the result alone.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AuthenticationFailureSwallowed));

        public static readonly DiagnosticDescriptor AppScopeUriInvalid = new(
            id: DiagnosticIds.AppScopeUriInvalid,
            title: "AppScope issuer and JWKS addresses must be absolute https URIs",
            messageFormat: "{0} {1}",
            category: DiagnosticCategories.Usage,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Issuer, JwksUri and the MSBuild properties OneAuthIssuer and OneAuthJwksUri must be absolute https URIs without user information. While one is invalid the generator emits no AppTokenValidator. Plain http on a loopback host is accepted for local development and reported at Info severity.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppScopeUriInvalid));

        public static readonly DiagnosticDescriptor AppScopeArgumentInvalid = new(
            id: DiagnosticIds.AppScopeArgumentInvalid,
            title: "AppScope Audience, TokenType and Namespace must be valid",
            messageFormat: "AppScope {0} {1}, so no AppTokenValidator is generated",
            category: DiagnosticCategories.Usage,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Audience must not be empty, TokenType must be a media type such as 'at+jwt', and Namespace must be a valid C# namespace. While one is invalid the generator emits no AppTokenValidator.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppScopeArgumentInvalid));

        public static readonly DiagnosticDescriptor AppScopeRuntimeNotReferenced = new(
            id: DiagnosticIds.AppScopeRuntimeNotReferenced,
            title: "AppScope needs the OneAuth runtime",
            messageFormat: "'{0}' does not resolve because the OneAuth runtime (OneAuth.Runtime.dll) is not referenced, so no AppTokenValidator is generated",
            category: DiagnosticCategories.Usage,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "OneAuth.AppScopeAttribute lives in OneAuth.Runtime.dll, which the OneAuth.Analyzers package adds to the project's references. Without it the attribute does not bind and the generator has nothing to read.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppScopeRuntimeNotReferenced));
    }
}
