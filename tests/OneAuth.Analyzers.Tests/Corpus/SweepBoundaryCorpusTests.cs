using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Rules;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// OA0010-OA0016 over shapes found in blog posts, answers and legacy services, each beside the safe twin that must stay
/// quiet. Every rule (OA0001-OA0016) runs at once: marked spans must be reported and nothing else may be.
/// </summary>
public class SweepBoundaryCorpusTests
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

    private static readonly DiagnosticAnalyzer[] Boundary =
    [
        new TokenMintingInConsumerAnalyzer(),
        new UnverifiedTokenTrustedAnalyzer(),
        new AppIdNotCheckedAnalyzer(),
        new AppIdComparedWronglyAnalyzer(),
        new AuthenticationFailureSwallowedAnalyzer(),
    ];

    /// <summary>Assembly attributes at the top of <paramref name="source"/> are moved after its using directives.</summary>
    private static Task RunAsync(string source)
    {
        string[] lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var attributes = lines.Where(l => l.StartsWith("[assembly:", StringComparison.Ordinal)).ToList();
        var rest = lines.Where(l => !l.StartsWith("[assembly:", StringComparison.Ordinal)).ToList();
        rest.InsertRange(rest.FindLastIndex(l => l.StartsWith("using ", StringComparison.Ordinal)) + 1, attributes);
        var test = new Test { ReferenceAssemblies = Refs.None, TestCode = string.Join("\n", rest), MarkupOptions = MarkupOptions.UseFirstDescriptor };
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth);
        return test.RunAsync();
    }

    private sealed class Test : CSharpAnalyzerTest<AudienceValidationDisabledAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => CorpusVerifier.ConfigurationAnalyzers.Concat(Boundary);
    }
}
