using Microsoft.CodeAnalysis;

namespace OneAuth.Analyzers;

/// <summary>The descriptors of every rule. Constructed with constant ids so release tracking can read them.</summary>
internal static class Descriptors
{
    // OA0010 and OA0016 each have two descriptors (a second message or a compilation-end report) under one rule.
    private const string InsecureKeyTransportTitle = "Signing keys must be fetched over verified HTTPS";
    private const string InsecureKeyTransportMessage = "'{0}' {1}, so whoever sits on the network path can substitute the signing keys";
    private const string AuthenticationFailureSwallowedTitle = "An authentication failure must not be turned into success";

    public static readonly DiagnosticDescriptor AudienceValidationDisabled = new(
        id: DiagnosticIds.AudienceValidationDisabled,
        title: "Audience validation must stay enabled",
        messageFormat: "'{0}' is {1}, so tokens minted for other audiences are accepted",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A token issued for another service must be rejected. Leave ValidateAudience and RequireAudience on and name the expected audience.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AudienceValidationDisabled));

    public static readonly DiagnosticDescriptor IssuerValidationDisabled = new(
        id: DiagnosticIds.IssuerValidationDisabled,
        title: "Issuer validation must stay enabled",
        messageFormat: "'{0}' is {1}, so a token is accepted whatever issuer it names",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The issuer (iss) names who minted a token. Leave ValidateIssuer on and name the expected issuer, or let the authority's metadata supply it.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.IssuerValidationDisabled));

    public static readonly DiagnosticDescriptor LifetimeValidationDisabled = new(
        id: DiagnosticIds.LifetimeValidationDisabled,
        title: "Token lifetime validation must stay enabled",
        messageFormat: "'{0}' is {1}, so expired tokens or tokens without an expiry are accepted",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A stolen token must stop working when it expires. Leave ValidateLifetime and RequireExpirationTime on.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.LifetimeValidationDisabled));

    public static readonly DiagnosticDescriptor SigningKeyValidationDisabled = new(
        id: DiagnosticIds.SigningKeyValidationDisabled,
        title: "Signing key validation should stay enabled",
        messageFormat: "'{0}' is {1}, so an X.509 signing key is trusted outside its certificate's validity period (the signature itself is still verified)",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "In Microsoft.IdentityModel 8.x, ValidateIssuerSigningKey turns on the built-in check of the key that verified the signature: for an X509SecurityKey, the certificate's NotBefore/NotAfter window. It does not switch signature verification on or off, and a custom IssuerSigningKeyValidator runs either way.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.SigningKeyValidationDisabled));

    public static readonly DiagnosticDescriptor UnsignedTokensAllowed = new(
        id: DiagnosticIds.UnsignedTokensAllowed,
        title: "Unsigned tokens must be rejected",
        messageFormat: "'{0}' is {1}, so a token with no signature at all is accepted",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "With RequireSignedTokens off, a token whose signature segment is empty ('alg': 'none') passes validation: anyone can write its claims. Leave RequireSignedTokens on.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.UnsignedTokensAllowed));

    public static readonly DiagnosticDescriptor AlwaysTrueValidator = new(
        id: DiagnosticIds.AlwaysTrueValidator,
        title: "Validator delegates must really validate",
        messageFormat: "'{0}' {1}, so the check it replaces is switched off",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A validator delegate replaces Microsoft.IdentityModel's own check. One that returns true (or hands back the issuer or type it was given) on every path accepts every token. Remove it, or make it reject what it must.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AlwaysTrueValidator));

    public static readonly DiagnosticDescriptor SignatureValidationBypassed = new(
        id: DiagnosticIds.SignatureValidationBypassed,
        title: "Token signatures must be verified against trusted keys",
        messageFormat: "'{0}' {1}, so anyone can forge a token",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A SignatureValidator that only parses the token, or a signing key resolver that trusts a key the token carries (jwk, jku, x5c, x5u) or builds one from its kid or header values, lets the token's author choose the key that verifies it.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.SignatureValidationBypassed));

    public static readonly DiagnosticDescriptor WeakAlgorithmAllowed = new(
        id: DiagnosticIds.WeakAlgorithmAllowed,
        title: "Accepted signing algorithms must match the issuer's keys",
        messageFormat: "'{0}' {1}",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ValidAlgorithms should list exactly the algorithms the issuer signs with. 'none' names an unsigned token; HMAC algorithms (HS256/384/512) next to RSA or EC keys invite key-confusion attacks; asymmetric keys with no ValidAlgorithms accept whatever the key supports (reported at Info).",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.WeakAlgorithmAllowed));

    public static readonly DiagnosticDescriptor ExcessiveClockSkew = new(
        id: DiagnosticIds.ExcessiveClockSkew,
        title: "Clock skew must stay small",
        messageFormat: "'{0}' is {1}, above the {2} limit, so expired tokens stay valid that much longer",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ClockSkew is added to every expiry and subtracted from every not-before. Clocks of hosts with NTP differ by seconds; a tolerance of many minutes only extends the life of stolen tokens. The limit is 5 minutes; oneauth_max_clock_skew_seconds in .editorconfig can lower it, never raise it.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.ExcessiveClockSkew));

    public static readonly DiagnosticDescriptor InsecureKeyTransport = new(
        id: DiagnosticIds.InsecureKeyTransport,
        title: InsecureKeyTransportTitle,
        messageFormat: InsecureKeyTransportMessage,
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Metadata and JWKS decide which keys are trusted. Fetch them over HTTPS with certificate validation: leave RequireHttpsMetadata and RequireHttps on, use https:// authorities and metadata addresses, and never give the back-channel a handler that accepts any certificate. Loopback http (localhost, 127.0.0.0/8, [::1]) is not reported.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.InsecureKeyTransport));

    /// <summary>
    /// OA0010 for a named IHttpClientFactory client: the same id and message, reported at the end of the compilation
    /// because the handler registration and the key-fetching use of the client are usually in different files.
    /// </summary>
    public static readonly DiagnosticDescriptor InsecureKeyTransportNamedClient = new(
        id: DiagnosticIds.InsecureKeyTransport,
        title: InsecureKeyTransportTitle,
        messageFormat: InsecureKeyTransportMessage,
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Metadata and JWKS decide which keys are trusted. A named HttpClient whose primary handler accepts any server certificate must not be the client that fetches them (JwtBearerOptions.Backchannel, HttpDocumentRetriever, a JsonWebKeySet download, AppTokenValidatorOptions.HttpClient).",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.InsecureKeyTransport),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor SecretInSource = new(
        id: DiagnosticIds.SecretInSource,
        title: "Signing secrets and private keys must not be written in source",
        messageFormat: "{0} is written in source, so anyone who can read the code or the binary can mint tokens",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A key that signs tokens is a credential. Written in source it lives in every clone, build log and binary, and cannot be rotated without a release. Load it at run time from a secret store, and verify tokens with the issuer's public keys instead of a shared secret where possible.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.SecretInSource));

    public static readonly DiagnosticDescriptor AppScopeInvalid = new(
        id: DiagnosticIds.AppScopeInvalid,
        title: "AppScope must name a valid application id",
        messageFormat: "The AppScope application id {0}, so no AppTokenValidator is generated",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
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
        description: "ReadJwtToken, ReadJsonWebToken, ReadToken and the token constructors only decode, and so does splitting a token and base64url-decoding its payload by hand: anyone can write any claim into a token they craft. Validate the token first (the generated AppTokenValidator, ValidateTokenAsync) and decide on the claims of the validated result. Reading header values such as kid, alg or typ to route or log stays fine.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.UnverifiedTokenTrusted));

    public static readonly DiagnosticDescriptor AppIdNotChecked = new(
        id: DiagnosticIds.AppIdNotChecked,
        title: "Token validation must check the app_id claim",
        messageFormat: "'{0}' accepts tokens of every app because nothing in this project compares their app_id claim{1}",
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
        title: AuthenticationFailureSwallowedTitle,
        messageFormat: "Success() in a {0} authentication-failed handler authenticates a request whose token failed validation",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "When OnAuthenticationFailed sets a result, the authentication handler returns it. Success() there authenticates the request with the context's principal although its token was rejected (expired, wrong audience, bad signature). Log the failure, call Fail() or NoResult(), or leave the result alone.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AuthenticationFailureSwallowed));

    /// <summary>OA0016 in a custom JwtBearer handler: the same id, with a message that names the override.</summary>
    public static readonly DiagnosticDescriptor AuthenticationFailureSwallowedInHandler = new(
        id: DiagnosticIds.AuthenticationFailureSwallowed,
        title: AuthenticationFailureSwallowedTitle,
        messageFormat: "'{0}' returns AuthenticateResult.Success when {1} did not succeed, so a request whose token failed validation is authenticated",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A handler derived from JwtBearerHandler that calls base.HandleAuthenticateAsync(), or any authentication handler that calls Context.AuthenticateAsync(scheme), and returns AuthenticateResult.Success(...) on a path where that result did not succeed, or from a catch block around it or around a token validation (a fallback ticket, a default or guest principal), authenticates requests whose token was missing or rejected. Return the result, Fail() or NoResult() there; build a new ticket only inside the branch where the result succeeded.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AuthenticationFailureSwallowed));

    public static readonly DiagnosticDescriptor AppScopeUriInvalid = new(
        id: DiagnosticIds.AppScopeUriInvalid,
        title: "AppScope issuer and JWKS addresses must be absolute https URIs",
        messageFormat: "{0} {1}",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Issuer, JwksUri and the MSBuild properties OneAuthIssuer and OneAuthJwksUri must be absolute https URIs without user information. While one is invalid the generator emits no AppTokenValidator. Plain http on a loopback host is accepted for local development and reported at Info severity.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppScopeUriInvalid));

    public static readonly DiagnosticDescriptor AppScopeArgumentInvalid = new(
        id: DiagnosticIds.AppScopeArgumentInvalid,
        title: "AppScope Audience, TokenType and Namespace must be valid",
        messageFormat: "AppScope {0} {1}, so no AppTokenValidator is generated",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Audience must not be empty, TokenType must be a media type such as 'at+jwt', and Namespace must be a valid C# namespace. While one is invalid the generator emits no AppTokenValidator.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppScopeArgumentInvalid));

    public static readonly DiagnosticDescriptor AppScopeRuntimeNotReferenced = new(
        id: DiagnosticIds.AppScopeRuntimeNotReferenced,
        title: "AppScope needs the OneAuth runtime",
        messageFormat: "'{0}' does not resolve because the OneAuth runtime (OneAuth.Runtime.dll) is not referenced, so no AppTokenValidator is generated",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "OneAuth.AppScopeAttribute lives in OneAuth.Runtime.dll, which the OneAuth.Analyzers package adds to the project's references. Without it the attribute does not bind and the generator has nothing to read.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppScopeRuntimeNotReferenced));

    public static readonly DiagnosticDescriptor ForeignAppValidatorUsed = new(
        id: DiagnosticIds.ForeignAppValidatorUsed,
        title: "A project must validate tokens with its own app's AppTokenValidator",
        messageFormat: "'{0}' validates tokens for app '{1}', but this project's AppScope is '{2}': it would accept {1}'s tokens here; use this project's own validator, {3}",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every project that declares [assembly: AppScope] gets its own AppTokenValidator. A referenced library of another app carries that app's validator, public and named alike; a using directive for the library's namespace is enough to bind to it silently. Validating with it accepts the other app's tokens and rejects this app's. Projects that declare the same app id may share a validator.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.ForeignAppValidatorUsed));

    public static readonly DiagnosticDescriptor AppScopeRuntimeNotFlowing = new(
        id: DiagnosticIds.AppScopeRuntimeNotFlowing,
        title: "A library with AppScope must pass the OneAuth runtime on to its users",
        messageFormat: "OneAuth.Analyzers is referenced with {0}, so projects that reference this library do not get OneAuth.Runtime and its AppTokenValidator fails at run time (FileNotFoundException); reference the package without it",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The generated AppTokenValidator calls OneAuth.Runtime.dll, which the OneAuth.Analyzers package delivers as a lib/ asset. PrivateAssets=\"all\" (a common habit for analyzer packages) or PrivateAssets containing runtime keeps it from flowing to the projects that reference this library: they build, then fail when the validator is first used.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppScopeRuntimeNotFlowing));

    public static readonly DiagnosticDescriptor AppScopeSettingShadowed = new(
        id: DiagnosticIds.AppScopeSettingShadowed,
        title: "An MSBuild property for AppScope must not be shadowed by the attribute",
        messageFormat: "The MSBuild property {0} ('{1}') is ignored because AppScope sets {2} ('{3}')",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "OneAuthIssuer, OneAuthAudience and OneAuthJwksUri supply values the AppScope attribute leaves out; where the attribute sets the value too, the attribute wins and the property has no effect. A property set per configuration or environment that silently does nothing points the service at an issuer nobody intended.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppScopeSettingShadowed));
    public static readonly DiagnosticDescriptor ValidationResultNotChecked = new(
        id: DiagnosticIds.ValidationResultNotChecked,
        title: "A token validation result must be checked before it is used",
        messageFormat: "'{0}' {1}, so a token that failed validation is accepted",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ValidateTokenAsync of JsonWebTokenHandler and the other IdentityModel token handlers does not throw when a token is invalid: it returns a TokenValidationResult whose IsValid is false and whose Exception says why. Check IsValid before using ClaimsIdentity, Claims or SecurityToken, or before going on as if the token were accepted.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.ValidationResultNotChecked));
    public static readonly DiagnosticDescriptor UnverifiedTokenDecoded = new(
        id: DiagnosticIds.UnverifiedTokenDecoded,
        title: "A JWT must not be decoded without verifying its signature",
        messageFormat: "'{0}' {1}, so the claims it returns are whatever the sender wrote",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "JWT.NET decodes without checking the signature unless told to: a JwtBuilder needs MustVerifySignature() before Decode, and IJwtDecoder.Decode/DecodeToObject need a key and verify set to true. jose-jwt's JWT.Decode and JWT.Verify without a key accept only unsigned tokens. Anyone can write any claim into a token whose signature is not checked.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.UnverifiedTokenDecoded));

    public static readonly DiagnosticDescriptor ExternalTokenAudienceNotChecked = new(
        id: DiagnosticIds.ExternalTokenAudienceNotChecked,
        title: "A token from an external identity provider must be checked against this app's client id",
        messageFormat: "{0}, so a token the provider issued to any other app is accepted",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Google and Facebook sign ID and access tokens for every app that uses them. A valid signature or a successful token-info call proves only that the provider issued the token, not that it was issued to this app: set GoogleJsonWebSignature.ValidationSettings.Audience to this app's client id, and compare aud/azp (Google tokeninfo) or data.app_id (Facebook debug_token) with it.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.ExternalTokenAudienceNotChecked));

    // OA0023: audience validation on with nothing to compare with. A second descriptor for JwtBearer schemes, reported
    // at the end of the compilation because options configured anywhere in the project could still name the audience.
    private const string AudienceMissingTitle = "Audience validation needs an audience to compare with";
    private const string AudienceMissingDescription = "With ValidateAudience on (its default) and no ValidAudience, ValidAudiences or AudienceValidator, Microsoft.IdentityModel rejects every token at run time (IDX10208) although the project builds clean. Name the audience this service accepts: ValidAudience or ValidAudiences on the parameters, or JwtBearerOptions.Audience for a JwtBearer scheme.";

    public static readonly DiagnosticDescriptor AudienceMissing = new(
        id: DiagnosticIds.AudienceMissing,
        title: AudienceMissingTitle,
        messageFormat: "'{0}' validates the audience but sets no ValidAudience, ValidAudiences or AudienceValidator, so every token is rejected (IDX10208)",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: AudienceMissingDescription,
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AudienceMissing));

    /// <summary>OA0023 for parameters that replace a JwtBearer scheme's own: the same id, reported at compilation end.</summary>
    public static readonly DiagnosticDescriptor AudienceMissingForScheme = new(
        id: DiagnosticIds.AudienceMissing,
        title: AudienceMissingTitle,
        messageFormat: "'{0}' validates the audience but sets no ValidAudience, ValidAudiences or AudienceValidator and the scheme sets no Audience, so every token is rejected (IDX10208)",
        category: DiagnosticCategories.Security,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: AudienceMissingDescription + " Parameters assigned to JwtBearerOptions.TokenValidationParameters replace those JwtBearer built from the Authentication:Schemes configuration section, audiences included.",
        helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AudienceMissing),
        customTags: WellKnownDiagnosticTags.CompilationEnd);
}
