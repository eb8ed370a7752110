using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// OA0001-OA0005 over code that starts from a relaxed template and switches checks back on. A switch set back to
/// true in straight-line code before the object is used stays quiet; one set back only on some path, after a use,
/// or to a value that is not a constant true is still reported.
/// </summary>
public class OverwrittenSwitchCorpusTests
{
    [Fact]
    public Task Relaxed_templates_tightened_before_use_beside_ones_that_are_not() => VerifyAsync(
        """
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class ApiAuthentication
        {
            public static void AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
            {
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                    .AddJwtBearer(o =>
                    {
                        // Quiet: the shared template turns lifetime checks off, this scheme turns them back on at once.
                        o.TokenValidationParameters = PartnerTemplate();
                        o.TokenValidationParameters.ValidateLifetime = false;
                        o.Authority = "https://auth.example.com";
                        o.TokenValidationParameters.ValidAudience = configuration["Jwt:Audience"];
                        o.TokenValidationParameters.ValidateLifetime = true;
                    })
                    .AddJwtBearer("partner", o =>
                    {
                        o.Authority = "https://login.partner.example";
                        {|OA0003:o.TokenValidationParameters.ValidateLifetime = false|};
                        if (configuration.GetValue<bool>("Partner:Strict"))
                            o.TokenValidationParameters.ValidateLifetime = true;
                        {|OA0001:o.TokenValidationParameters.ValidateAudience = false|};
                        o.TokenValidationParameters.ValidateAudience = configuration.GetValue<bool>("Partner:CheckAudience");
                    });
            }

            private static TokenValidationParameters PartnerTemplate() => new()
            {
                ValidIssuer = "https://auth.example.com",
                {|OA0003:RequireExpirationTime = false|},
            };
        }

        public sealed class TokenChecker
        {
            private readonly JwtSecurityTokenHandler _handler = new();
            private readonly SecurityKey _key;

            public TokenChecker(SecurityKey key) => _key = key;

            public ClaimsPrincipal Strict(string token)
            {
                // Quiet: built relaxed, then every switch is back on before the handler sees it.
                var parameters = new TokenValidationParameters
                {
                    ValidateAudience = false,
                    ValidateIssuer = false,
                    ValidIssuer = "https://auth.example.com",
                    ValidAudience = "billing-api",
                };
                parameters.IssuerSigningKey = _key;
                parameters.ValidateAudience = true;
                parameters.ValidateIssuer = true;
                return _handler.ValidateToken(token, parameters, out _);
            }

            public ClaimsPrincipal TooLate(string token)
            {
                var parameters = new TokenValidationParameters
                {
                    {|OA0001:ValidateAudience = false|},
                    ValidIssuer = "https://auth.example.com",
                    IssuerSigningKey = _key,
                };
                ClaimsPrincipal principal = _handler.ValidateToken(token, parameters, out _);
                parameters.ValidateAudience = true;
                return principal;
            }

            public IEnumerable<TokenValidationParameters> Variants()
            {
                var lax = new TokenValidationParameters { {|OA0004:ValidateIssuerSigningKey = false|}, IssuerSigningKey = _key };
                yield return lax;
                lax.ValidateIssuerSigningKey = true;
            }
        }
        """);
}
