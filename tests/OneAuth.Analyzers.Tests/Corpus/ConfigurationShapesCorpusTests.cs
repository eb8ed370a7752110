using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// OA0001-OA0009 over shapes seen in tutorials, answers and older services: options classes, PostConfigure,
/// static factories, clones, discard lambdas, and the safe twins that must stay quiet.
/// </summary>
public class ConfigurationShapesCorpusTests
{
    [Fact]
    public Task Named_options_class_that_turns_checks_off() => VerifyAsync(
        """
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Options;

        public sealed class ConfigureJwtBearer : IConfigureNamedOptions<JwtBearerOptions>
        {
            public void Configure(string? name, JwtBearerOptions options)
            {
                if (name != JwtBearerDefaults.AuthenticationScheme)
                    return;
                options.Authority = "https://login.example.com";
                {|OA0001:options.TokenValidationParameters.ValidateAudience = false|};
                {|OA0009:options.TokenValidationParameters.ClockSkew = TimeSpan.FromDays(1)|};
            }

            public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
        }
        """);

    [Fact]
    public Task PostConfigure_with_the_default_scheme() => VerifyAsync(
        """
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;

        public static class JwtSetup
        {
            public static IServiceCollection Relax(this IServiceCollection services)
            {
                services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                {
                    {|OA0003:options.TokenValidationParameters.ValidateLifetime = false|};
                    {|OA0005:options.TokenValidationParameters.RequireSignedTokens = false|};
                });
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                {
                    options.TokenValidationParameters.ValidateLifetime = true;
                    options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(2);
                });
                return services;
            }
        }
        """);

