using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// OA0001-OA0005 over service code written the way ASP.NET Core and worker services configure JWT validation.
/// Each test is one realistic file; every finding is marked and every other line must stay quiet.
/// </summary>
public class ValidationSwitchCorpusTests
{
    [Fact]
    public Task Program_cs_with_a_named_scheme_and_target_typed_parameters() => VerifyProgramAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer("partner", o =>
            {
                o.Authority = "https://login.partner.example";
                o.TokenValidationParameters = new()
                {
                    {|OA0001:ValidateAudience = false|},
                    ValidateIssuer = true,
                    {|OA0003:ValidateLifetime = false|},
                    {|OA0005:RequireSignedTokens = false|},
                    ValidateIssuerSigningKey = true,
                };
            })
            .AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = "billing-api",
                ValidIssuer = "https://auth.example.com",
                {|OA0002:ValidateIssuer = false|},
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.Run();
        """);

    [Fact]
    public Task Configure_PostConfigure_and_OptionsBuilder_with_a_named_scheme() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        public static class AuthSetup
        {
            public static IServiceCollection AddApiAuth(this IServiceCollection services)
            {
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
                    {|OA0001:o.TokenValidationParameters.ValidateAudience = false|});
                services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                {
                    {|OA0003:options.TokenValidationParameters.RequireExpirationTime = false|};
                });
                services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                    .Configure<IConfiguration>((o, configuration) =>
                    {
                        o.Audience = configuration["Jwt:Audience"];
                        {|OA0004:o.TokenValidationParameters.ValidateIssuerSigningKey = false|};
                        {|OA0001:o.TokenValidationParameters.RequireAudience = false|};
                    })
                    .PostConfigure(o => {|OA0002:o.TokenValidationParameters.ValidateIssuer = false|});
                return services;
            }
        }
        """);

    [Fact]
    public Task Options_classes_implementing_IConfigureNamedOptions_and_IPostConfigureOptions() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Options;
        using Microsoft.IdentityModel.Tokens;

        public sealed class ConfigureJwtBearer : IConfigureNamedOptions<JwtBearerOptions>
        {
            public void Configure(string? name, JwtBearerOptions options)
            {
                if (name != JwtBearerDefaults.AuthenticationScheme)
                    return;

                options.Authority = "https://auth.example.com";
                var parameters = options.TokenValidationParameters;
                {|OA0001:parameters.ValidateAudience = false|};
                parameters.ValidateIssuer = true;
            }

            public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
        }

        public sealed class RelaxLifetime : IPostConfigureOptions<JwtBearerOptions>
        {
            public void PostConfigure(string? name, JwtBearerOptions options)
            {
                options.TokenValidationParameters = Build(options.TokenValidationParameters);

                static TokenValidationParameters Build(TokenValidationParameters existing)
                {
                    var copy = existing.Clone();
                    {|OA0003:copy.ValidateLifetime = false|};
                    return copy;
                }
            }
        }
        """);

    [Fact]
    public Task Helper_methods_fields_and_properties_that_hold_parameters() => VerifyAsync(
        """
        using Microsoft.IdentityModel.Tokens;

        public static class TokenParameters
        {
            private static readonly TokenValidationParameters Shared = new()
            {
                ValidIssuer = "https://auth.example.com",
                {|OA0001:ValidateAudience = false|},
            };

            public static TokenValidationParameters Default { get; } = new TokenValidationParameters
            {
                {|OA0003:ValidateLifetime = false|},
                ValidateAudience = true,
            };

            public static TokenValidationParameters Create(string audience) => new TokenValidationParameters
            {
                ValidAudience = audience,
                {|OA0002:ValidateIssuer = false|},
            };

            public static TokenValidationParameters Imperative()
            {
                var p = new TokenValidationParameters();
                {|OA0001:p.ValidateAudience = false|};
                {|OA0005:p.RequireSignedTokens = false|};
                p.ValidateIssuer = true;
                return p;
            }

            public static TokenValidationParameters Shared2 => Shared;
        }
        """);

    [Fact]
    public Task Environment_and_build_dependent_values_get_their_own_message() => VerifyProgramAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        var builder = WebApplication.CreateBuilder(args);
        bool isDev = builder.Environment.IsDevelopment();
        builder.Services.AddAuthentication().AddJwtBearer(o =>
        {
            o.TokenValidationParameters.ValidateIssuer = true;
            {|#0:o.TokenValidationParameters.ValidateAudience = !isDev|};
            {|#1:o.TokenValidationParameters.ValidateLifetime = builder.Environment.IsProduction()|};
        #if DEBUG
            // Not compiled in this (Release) build, so not analysed.
            o.TokenValidationParameters.RequireSignedTokens = false;
        #else
            {|#2:o.TokenValidationParameters.RequireSignedTokens = false|};
        #endif
        });
        builder.Build().Run();
        """,
        Info("OA0001", 0).WithArguments("ValidateAudience", "false in some environments"),
        Info("OA0003", 1).WithArguments("ValidateLifetime", "false in some environments"),
        Info("OA0005", 2).WithArguments("RequireSignedTokens", "false in some environments"));

    [Fact]
    public Task Token_handlers_validating_directly() => VerifyAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class TokenChecker
        {
            private readonly JsonWebTokenHandler _handler = new();

            public async Task<bool> IsValidAsync(string token, SecurityKey key)
            {
                TokenValidationResult result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
                {
                    IssuerSigningKey = key,
                    ValidIssuer = "https://auth.example.com",
                    {|OA0001:ValidateAudience = false|},
                });
                return result.IsValid;
            }

            public Task<TokenValidationResult> LegacyAsync(string token, SecurityKey key)
                => new JwtSecurityTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
                {
                    IssuerSigningKey = key,
                    ValidAudience = "billing-api",
                    ValidIssuer = "https://auth.example.com",
                    {|OA0003:ValidateLifetime = default|},
                });
        }
        """);

    [Fact]
    public Task OpenIdConnect_options_are_checked_like_JwtBearer() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;

        public static class Oidc
        {
            public static void Configure(OpenIdConnectOptions o)
            {
                o.Authority = "https://login.example.com";
                {|OA0002:o.TokenValidationParameters.ValidateIssuer = false|};
                o.TokenValidationParameters.NameClaimType = "name";
            }

            public static void MultiTenant(OpenIdConnectOptions o, System.Func<string, bool> isKnownTenant)
            {
                o.Authority = "https://login.example.com/common/v2.0";
                o.TokenValidationParameters.ValidateIssuer = false;
                o.TokenValidationParameters.IssuerValidator = (issuer, token, parameters) =>
                    isKnownTenant(issuer) ? issuer : throw new Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException("unknown tenant");
                o.TokenValidationParameters.ValidAlgorithms = new[] { "RS256", {|OA0008:"HS256"|} };
            }
        }
        """);

    [Fact]
    public Task Quiet_for_correct_and_unknowable_configuration() => VerifyProgramAsync(
        """
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        var builder = WebApplication.CreateBuilder(args);
        var jwt = builder.Configuration.GetSection("Jwt");
        bool validateAudience = bool.Parse(jwt["ValidateAudience"] ?? "true");
        builder.Services.AddAuthentication().AddJwtBearer(o =>
        {
            o.Authority = jwt["Authority"];
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateAudience = validateAudience,
                ValidateIssuer = jwt.GetValue<bool>("ValidateIssuer"),
                ValidateLifetime = bool.Parse("false") || true,
                RequireExpirationTime = true,
                RequireSignedTokens = Environment.GetEnvironmentVariable("X") is null,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            o.TokenValidationParameters.RequireAudience = bool.Parse(jwt["RequireAudience"] ?? "true");
        });

        builder.Build().Run();

        // Same property names on an unrelated settings class.
        public sealed class JwtSettings
        {
            public bool ValidateAudience { get; set; } = false;
            public bool ValidateIssuer { get; set; }
            public void Off() { ValidateIssuer = false; }
        }
        """);
}
