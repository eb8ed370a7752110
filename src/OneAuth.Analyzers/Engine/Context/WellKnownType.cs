namespace OneAuth.Analyzers.Engine;

/// <summary>
/// The types the analyzers recognise. <see cref="WellKnownTypes.MetadataName"/> spells out each one's metadata name:
/// that file is the only place a fully qualified type name is written.
/// </summary>
internal enum WellKnownType
{
    // System
    ArgumentException,
    ArgumentNullException,
    Convert,
    CultureInfo,
    Debugger,
    Enumerable,
    StringComparer,
    StringComparison,
    Task,
    TimeSpan,
    XmlConvert,
    Base64Url,
    Encoding,
    Regex,
    Claim,
    ClaimsIdentity,
    ClaimsPrincipal,
    AsymmetricAlgorithm,
    CngKey,
    X509Certificate,

    // System.Net
    HttpClient,
    HttpClientFactoryExtensions,
    HttpClientHandler,
    HttpClientJsonExtensions,
    HttpContent,
    HttpMessageHandlerFactoryExtensions,
    HttpResponseMessage,
    IHttpClientFactory,
    IHttpMessageHandlerFactory,
    SslClientAuthenticationOptions,
    WebClient,

    // System.IdentityModel.Tokens.Jwt
    JwtHeader,
    JwtSecurityToken,
    JwtSecurityTokenHandler,

    // Microsoft.IdentityModel
    Base64UrlEncoder,
    CryptoProviderFactory,
    ISecurityTokenValidator,
    JsonWebKey,
    SecurityKey,
    SecurityToken,
    SymmetricSecurityKey,
    SigningCredentials,
    TokenHandler,
    TokenValidationParameters,
    TokenValidationResult,
    JsonWebToken,
    JsonWebTokenHandler,
    ConfigurationManager,
    HttpDocumentRetriever,

    // ASP.NET Core
    AuthenticateResult,
    AuthenticationHandler,
    AuthenticationHttpContextExtensions,
    AuthenticationService,
    AuthenticationTicket,
    Base64UrlTextEncoder,
    IAuthenticationService,
    JwtBearerAuthenticationFailedContext,
    JwtBearerEvents,
    JwtBearerMessageReceivedContext,
    JwtBearerOptions,
    OpenIdConnectAuthenticationFailedContext,
    OpenIdConnectMessageReceivedContext,
    OpenIdConnectOptions,
    AuthorizationPolicyBuilder,
    WebEncoders,

    // Microsoft.Extensions
    ConfigurationBinder,
    HttpClientBuilderExtensions,
    HttpClientFactoryServiceCollectionExtensions,
    JwtBearerExtensions,

    // Other token libraries
    JwtNetBuilder,
    JwtNetDecoderInterface,
    JwtNetLegacyFacade,
    JwtNetNoneAlgorithm,
    JwtNetValidator,
    JoseJwt,
    GoogleJsonWebSignature,

    // OneAuth.Runtime
    AppTokenValidatorOptions,
    JwksKeySourceOptions,
}
