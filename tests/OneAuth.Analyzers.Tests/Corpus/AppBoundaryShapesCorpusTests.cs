using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// OA0010-OA0016 over shapes found in blog posts, answers and legacy services, each beside the safe twin that must stay
/// quiet. Every rule (OA0001-OA0017) runs at once: marked spans must be reported and nothing else may be.
/// </summary>
public class AppBoundaryShapesCorpusTests
{
    private const string Scope = "[assembly: OneAuth.AppScope(\"billing\", Issuer = \"https://auth.example.com\")]\n";

    [Fact]
    public Task Symmetric_key_from_a_static_readonly_field_and_a_GetValue_default() => RunAsync(
        """
        using System;
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;

        public static class JwtKeys
        {
            private static readonly byte[] KeyBytes = Encoding.UTF8.GetBytes("ThisIsMySuperSecretKeyForJwt_1234567890");

            public static SecurityKey Static() => {|OA0011:new SymmetricSecurityKey(KeyBytes)|};

            public static SecurityKey WithDefault(IConfiguration configuration)
                => {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration.GetValue("Jwt:Secret", "default-dev-secret-key-abcdefghijklmnop")!))|};

            public static SecurityKey FromEnvironment()
                => {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("JWT_SECRET") ?? "local-secret-key-0123456789abcdefghij"))|};

            public static SecurityKey Configured(IConfiguration configuration)
                => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Secret"] ?? throw new InvalidOperationException("Jwt:Secret missing")));

            public static SecurityKey FromEnvironmentOnly()
                => new SymmetricSecurityKey(Convert.FromBase64String(Environment.GetEnvironmentVariable("JWT_SECRET")!));
        }
        """);

    [Fact]
    public Task Private_key_in_a_verbatim_string_imported_into_RSA() => RunAsync(
        """
        using System.Security.Cryptography;
        using Microsoft.IdentityModel.Tokens;

        public static class Keys
        {
            private const string PrivatePem = {|OA0011:@"-----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQAB
        -----END RSA PRIVATE KEY-----"|};

            private const string PublicPem = @"-----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u
        -----END PUBLIC KEY-----";

            public static RsaSecurityKey Signing()
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(PrivatePem);
                return new RsaSecurityKey(rsa);
            }

            public static RsaSecurityKey Verifying()
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(PublicPem);
                return new RsaSecurityKey(rsa);
            }
        }
        """);

    [Fact]
    public Task Login_controller_minting_tokens_in_a_consumer() => RunAsync(
        Scope + """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using System.Text;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;

        [ApiController, Route("api/auth")]
        public class AuthController(IConfiguration configuration) : ControllerBase
        {
            [HttpPost("login")]
            public IActionResult Login(string user)
            {
                var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!));
                var creds = {|OA0012:new SigningCredentials(key, SecurityAlgorithms.HmacSha256)|};
                var claims = new[] { new Claim(JwtRegisteredClaimNames.Sub, user), new Claim("app_id", "billing") };
                var token = {|OA0012:new JwtSecurityToken(configuration["Jwt:Issuer"], configuration["Jwt:Audience"], claims, expires: DateTime.UtcNow.AddHours(1), signingCredentials: creds)|};
                return Ok(new { token = new JwtSecurityTokenHandler().WriteToken(token) });
            }
        }
        """);

    [Fact]
    public Task Login_controller_without_AppScope_is_an_issuer_and_stays_quiet() => RunAsync(
        """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using System.Text;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;

        [ApiController, Route("api/auth")]
        public class AuthController(IConfiguration configuration) : ControllerBase
        {
            [HttpPost("login")]
            public IActionResult Login(string user)
            {
                var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!));
                var descriptor = new SecurityTokenDescriptor
                {
                    Subject = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, user) }),
                    Expires = DateTime.UtcNow.AddHours(1),
                    SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256Signature),
                };
                var handler = new JwtSecurityTokenHandler();
                return Ok(handler.WriteToken(handler.CreateToken(descriptor)));
            }
        }
        """);

