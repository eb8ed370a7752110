using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>OA0006 and OA0007: validator delegates and key resolvers in every way C# can write a function.</summary>
public class ValidatorDelegateCorpusTests
{
    [Fact]
    public Task Always_true_validators_as_lambdas_anonymous_methods_and_method_groups() => VerifyAsync(
        """
        using System;
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.Tokens;

        public static class Setup
        {
            public static void Add(IServiceCollection services, ILogger logger)
            {
                services.AddAuthentication().AddJwtBearer("api", o =>
                {
                    o.TokenValidationParameters = new()
                    {
                        {|OA0006:AudienceValidator = (audiences, token, parameters) => true|},
                        {|OA0006:IssuerValidator = (issuer, token, parameters) => issuer|},
                        {|OA0006:LifetimeValidator = delegate { return true; }|},
                        {|OA0006:IssuerSigningKeyValidator = (key, token, parameters) =>
                        {
                            logger.LogDebug("key {Key}", key.KeyId);
                            return true;
                        }|},
                    };
                    {|OA0006:o.TokenValidationParameters.TypeValidator = (type, token, parameters) => type|};
                    {|OA0006:o.TokenValidationParameters.AlgorithmValidator = AcceptAny|};
                });
            }

            private static bool AcceptAny(string algorithm, SecurityKey key, SecurityToken token, TokenValidationParameters parameters) => true;
        }
        """);

    [Fact]
    public Task Issuer_validator_that_returns_the_configured_issuer_unchecked() => VerifyAsync(
        """
        using Microsoft.IdentityModel.Tokens;

        public static class Multitenant
        {
            public static TokenValidationParameters Create() => new()
            {
                {|OA0006:IssuerValidator = (issuer, token, parameters) => parameters.ValidIssuer|},
            };

            public static void Configure(TokenValidationParameters p)
            {
                {|OA0006:p.IssuerValidator = delegate (string issuer, SecurityToken token, TokenValidationParameters parameters) { return issuer; }|};
                {|OA0006:p.IssuerValidatorUsingConfiguration = (issuer, token, parameters, configuration) => issuer|};
                {|OA0006:p.TypeValidator = (type, token, parameters) => type ?? "JWT"|};
                {|OA0006:p.IssuerValidator = (issuer, token, parameters) => issuer == parameters.ValidIssuer ? issuer : token.Issuer|};
                p.IssuerValidator = (issuer, token, parameters) => issuer == parameters.ValidIssuer ? issuer : null;
            }
        }
        """);

