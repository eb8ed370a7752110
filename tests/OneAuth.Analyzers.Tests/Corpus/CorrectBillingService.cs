namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// A realistic service in an AppScope assembly that does everything right, the way consumer code is written: JwtBearer
/// with an app_id check in OnTokenValidated, a policy, a multi-tenant issuer lookup before real validation, a key
/// resolver, a client that reads its own token's expiry, request logging that decodes tokens, and claim gates. The
/// app-boundary rules must stay silent on all of it.
/// </summary>
internal static class CorrectBillingService
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        [assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com")]

        namespace Billing;

        public static class AuthSetup
        {
            public const string AppIdClaim = "app_id";

            public static void Configure(IServiceCollection services)
            {
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.Audience = "billing";
                    o.TokenValidationParameters = new TokenValidationParameters { ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 } };
                    o.Events = new JwtBearerEvents
                    {
                        OnTokenValidated = ctx =>
                        {
                            if (ctx.Principal?.FindFirst(AppIdClaim)?.Value != "billing")
                                ctx.Fail("token was not issued for billing");
                            return Task.CompletedTask;
                        },
                        OnAuthenticationFailed = ctx =>
                        {
                            ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("auth").LogWarning(ctx.Exception, "token rejected");
                            return Task.CompletedTask;
                        },
                        OnChallenge = ctx =>
                        {
                            ctx.HandleResponse();
                            ctx.Response.StatusCode = 401;
                            return ctx.Response.WriteAsync("unauthorized");
                        },
                    };
                });
                services.AddAuthorization(o => o.AddPolicy("billing", p => p
                    .RequireClaim(AppIdClaim, "billing")
                    .RequireClaim("scope", "invoices:read", "invoices:write")));
            }
        }

        public sealed class TenantTokens
        {
            private readonly Dictionary<string, TokenValidationParameters> _byIssuer = new();
            private readonly JsonWebTokenHandler _handler = new();

            public async Task<ClaimsPrincipal?> AuthenticateAsync(string token)
            {
                JsonWebToken unverified = _handler.ReadJsonWebToken(token);
                if (!_byIssuer.TryGetValue(unverified.Issuer, out var parameters))
                    return null;
                if (unverified.Issuer.EndsWith(".internal", StringComparison.Ordinal))
                    throw new SecurityTokenInvalidIssuerException("internal issuers are not accepted");
                TokenValidationResult result = await _handler.ValidateTokenAsync(token, parameters);
                if (!result.IsValid || !string.Equals(result.ClaimsIdentity.FindFirst("app_id")?.Value, "billing", StringComparison.Ordinal))
                    return null;
                return new ClaimsPrincipal(result.ClaimsIdentity);
            }

            public IEnumerable<SecurityKey> ResolveKeys(string token, string kid)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                if (jwt.Issuer.StartsWith("https://legacy.", StringComparison.Ordinal))
                    return Enumerable.Empty<SecurityKey>();
                return _byIssuer.TryGetValue(jwt.Issuer, out var p) && p.IssuerSigningKeys is { } keys
                    ? keys.Where(k => k.KeyId == kid)
                    : Enumerable.Empty<SecurityKey>();
            }
        }

        public sealed class OutgoingTokenCache
        {
            private string? _accessToken;

            public bool NeedsRefresh()
                => _accessToken is null || new JwtSecurityTokenHandler().ReadJwtToken(_accessToken).ValidTo < DateTime.UtcNow.AddMinutes(1);

            public void Store(string token) => _accessToken = token;
        }

        public sealed class RequestLogging
        {
            private readonly ILogger _log;

            public RequestLogging(ILogger<RequestLogging> log) => _log = log;

            public void Log(HttpContext http)
            {
                string? header = http.Request.Headers.Authorization;
                if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
                    return;
                var jwt = new JsonWebTokenHandler().ReadJsonWebToken(header.Substring(7));
                string app = jwt.TryGetPayloadValue<string>("app_id", out var value) ? value : "?";
                _log.LogInformation("call from {Subject} via {App} (kid {Kid})", jwt.Subject, app, jwt.Kid);
            }
        }

        public static class Gates
        {
            public static bool IsBillingCaller(ClaimsPrincipal user)
                => user.HasClaim(AuthSetup.AppIdClaim, "billing") && user.FindAll("scope").Any(s => s.Value == "invoices:write");

            public static int Route(ClaimsPrincipal user) => user.FindFirstValue("app_id") switch { "billing" => 1, _ => 0 };
        }
        """;
}