    [Fact]
    public Task Descriptor_and_CreateToken_in_a_consumer_service() => RunAsync(
        Scope + """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using Microsoft.IdentityModel.Tokens;

        public class ServiceTokenFactory(SecurityKey key)
        {
            public string ForDownstream(string sub)
            {
                var handler = new JwtSecurityTokenHandler();
                var descriptor = new SecurityTokenDescriptor
                {
                    Subject = new ClaimsIdentity(new[] { new Claim("sub", sub) }),
                    Expires = DateTime.UtcNow.AddMinutes(5),
                    SigningCredentials = {|OA0012:new SigningCredentials(key, SecurityAlgorithms.RsaSha256)|},
                };
                SecurityToken token = {|OA0012:handler.CreateToken(descriptor)|};
                return handler.WriteToken(token);
            }
        }
        """);

    [Fact]
    public Task Middleware_authorizing_on_decoded_claims() => RunAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;

        public class AdminOnlyMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                string? header = context.Request.Headers.Authorization;
                var token = header?.Replace("Bearer ", "");
                var handler = new JwtSecurityTokenHandler();
                var jwt = handler.ReadToken(token) as JwtSecurityToken;
                var role = jwt?.Payload["role"]?.ToString();
                if ({|OA0013:role != "admin"|})
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }
                await next(context);
            }
        }
        """);

    [Fact]
    public Task Controller_reading_a_claim_of_an_unverified_token_to_authorize() => RunAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.IdentityModel.JsonWebTokens;

        [ApiController, Route("api/reports")]
        public class ReportsController : ControllerBase
        {
            [HttpGet]
            public IActionResult Get([FromHeader(Name = "X-Token")] string token)
            {
                if ({|OA0013:new JsonWebToken(token).GetClaim("role").Value == "auditor"|})
                    return Ok("all");
                var tenant = new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.First(c => c.Type == "tenant").Value;
                if ({|OA0013:tenant == "acme"|})
                    return Ok("acme");
                return Forbid();
            }
        }
        """);

    [Fact]
    public Task Validated_tokens_and_header_peeks_stay_quiet() => RunAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public class TokenGate(TokenValidationParameters parameters, ILogger<TokenGate> logger)
        {
            private readonly JsonWebTokenHandler _handler = new();

            public async Task<bool> IsAuditor(string token)
            {
                logger.LogDebug("token kid {Kid} alg {Alg}", new JsonWebToken(token).Kid, new JsonWebToken(token).Alg);
                TokenValidationResult result = await _handler.ValidateTokenAsync(token, parameters);
                if (!result.IsValid)
                    return false;
                return result.ClaimsIdentity.HasClaim("role", "auditor");
            }
        }
        """);

    [Fact]
    public Task App_id_case_folded_partial_and_ignore_case() => RunAsync(
        Scope + """
        using System;
        using System.Linq;
        using System.Security.Claims;

        public static class AppGate
        {
            public static bool Lowered(ClaimsPrincipal user)
                => {|OA0015:user.Claims.FirstOrDefault(c => c.Type == "app_id")?.Value.ToLower() == "billing"|};

            public static bool Partial(ClaimsPrincipal user)
            {
                string appId = user.FindFirst("app_id")?.Value ?? "";
                return {|OA0015:appId.Contains("bill")|};
            }

            public static bool IgnoreCase(ClaimsPrincipal user)
            {
                var appId = user.FindFirst("app_id")?.Value;
                return {|OA0015:string.Equals(appId, "billing", StringComparison.OrdinalIgnoreCase)|};
            }

            public static bool Ordinal(ClaimsPrincipal user)
            {
                var appId = user.FindFirst("app_id")?.Value;
                return string.Equals(appId, "billing", StringComparison.Ordinal) && user.FindFirst("app_id")?.Value == "billing";
            }
        }
        """);

    [Fact]
    public Task Another_apps_id_in_a_billing_controller() => RunAsync(
        Scope + """
        using Microsoft.AspNetCore.Mvc;

        [ApiController, Route("api/invoices")]
        public class InvoicesController : ControllerBase
        {
            [HttpGet]
            public IActionResult List()
            {
                if (!{|OA0015:User.HasClaim("app_id", "payments")|})
                    return Forbid();
                return Ok();
            }

            [HttpGet("mine")]
            public IActionResult Mine() => User.HasClaim("app_id", "billing") ? Ok() : Forbid();
        }
        """);

    [Fact]
    public Task Interpolated_http_metadata_address_and_document_retriever_without_https() => RunAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Protocols;
        using Microsoft.IdentityModel.Protocols.OpenIdConnect;

        public static class Auth
        {
            public static void Add(IServiceCollection services, string host)
            {
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
                {
                    {|OA0010:o.MetadataAddress = $"http://{host}/.well-known/openid-configuration"|};
                    o.Audience = "billing-api";
                });
                services.AddAuthentication().AddJwtBearer("secure", o =>
                {
                    o.MetadataAddress = $"https://{host}/.well-known/openid-configuration";
                    o.Audience = "billing-api";
                });
            }

            public static ConfigurationManager<OpenIdConnectConfiguration> Manager(string url)
                => new(url, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { {|OA0010:RequireHttps = false|} });

            public static ConfigurationManager<OpenIdConnectConfiguration> StrictManager(string url)
                => new(url, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = true });
        }
        """);

    [Fact]
    public Task Back_channel_that_accepts_any_certificate_through_a_lambda() => RunAsync(
        """
        using System.Net.Http;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;

        public static class Auth
        {
            public static void Add(IServiceCollection services)
            {
                var handler = new HttpClientHandler();
                {|OA0010:handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true|};
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.Audience = "billing-api";
                    o.BackchannelHttpHandler = handler;
                });
            }
        }
        """);

    [Fact]
    public Task Authentication_failure_turned_into_success() => RunAsync(
        """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class Auth
        {
            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.Audience = "billing-api";
                    o.Events = new JwtBearerEvents
                    {
                        OnAuthenticationFailed = ctx =>
                        {
                            ctx.NoResult();
                            Console.WriteLine(ctx.Exception.Message);
                            {|OA0016:ctx.Success()|};
                            return Task.CompletedTask;
                        },
                    };
                });
                services.AddAuthentication().AddJwtBearer("second", o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.Audience = "billing-api";
                    o.Events = new JwtBearerEvents
                    {
                        OnAuthenticationFailed = ctx =>
                        {
                            if (ctx.Exception is SecurityTokenExpiredException)
                                ctx.Response.Headers.Append("Token-Expired", "true");
                            return Task.CompletedTask;
                        },
                        OnChallenge = ctx =>
                        {
                            ctx.HandleResponse();
                            ctx.Response.StatusCode = 401;
                            return ctx.Response.WriteAsync("{\"error\":\"unauthorized\"}");
                        },
                    };
                });
            }
        }
        """);

    [Fact]
    public Task AppScope_service_whose_bearer_never_checks_app_id() => RunAsync(
        Scope + """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;

        public static class Auth
        {
            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                    .{|OA0014:AddJwtBearer|}(o =>
                    {
                        o.Authority = "https://auth.example.com";
                        o.Audience = "billing-api";
                    });
                services.AddAuthorization(a => a.AddPolicy("default", p => p.RequireAuthenticatedUser()));
            }
        }
        """);

    [Fact]
    public Task AppScope_service_with_an_app_id_policy_stays_quiet() => RunAsync(
        Scope + """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;

        public static class Auth
        {
            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                    .AddJwtBearer(o =>
                    {
                        o.Authority = "https://auth.example.com";
                        o.Audience = "billing-api";
                    });
                services.AddAuthorization(a => a.AddPolicy("billing", p => p.RequireClaim("app_id", "billing")));
            }
        }
        """);

    [Fact]
    public Task Secret_through_locals_and_a_symmetric_JWK() => RunAsync(
        """
        using System.Text;
        using Microsoft.IdentityModel.Tokens;

        public class JwtSettings
        {
            public string Issuer { get; set; } = "https://auth.example.com";
            public string Secret { get; set; } = "";
        }

        public static class Keys
        {
            public static SecurityKey Local()
            {
                string secret = "local-variable-secret-key-0123456789abcdef";
                byte[] bytes = Encoding.UTF8.GetBytes(secret);
                var key = {|OA0011:new SymmetricSecurityKey(bytes)|};
                return key;
            }

            public static SecurityKey Jwk() => new JsonWebKey { Kty = "oct", {|OA0011:K = "GawgguFyGrWKav7AX4VKUg"|} };

            public static SecurityKey FromSettings(JwtSettings settings) => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.Secret));
        }
        """);

    [Fact]
    public Task Custom_authentication_handler_trusting_a_decoded_token() => RunAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using System.Text.Encodings.Web;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Options;

        public class HeaderTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
            : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
        {
            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                string? token = Request.Headers["X-Auth-Token"];
                var handler = new JwtSecurityTokenHandler();
                if (string.IsNullOrEmpty(token) || !handler.CanReadToken(token))
                    return Task.FromResult(AuthenticateResult.NoResult());
                JwtSecurityToken jwt = handler.ReadJwtToken(token);
                var principal = new ClaimsPrincipal({|OA0013:new ClaimsIdentity(jwt.Claims, Scheme.Name)|});
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
            }
        }
        """);

    [Fact]
    public Task Audience_and_expiry_of_a_decoded_token() => RunAsync(
        """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Threading.Tasks;

        public class DownstreamGate
        {
            public bool Accepts(string token)
            {
                JwtSecurityToken jwt = new(token);
                return {|OA0013:jwt.Audiences.Contains("billing-api")|};
            }

            public async Task<string> CurrentAsync(string token, Func<Task<string>> refresh)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                if (jwt.ValidTo < DateTime.UtcNow.AddMinutes(1))
                    return await refresh();
                return token;
            }
        }
        """);

    [Fact]
    public Task App_id_allow_lists_prefixes_culture_and_policies() => RunAsync(
        Scope + """
        using System;
        using System.Linq;
        using System.Security.Claims;
        using Microsoft.Extensions.DependencyInjection;

        public static class AppGate
        {
            private static readonly string[] Allowed = ["billing", {|OA0015:"payments"|}];

            public static bool AllowList(ClaimsPrincipal user) => Allowed.Contains(user.FindFirst("app_id")?.Value);

            public static bool Prefix(ClaimsPrincipal user) => {|OA0015:user.FindFirst("app_id")!.Value.StartsWith("billing")|};

            public static bool Culture(ClaimsPrincipal user)
                => {|OA0015:user.FindFirst("app_id")!.Value.Equals("billing", StringComparison.InvariantCultureIgnoreCase)|};

            public static bool Pattern(ClaimsPrincipal user) => user.FindFirst("app_id")?.Value is "billing";

            public static bool Reversed(ClaimsPrincipal user) => "billing".Equals(user.FindFirst("app_id")?.Value);

            public static bool Comparer(ClaimsPrincipal user) => StringComparer.Ordinal.Equals(user.FindFirst("app_id")?.Value, "billing");

            public static void Policies(IServiceCollection services) => services.AddAuthorization(o =>
            {
                o.AddPolicy("billing-only", p => p.RequireClaim("app_id", "billing"));
                o.AddPolicy("shared", p => p.RequireClaim("app_id", "billing", {|OA0015:"payments"|}));
            });
        }
        """);

    [Fact]
    public Task Custom_handlers_that_succeed_in_a_catch_or_after_another_scheme_failed_beside_safe_twins() => RunAsync(
        """
        using System;
        using System.Security.Claims;
        using System.Text.Encodings.Web;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Options;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class GatewayTokenOptions : AuthenticationSchemeOptions
        {
            public TokenValidationParameters Validation { get; set; } = new();
        }

        // Resilient bearer handler: "never break the page on an auth outage".
        public sealed class ResilientBearerHandler(IOptionsMonitor<JwtBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder)
            : JwtBearerHandler(options, logger, encoder)
        {
            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    return await base.HandleAuthenticateAsync();
                }
                catch (Exception ex)
                {
                    Logger.LogError(ex, "Bearer authentication threw; continuing as guest");
                    var guest = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Role, "guest") }, Scheme.Name);
                    return {|OA0016:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(guest), Scheme.Name))|};
                }
            }
        }

        public sealed class StrictBearerHandler(IOptionsMonitor<JwtBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder)
            : JwtBearerHandler(options, logger, encoder)
        {
            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    return await base.HandleAuthenticateAsync();
                }
                catch (Exception ex)
                {
                    Logger.LogError(ex, "Bearer authentication threw");
                    return AuthenticateResult.Fail(ex);
                }
            }
        }

        // Gateway header token validated by hand.
        public sealed class LenientGatewayHandler(IOptionsMonitor<GatewayTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
            : AuthenticationHandler<GatewayTokenOptions>(options, logger, encoder)
        {
            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                string? token = Request.Headers["X-Gateway-Token"];
                if (string.IsNullOrEmpty(token))
                    return AuthenticateResult.NoResult();

                AuthenticateResult result;
                try
                {
                    var validated = await new JsonWebTokenHandler().ValidateTokenAsync(token, Options.Validation);
                    if (!validated.IsValid)
                        throw validated.Exception;
                    result = AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(validated.ClaimsIdentity), Scheme.Name));
                }
                catch (SecurityTokenException ex)
                {
                    Logger.LogWarning(ex, "Gateway token rejected");
                    result = {|OA0016:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity()), Scheme.Name))|};
                }

                return result;
            }
        }

        public sealed class StrictGatewayHandler(IOptionsMonitor<GatewayTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
            : AuthenticationHandler<GatewayTokenOptions>(options, logger, encoder)
        {
            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                string? token = Request.Headers["X-Gateway-Token"];
                if (string.IsNullOrEmpty(token))
                    return AuthenticateResult.NoResult();

                try
                {
                    var validated = await new JsonWebTokenHandler().ValidateTokenAsync(token, Options.Validation);
                    return validated.IsValid
                        ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(validated.ClaimsIdentity), Scheme.Name))
                        : AuthenticateResult.Fail(validated.Exception);
                }
                catch (SecurityTokenException ex)
                {
                    return AuthenticateResult.Fail(ex);
                }
            }
        }

        // A policy scheme written as a handler: bearer first, then "something".
        public sealed class BearerOrGuestHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
            : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
        {
            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                AuthenticateResult bearer = await Context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
                if (bearer.Succeeded)
                    return bearer;

                Logger.LogInformation("Bearer failed ({Reason}); signing in as guest", bearer.Failure?.Message);
                return {|OA0016:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity()), Scheme.Name))|};
            }
        }

        public sealed class BearerOrNothingHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
            : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
        {
            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                AuthenticateResult bearer = await Context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
                if (bearer is not { Succeeded: true, Principal: { } principal })
                    return bearer.Failure is { } failure ? AuthenticateResult.Fail(failure) : AuthenticateResult.NoResult();

                var enriched = new ClaimsIdentity(principal.Claims, Scheme.Name);
                enriched.AddClaim(new Claim("via", "bearer"));
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(enriched), Scheme.Name));
            }
        }
        """);

    [Fact]
    public Task Failure_handlers_that_succeed_on_expiry_and_ones_that_fail() => RunAsync(
        """
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class Auth
        {
            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.Audience = "billing-api";
                    o.Events = new JwtBearerEvents();
                    o.Events.OnAuthenticationFailed = async ctx =>
                    {
                        if (ctx.Exception is SecurityTokenExpiredException)
                        {
                            ctx.Principal = new ClaimsPrincipal(new ClaimsIdentity("expired"));
                            {|OA0016:ctx.Success()|};
                        }
                        await Task.CompletedTask;
                    };
                    o.Events.OnTokenValidated = ctx =>
                    {
                        ctx.Success();
                        return Task.CompletedTask;
                    };
                    o.Events.OnMessageReceived = ctx =>
                    {
                        ctx.Token = ctx.Request.Query["access_token"];
                        return Task.CompletedTask;
                    };
                });
                services.AddAuthentication().AddJwtBearer("strict", o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.Audience = "billing-api";
                    o.Events = new JwtBearerEvents
                    {
                        OnAuthenticationFailed = context =>
                        {
                            context.Fail(context.Exception);
                            return Task.CompletedTask;
                        },
                    };
                });
            }
        }
        """);

    [Fact]
    public Task Keys_downloaded_over_plain_http_by_legacy_clients() => RunAsync(
        """
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.Tokens;

        public class KeySource(HttpClient http)
        {
            public IEnumerable<SecurityKey> Legacy()
            {
                #pragma warning disable SYSLIB0014
                using var client = new WebClient();
                string json = client.DownloadString({|OA0010:"http://auth.internal/.well-known/jwks.json"|});
                #pragma warning restore SYSLIB0014
                return new JsonWebKeySet(json).GetSigningKeys();
            }

            public async Task<IList<SecurityKey>> Modern()
            {
                using HttpResponseMessage response = await http.GetAsync({|OA0010:"http://auth.internal/.well-known/jwks.json"|});
                string json = await response.Content.ReadAsStringAsync();
                return new JsonWebKeySet(json).GetSigningKeys();
            }

            public async Task<IList<SecurityKey>> Secure()
            {
                string json = await http.GetStringAsync("https://auth.example.com/.well-known/jwks.json");
                return new JsonWebKeySet(json).GetSigningKeys();
            }
        }
        """);

    [Fact]
    public Task Middleware_validating_tokens_in_an_AppScope_assembly() => RunAsync(
        Scope + """
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using Microsoft.IdentityModel.Tokens;

        public class TokenChecker(TokenValidationParameters parameters)
        {
            public ClaimsPrincipal Unchecked(string token)
                => new JwtSecurityTokenHandler().{|OA0014:ValidateToken|}(token, parameters, out _);
        }
        """);

    [Fact]
    public Task Http_claim_type_uris_and_issuer_names_are_not_key_transport() => RunAsync(
        """
        using System;
        using System.Security.Cryptography;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class Auth
        {
            public static void Add(IServiceCollection services, Func<string> secretFromVault)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = "http://auth.example.com",
                        ValidAudience = "billing-api",
                        NameClaimType = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
                        RoleClaimType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
                        IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(secretFromVault())),
                    };
                });
                var ephemeral = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
            }
        }
        """);

    [Fact]
    public Task Decoded_tokens_used_for_display_cookies_and_issuer_routing_stay_quiet() => RunAsync(
        """
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;
        using Microsoft.AspNetCore.Http;
        using Microsoft.IdentityModel.Tokens;

        public class TokenDebug(IDictionary<string, TokenValidationParameters> byIssuer)
        {
            public object Describe(string token)
                => new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.Select(c => new { c.Type, c.Value }).ToList();

            public void Remember(HttpResponse response, string token)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                response.Cookies.Append("access_token", token, new CookieOptions { HttpOnly = true, Secure = true, Expires = jwt.ValidTo });
            }

            public ClaimsPrincipal Validate(string token)
            {
                var handler = new JwtSecurityTokenHandler();
                string issuer = handler.ReadJwtToken(token).Issuer;
                if (!byIssuer.TryGetValue(issuer, out var parameters))
                    throw new SecurityTokenInvalidIssuerException("unknown issuer");
                return handler.ValidateToken(token, parameters, out _);
            }
        }
        """);

    [Fact]
    public Task App_id_logged_tagged_and_compared_with_configuration_stays_quiet() => RunAsync(
        Scope + """
        using System.Security.Claims;
        using Microsoft.Extensions.Logging;

        public class AppAudit(ILogger<AppAudit> logger, string configuredAppId)
        {
            public bool Check(ClaimsPrincipal user)
            {
                string? appId = user.FindFirst("app_id")?.Value;
                logger.LogInformation("request from app {AppId}", appId);
                using var scope = logger.BeginScope(new System.Collections.Generic.Dictionary<string, object?> { ["app_id"] = appId });
                return appId == "billing" && appId == configuredAppId;
            }
        }
        """);

    [Fact]
    public Task Options_class_with_a_default_signing_key() => RunAsync(
        """
        using System.Text;
        using Microsoft.Extensions.Options;
        using Microsoft.IdentityModel.Tokens;

        public class JwtOptions
        {
            public const string Section = "Jwt";
            public string Issuer { get; set; } = "https://auth.example.com";
            public string SigningKey { get; set; } = "0d6f4b2e-this-is-the-default-signing-key-9a8b";
            public string VerificationKey { get; set; } = string.Empty;
        }

        public class Keys(IOptions<JwtOptions> options)
        {
            public SecurityKey Signing() => {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Value.SigningKey))|};

            public SecurityKey Verification() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Value.VerificationKey));
        }
        """);

    /// <summary>Every rule at once; the file's assembly attributes are moved after its using directives.</summary>
    private static Task RunAsync(string source) => CorpusVerifier.VerifyAllRulesAsync(TestSources.AssemblyAttributesAfterUsings(source));
}