    [Fact]
    public Task Validators_that_only_reject_a_missing_value_next_to_ones_that_check_it() => VerifyAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class TenantAuth
        {
            private static readonly HashSet<string> KnownTenants = new(StringComparer.Ordinal) { "https://login.example.com/t1/v2.0" };

            public static void AddLoose(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer("loose", o =>
                {
                    o.TokenValidationParameters = new()
                    {
                        ValidIssuer = "https://login.example.com/t1/v2.0",
                        {|OA0006:AudienceValidator = (audiences, token, parameters) =>
                        {
                            if (audiences == null || !audiences.Any())
                            {
                                return false;
                            }

                            return true;
                        }|},
                        {|OA0006:IssuerValidator = (issuer, token, parameters) => string.IsNullOrWhiteSpace(issuer) ? null : issuer|},
                    };
                });
            }

            public static void AddStrict(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer("strict", o =>
                {
                    o.TokenValidationParameters = new()
                    {
                        AudienceValidator = (audiences, token, parameters) =>
                        {
                            if (audiences == null || !audiences.Any())
                            {
                                return false;
                            }

                            return audiences.Contains("billing-api", StringComparer.Ordinal);
                        },
                        IssuerValidator = (issuer, token, parameters) =>
                            string.IsNullOrWhiteSpace(issuer) || !KnownTenants.Contains(issuer) ? null : issuer,
                    };
                });
            }
        }
        """);

    [Fact]
    public Task Signature_bypass_with_every_kind_of_delegate() => VerifyAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public static class Bypass
        {
            public static void Add(IServiceCollection services)
            {
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
                {
                    {|OA0007:o.TokenValidationParameters.SignatureValidator = (t, p) => new JsonWebToken(t)|};
                });
                services.PostConfigure<JwtBearerOptions>(o =>
                {
                    {|OA0007:o.TokenValidationParameters.SignatureValidator = delegate (string token, TokenValidationParameters parameters)
                    {
                        var jwt = new JwtSecurityToken(token);
                        return jwt;
                    }|};
                    {|OA0007:o.TokenValidationParameters.SignatureValidator = Parse|};
                });
            }

            private static SecurityToken Parse(string token, TokenValidationParameters parameters)
                => new JwtSecurityTokenHandler().ReadJwtToken(token);
        }
        """);

    [Fact]
    public Task Quiet_for_validators_that_check() => VerifyAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class TenantIssuers
        {
            private readonly HashSet<string> _tenants = new() { "https://login.example.com/t1" };

            public TokenValidationParameters Create(JsonWebTokenHandler handler) => new()
            {
                AudienceValidator = (audiences, token, parameters) => audiences.Contains("billing-api"),
                IssuerValidator = (issuer, token, parameters) =>
                    _tenants.Contains(issuer) ? issuer : throw new SecurityTokenInvalidIssuerException("unknown tenant"),
                LifetimeValidator = (notBefore, expires, token, parameters) => expires is { } e && e > DateTime.UtcNow,
                IssuerSigningKeyValidator = (key, token, parameters) => key.KeySize >= 2048,
                TypeValidator = (type, token, parameters) => type == "at+jwt" ? type : throw new SecurityTokenInvalidTypeException("typ"),
                AlgorithmValidator = (algorithm, key, token, parameters) => algorithm == SecurityAlgorithms.RsaSha256,
                SignatureValidator = (t, p) =>
                {
                    var parsed = new JsonWebToken(t);
                    if (!handler.ValidateTokenAsync(t, p).GetAwaiter().GetResult().IsValid)
                        throw new SecurityTokenInvalidSignatureException("bad signature");
                    return parsed;
                },
            };

            public static bool Check(IEnumerable<string> audiences, SecurityToken token, TokenValidationParameters parameters)
                => audiences.Any(a => a == parameters.ValidAudience);
        }
        """);

    [Fact]
    public Task Switches_a_validator_delegate_replaces_are_judged_by_the_delegate() => VerifyAsync(
        """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class MultiTenant
        {
            private static readonly HashSet<string> Tenants = new() { "https://login.example.com/t1/v2.0" };

            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.TokenValidationParameters = new TokenValidationParameters
                    {
                        // The delegates below run instead of these switches.
                        ValidateIssuer = false,
                        IssuerValidator = (issuer, token, parameters) =>
                            Tenants.Contains(issuer) ? issuer : throw new SecurityTokenInvalidIssuerException("unknown tenant"),
                        ValidateAudience = false,
                        AudienceValidator = (audiences, token, parameters) => audiences.Contains("billing-api"),
                    };
                });
                services.AddAuthentication().AddJwtBearer("imperative", o =>
                {
                    o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, token, parameters) => expires > System.DateTime.UtcNow;
                    o.TokenValidationParameters.ValidateLifetime = false;
                    o.TokenValidationParameters.RequireExpirationTime = false;
                    {|OA0004:o.TokenValidationParameters.ValidateIssuerSigningKey = false|};
                });
                services.AddAuthentication().AddJwtBearer("both-weak", o =>
                {
                    o.TokenValidationParameters = {|OA0023:new()|}
                    {
                        // A delegate that accepts everything does not excuse the switch.
                        {|OA0002:ValidateIssuer = false|},
                        {|OA0006:IssuerValidator = (issuer, token, parameters) => issuer|},
                    };
                });
            }
        }
        """);

    [Fact]
    public Task Key_resolvers_that_fetch_the_key_the_token_points_at() => VerifyAsync(
        """
        using System.Collections.Generic;
        using System.Net.Http;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class Resolvers(HttpClient http, JsonWebKeySet trusted)
        {
            public TokenValidationParameters Create() => new()
            {
                {|OA0007:IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                {
                    if (securityToken is JsonWebToken jwt && jwt.TryGetHeaderValue("jku", out string url))
                        return new JsonWebKeySet(http.GetStringAsync(url).GetAwaiter().GetResult()).GetSigningKeys();
                    return trusted.GetSigningKeys();
                }|},
            };

            public TokenValidationParameters Refusing() => new()
            {
                IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                {
                    if (securityToken is JsonWebToken jwt && jwt.TryGetHeaderValue("jku", out string _))
                        return new List<SecurityKey>();
                    return trusted.GetSigningKeys();
                },
            };
        }
        """);

    [Fact]
    public Task Helpers_and_flags_that_choose_a_bypass_beside_their_safe_twins() => VerifyAsync(
        """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class PartnerAuthOptions
        {
            public bool TrustGatewaySignature { get; set; }
            public string[] Audiences { get; set; } = [];
        }

        public sealed class PartnerBearerSetup
        {
            private readonly ILogger<PartnerBearerSetup> _logger;
            private readonly PartnerAuthOptions _options;

            public PartnerBearerSetup(ILogger<PartnerBearerSetup> logger, PartnerAuthOptions options)
            {
                _logger = logger;
                _options = options;
            }

            public void Configure(JwtBearerOptions o)
            {
                o.Authority = "https://login.contoso.example";
                {|OA0006:o.TokenValidationParameters.AudienceValidator = (audiences, token, parameters) => LogAudience(audiences)|};
                {|OA0007:o.TokenValidationParameters.SignatureValidator = _options.TrustGatewaySignature ? (token, parameters) => new JsonWebToken(token) : null|};
            }

            public void ConfigureChecked(JwtBearerOptions o)
            {
                o.Authority = "https://login.contoso.example";
                o.TokenValidationParameters.AudienceValidator = (audiences, token, parameters) => IsPartnerAudience(audiences);
                o.TokenValidationParameters.SignatureValidator = null;
            }

            private bool LogAudience(IEnumerable<string> audiences)
            {
                _logger.LogInformation("Partner token for {Audiences}", string.Join(",", audiences));
                return true;
            }

            private bool IsPartnerAudience(IEnumerable<string> audiences) => audiences.Any(a => _options.Audiences.Contains(a));
        }
        """);
}