    [Fact]
    public Task Options_bound_from_configuration_then_weakened() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        public static class Bound
        {
            public static void Add(IServiceCollection services, IConfiguration configuration)
            {
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                    .AddJwtBearer(options =>
                    {
                        configuration.Bind("Authentication:Jwt", options);
                        var tvp = options.TokenValidationParameters;
                        {|OA0002:tvp.ValidateIssuer = false|};
                        {|OA0004:tvp.ValidateIssuerSigningKey = false|};
                    });
            }
        }
        """);

    [Fact]
    public Task Parameters_from_a_static_factory_stored_in_a_static_field() => VerifyAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using System.Text;
        using Microsoft.IdentityModel.Tokens;

        public static class LegacyTokenReader
        {
            private static readonly TokenValidationParameters Parameters = Create();

            private static TokenValidationParameters Create()
            {
                var p = new TokenValidationParameters
                {
                    {|OA0001:ValidateAudience = false|},
                    {|OA0002:ValidateIssuer = false|},
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(System.Environment.GetEnvironmentVariable("JWT_KEY")!)),
                };
                {|OA0003:p.ValidateLifetime = false|};
                return p;
            }

            public static ClaimsPrincipal Read(string token)
                => new JwtSecurityTokenHandler().ValidateToken(token, Parameters, out _);
        }
        """);

    [Fact]
    public Task Expression_bodied_property_and_clone_then_relax() => VerifyAsync(
        """
        using Microsoft.IdentityModel.Tokens;

        public sealed class TokenSettings
        {
            public TokenValidationParameters Strict { get; } = new()
            {
                ValidIssuer = "https://issuer.example.com",
                ValidAudience = "api://orders",
            };

            public TokenValidationParameters Internal => new()
            {
                ValidIssuer = "https://issuer.example.com",
                {|OA0001:ValidateAudience = false|},
            };

            public TokenValidationParameters ForRefresh()
            {
                var relaxed = Strict.Clone();
                {|OA0003:relaxed.ValidateLifetime = false|};
                return relaxed;
            }
        }
        """);

    [Fact]
    public Task Validators_with_discards_and_block_bodies() => VerifyAsync(
        """
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class Discards
        {
            public static void Add(IServiceCollection services)
            {
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
                {
                    {|OA0006:o.TokenValidationParameters.AudienceValidator = (_, _, _) => true|};
                    {|OA0006:o.TokenValidationParameters.IssuerValidator = (issuer, _, _) => issuer|};
                    {|OA0006:o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, token, parameters) =>
                    {
                        Console.WriteLine($"token valid until {expires}");
                        return true;
                    }|};
                });
            }
        }
        """);

    [Fact]
    public Task Validators_that_really_check_stay_quiet() => VerifyAsync(
        """
        using System;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;

        public static class RealChecks
        {
            private static readonly string[] Tenants = { "contoso", "fabrikam" };

            public static TokenValidationParameters Create() => new()
            {
                ValidAudience = "api://orders",
                IssuerValidator = (issuer, token, parameters) =>
                {
                    if (Tenants.Any(t => issuer == $"https://login.example.com/{t}/v2.0"))
                        return issuer;
                    throw new SecurityTokenInvalidIssuerException($"Issuer {issuer} is not allowed.");
                },
                LifetimeValidator = (notBefore, expires, token, parameters) =>
                    expires != null && expires.Value > DateTime.UtcNow && (notBefore == null || notBefore.Value <= DateTime.UtcNow),
                AlgorithmValidator = (algorithm, key, token, parameters) => algorithm == SecurityAlgorithms.RsaSha256,
            };
        }
        """);

    [Fact]
    public Task Signature_validator_returning_an_unverified_JsonWebToken() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.JsonWebTokens;

        public static class GatewayTrust
        {
            public static void Add(IServiceCollection services)
            {
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                {
                    // The gateway already checked the signature.
                    {|OA0007:options.TokenValidationParameters.SignatureValidator = (token, _) => new JsonWebToken(token)|};
                });
            }
        }
        """);

    [Fact]
    public Task Algorithms_none_and_HMAC_next_to_RSA_keys() => VerifyAsync(
        """
        using System.Collections.Generic;
        using System.Security.Cryptography;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class Algs
        {
            public static void Add(IServiceCollection services, RSA publicKey)
            {
                services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
                {
                    o.TokenValidationParameters.IssuerSigningKey = new RsaSecurityKey(publicKey);
                    o.TokenValidationParameters.ValidAlgorithms = new List<string> { SecurityAlgorithms.RsaSha256, {|OA0008:SecurityAlgorithms.HmacSha256|} };
                });
            }

            public static TokenValidationParameters Anything() => new()
            {
                ValidAlgorithms = new List<string> { {|OA0008:SecurityAlgorithms.None|} },
            };
        }
        """);

    [Fact]
    public Task Clock_skew_max_and_one_day_in_a_factory() => VerifyAsync(
        """
        using System;
        using Microsoft.IdentityModel.Tokens;

        public static class SkewFactory
        {
            private static readonly TokenValidationParameters Lenient = new()
            {
                ValidIssuer = "https://issuer.example.com",
                ValidAudience = "api://orders",
                {|OA0009:ClockSkew = TimeSpan.MaxValue|},
            };

            public static TokenValidationParameters Get() => Lenient;

            public static TokenValidationParameters Daily() => new()
            {
                ValidIssuer = "https://issuer.example.com",
                ValidAudience = "api://orders",
                {|OA0009:ClockSkew = TimeSpan.FromDays(1)|},
            };

            public static TokenValidationParameters Tight() => new()
            {
                ValidIssuer = "https://issuer.example.com",
                ValidAudience = "api://orders",
                ClockSkew = TimeSpan.Zero,
            };
        }
        """);

    [Fact]
    public Task Anonymous_method_validators_and_a_signing_key_validator() => VerifyAsync(
        """
        using Microsoft.IdentityModel.Tokens;

        public static class OldStyle
        {
            public static void Apply(TokenValidationParameters parameters)
            {
                {|OA0006:parameters.LifetimeValidator = delegate { return true; }|};
                {|OA0006:parameters.IssuerSigningKeyValidator = delegate (SecurityKey key, SecurityToken token, TokenValidationParameters p) { return true; }|};
                {|OA0006:parameters.AudienceValidator = (audiences, token, p) => { return true; }|};
            }
        }
        """);

    [Fact]
    public Task Handler_ValidateToken_with_inline_parameters_from_an_answer() => VerifyAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using Microsoft.IdentityModel.Tokens;

        public sealed class TokenService
        {
            private readonly SecurityKey _key;

            public TokenService(SecurityKey key) => _key = key;

            public ClaimsPrincipal? GetPrincipalFromExpiredToken(string token)
            {
                var handler = new JwtSecurityTokenHandler();
                var principal = handler.ValidateToken(token, new TokenValidationParameters
                {
                    {|OA0001:ValidateAudience = false|},
                    {|OA0002:ValidateIssuer = false|},
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = _key,
                    {|OA0003:ValidateLifetime = false|},
                }, out SecurityToken securityToken);
                if (securityToken is not JwtSecurityToken jwt || jwt.Header.Alg != SecurityAlgorithms.HmacSha256)
                    throw new SecurityTokenException("Invalid token");
                return principal;
            }
        }
        """);

    [Fact]
    public Task Strict_named_options_class_stays_quiet() => VerifyAsync(
        """
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Options;
        using Microsoft.IdentityModel.Tokens;

        public sealed class StrictJwtBearer(IConfiguration configuration) : IConfigureNamedOptions<JwtBearerOptions>
        {
            public void Configure(string? name, JwtBearerOptions options)
            {
                options.Authority = configuration["Jwt:Authority"];
                options.Audience = configuration["Jwt:Audience"];
                options.TokenValidationParameters.ValidateAudience = true;
                options.TokenValidationParameters.ValidateIssuer = true;
                options.TokenValidationParameters.ValidateLifetime = true;
                options.TokenValidationParameters.RequireSignedTokens = true;
                options.TokenValidationParameters.RequireExpirationTime = true;
                options.TokenValidationParameters.ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 };
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            }

            public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
        }
        """);

    [Fact]
    public Task Program_with_top_level_statements_and_an_object_initializer_on_options() => VerifyProgramAsync(
        """
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = builder.Configuration["Auth:Authority"];
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    {|OA0001:ValidateAudience = false|},
                    ValidateIssuer = true,
                    {|OA0009:ClockSkew = TimeSpan.FromMinutes(15)|},
                    NameClaimType = "name",
                };
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.Run();
        """);

    [Fact]
    public Task Signature_validator_that_verifies_stays_quiet() => VerifyAsync(
        """
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public static class Verifying
        {
            public static void Apply(TokenValidationParameters parameters, SecurityKey key)
            {
                parameters.SignatureValidator = (token, p) =>
                {
                    var jwt = new JsonWebToken(token);
                    var handler = new JsonWebTokenHandler();
                    var result = handler.ValidateTokenAsync(token, new TokenValidationParameters
                    {
                        ValidIssuer = p.ValidIssuer,
                        ValidAudience = p.ValidAudience,
                        IssuerSigningKey = key,
                    }).GetAwaiter().GetResult();
                    if (!result.IsValid)
                        throw new SecurityTokenInvalidSignatureException("Signature check failed.");
                    return jwt;
                };
            }
        }
        """);

    [Fact]
    public Task Authority_less_setup_with_every_switch_off() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class DevAuth
        {
            public static void AddDevAuth(this IServiceCollection services) =>
                services.AddAuthentication()
                    .AddJwtBearer("Dev", o => o.TokenValidationParameters = new TokenValidationParameters
                    {
                        {|OA0001:ValidateAudience = false|},
                        {|OA0002:ValidateIssuer = false|},
                        {|OA0003:ValidateLifetime = false|},
                        {|OA0004:ValidateIssuerSigningKey = false|},
                        {|OA0005:RequireSignedTokens = false|},
                        {|OA0007:SignatureValidator = delegate (string token, TokenValidationParameters parameters)
                        {
                            return new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token);
                        }|},
                    });
        }
        """);

    [Fact]
    public Task Validators_that_only_log_what_they_dislike() => VerifyAsync(
        """
        using System;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.Tokens;

        public static class SoftChecks
        {
            public static void Apply(TokenValidationParameters tvp, ILogger logger)
            {
                {|OA0006:tvp.LifetimeValidator = (nb, exp, t, p) =>
                {
                    if (exp < DateTime.UtcNow)
                        logger.LogWarning("Token expired at {Expiry}", exp);
                    return true;
                }|};
                {|OA0006:tvp.IssuerValidator = (issuer, token, p) =>
                {
                    if (!issuer.StartsWith("https://sts.windows.net/", StringComparison.Ordinal))
                        logger.LogWarning("Unexpected issuer {Issuer}", issuer);
                    return issuer;
                }|};
            }
        }
        """);

    [Fact]
    public Task OptionsBuilder_Configure_with_a_dependency() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        public static class Snippet
        {
            public static void Add(IServiceCollection services)
            {
                services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                    .Configure<IConfiguration>((o, cfg) =>
                    {
                        o.Authority = cfg["Jwt:Authority"];
                        {|OA0001:o.TokenValidationParameters.ValidateAudience = false|};
                    });
            }
        }
        """);

    [Fact]
    public Task Validators_from_local_functions_static_fields_and_static_lambdas() => VerifyAsync(
        """
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            private static readonly IssuerValidator AnyIssuer = (i, t, p) => i;

            public static void Apply(TokenValidationParameters tvp)
            {
                string Echo(string issuer, SecurityToken token, TokenValidationParameters p) => issuer;
                {|OA0006:tvp.IssuerValidator = Echo|};
                {|OA0006:tvp.IssuerValidator = AnyIssuer|};
                {|OA0006:tvp.AudienceValidator = static (System.Collections.Generic.IEnumerable<string> a, SecurityToken t, TokenValidationParameters p) => true|};
            }
        }
        """);

    [Fact]
    public Task Clock_skew_from_constants_constructors_seconds_and_hours() => VerifyAsync(
        """
        using System;
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            private const int SkewMinutes = 60;

            public static void Apply(TokenValidationParameters tvp)
            {
                {|OA0009:tvp.ClockSkew = TimeSpan.FromMinutes(SkewMinutes)|};
                {|OA0009:tvp.ClockSkew = new TimeSpan(1, 0, 0, 0)|};
                {|OA0009:tvp.ClockSkew = TimeSpan.FromSeconds(3600)|};
                {|OA0009:tvp.ClockSkew = TimeSpan.FromHours(24)|};
                tvp.ClockSkew = TimeSpan.FromSeconds(60);
            }
        }
        """);

    [Fact]
    public Task Nested_member_initializer_on_JwtBearerOptions() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            public static JwtBearerOptions Build() => new JwtBearerOptions
            {
                Authority = "https://login.example.com",
                TokenValidationParameters = { {|OA0001:ValidateAudience = false|}, {|OA0003:ValidateLifetime = false|} },
            };
        }
        """);

    [Fact]
    public Task Switches_turned_off_in_a_TokenValidationParameters_subclass() => VerifyAsync(
        """
        using Microsoft.IdentityModel.Tokens;

        public sealed class RelaxedParameters : TokenValidationParameters
        {
            public RelaxedParameters()
            {
                {|OA0002:ValidateIssuer = false|};
                {|OA0001:this.ValidateAudience = false|};
            }
        }
        """);

    [Fact]
    public Task Signature_validators_that_only_read_the_token_with_a_handler() => VerifyAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class Snippet
        {
            private readonly JsonWebTokenHandler _handler = new();

            public void Apply(TokenValidationParameters tvp)
            {
                {|OA0007:tvp.SignatureValidator = (token, _) => _handler.ReadJsonWebToken(token)|};
                {|OA0007:tvp.SignatureValidator = (token, _) => new JwtSecurityTokenHandler().ReadToken(token)|};
                {|OA0007:tvp.SignatureValidator = (token, _) => _handler.ReadToken(token)|};
            }
        }
        """);

    [Fact]
    public Task JsonWebTokenHandler_with_inline_parameters_allowing_none() => VerifyAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            public static async Task<bool> Check(string token, SecurityKey key)
            {
                var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
                {
                    IssuerSigningKey = key,
                    {|OA0002:ValidateIssuer = false|},
                    {|OA0001:ValidateAudience = false|},
                    ValidAlgorithms = new[] { "RS256", {|OA0008:"none"|} },
                });
                return result.IsValid;
            }
        }
        """);

    [Fact]
    public Task OpenIdConnect_options_configured_by_name() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;
        using Microsoft.Extensions.DependencyInjection;

        public static class Snippet
        {
            public static void Add(IServiceCollection services)
            {
                services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
                {
                    {|OA0002:o.TokenValidationParameters.ValidateIssuer = false|};
                });
            }
        }
        """);

    [Fact]
    public Task Signature_validator_method_group_with_a_block_body() => VerifyAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            public static void Apply(TokenValidationParameters tvp)
            {
                {|OA0007:tvp.SignatureValidator = Trust|};
            }

            private static SecurityToken Trust(string token, TokenValidationParameters parameters)
            {
                var jwt = new JwtSecurityToken(token);
                return jwt;
            }
        }
        """);

    [Fact]
    public Task Require_switches_turned_off() => VerifyAsync(
        """
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            public static void Apply(TokenValidationParameters tvp)
            {
                {|OA0003:tvp.RequireExpirationTime = false|};
                {|OA0001:tvp.RequireAudience = false|};
            }
        }
        """);

    [Fact]
    public Task Signature_validator_that_checks_only_the_header() => VerifyAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            public static void Apply(TokenValidationParameters tvp)
            {
                {|OA0007:tvp.SignatureValidator = (token, p) =>
                {
                    var jwt = new JwtSecurityToken(token);
                    if (jwt.Header.Alg != SecurityAlgorithms.RsaSha256)
                        throw new SecurityTokenInvalidAlgorithmException("bad alg");
                    return jwt;
                }|};
            }
        }
        """);

    [Fact]
    public Task HMAC_signature_URI_and_none_next_to_an_authority() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://login.example.com";
                    o.TokenValidationParameters.ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256Signature, {|OA0008:SecurityAlgorithms.HmacSha256Signature|}, {|OA0008:SecurityAlgorithms.None|} };
                });
            }
        }
        """);

    [Fact]
    public Task HMAC_next_to_JWKS_and_certificate_keys_but_not_when_the_key_is_unknown() => VerifyAsync(
        """
        using System.Security.Cryptography.X509Certificates;
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            public static TokenValidationParameters Jwks(string json) => new()
            {
                IssuerSigningKeys = new JsonWebKeySet(json).GetSigningKeys(),
                ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256, {|OA0008:SecurityAlgorithms.HmacSha256|} },
            };

            public static TokenValidationParameters Cert(X509Certificate2 cert) => new()
            {
                IssuerSigningKey = new X509SecurityKey(cert),
                ValidAlgorithms = new[] { {|OA0008:"HS512"|} },
            };

            public static TokenValidationParameters Unknown() => new()
            {
                ValidAlgorithms = new[] { "HS256" },
            };
        }
        """);

    [Fact]
    public Task Issuer_validators_returning_the_issuer_of_a_cast_token() => VerifyAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            public static void Apply(TokenValidationParameters tvp)
            {
                {|OA0006:tvp.IssuerValidator = (issuer, securityToken, _) => ((JwtSecurityToken)securityToken).Issuer|};
                {|OA0006:tvp.IssuerValidator = (issuer, securityToken, _) => (securityToken as JsonWebToken)!.Issuer|};
            }
        }
        """);

    [Fact]
    public Task Custom_lifetime_validator_that_compares_the_expiry_stays_quiet() => VerifyAsync(
        """
        using System;
        using Microsoft.IdentityModel.Tokens;

        public sealed class Snippet
        {
            public void Apply(TokenValidationParameters tvp) => tvp.LifetimeValidator = CustomLifetimeValidator;

            private bool CustomLifetimeValidator(DateTime? notBefore, DateTime? expires, SecurityToken tokenToValidate, TokenValidationParameters param)
            {
                if (expires != null)
                {
                    if (DateTime.UtcNow < expires) return true;
                }
                return false;
            }
        }
        """);

    [Fact]
    public Task Chained_assignment_and_a_switch_turned_off_inside_an_event() => VerifyAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;

        public static class Snippet
        {
            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    {|OA0002:o.TokenValidationParameters.ValidateIssuer = {|OA0001:o.TokenValidationParameters.ValidateAudience = false|}|};
                    o.Events = new JwtBearerEvents
                    {
                        OnMessageReceived = context =>
                        {
                            {|OA0003:context.Options.TokenValidationParameters.ValidateLifetime = false|};
                            return Task.CompletedTask;
                        },
                    };
                });
            }
        }
        """);

    [Fact]
    public Task Switch_expression_factory_and_an_extension_that_relaxes() => VerifyAsync(
        """
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            public static TokenValidationParameters For(string mode) => mode switch
            {
                "strict" => new() { ValidIssuer = "https://issuer.example.com", ValidAudience = "api://orders" },
                _ => new() { ValidIssuer = "https://issuer.example.com", ValidAudience = "api://orders", {|OA0003:ValidateLifetime = false|} },
            };

            public static TokenValidationParameters WithoutLifetime(this TokenValidationParameters p)
            {
                {|OA0003:p.ValidateLifetime = false|};
                return p;
            }
        }
        """);

    [Fact]
    public Task Signature_validators_reading_with_a_captured_or_local_handler() => VerifyAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;

        public static class Snippet
        {
            public static void Apply(TokenValidationParameters tvp)
            {
                var tokenHandler = new JwtSecurityTokenHandler();
                {|OA0007:tvp.SignatureValidator = (token, p) => tokenHandler.ReadToken(token) as JwtSecurityToken|};
                {|OA0007:tvp.SignatureValidator = (token, p) =>
                {
                    var handler = new JwtSecurityTokenHandler();
                    return handler.ReadJwtToken(token);
                }|};
            }
        }
        """);

    [Fact]
    public Task Configured_algorithms_with_an_HMAC_fallback_next_to_an_authority() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        public static class Snippet
        {
            public static void Add(IServiceCollection services, IConfiguration configuration)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://login.example.com";
                    o.TokenValidationParameters.ValidAlgorithms = configuration.GetSection("Jwt:Algorithms").Get<string[]>() ?? new[] { "RS256", {|OA0008:"HS256"|} };
                });
            }
        }
        """);

    [Fact]
    public Task Options_configured_for_each_scheme_in_a_loop() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;

        public static class Snippet
        {
            public static void Add(IServiceCollection services, string[] schemes)
            {
                foreach (var scheme in schemes)
                {
                    services.Configure<JwtBearerOptions>(scheme, o =>
                    {
                        {|OA0002:o.TokenValidationParameters.ValidateIssuer = false|};
                    });
                }
            }
        }
        """);
}
