using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// Settings weakened only under an environment check — an enclosing <c>if</c>, an early return, the lambda
/// registered inside such an <c>if</c> — are real findings with their own, lower-severity message; the same
/// settings without the guard stay warnings.
/// </summary>
public class EnvironmentGuardCorpusTests
{
    [Fact]
    public Task Startup_class_with_development_only_relaxations() => VerifyAsync(
        """
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public sealed class Startup
        {
            private readonly IWebHostEnvironment _env;

            public Startup(IWebHostEnvironment env) => _env = env;

            public void ConfigureServices(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://auth.example.com";
                    if (_env.IsDevelopment())
                    {
                        {|#0:o.RequireHttpsMetadata = false|};
                        {|#1:o.TokenValidationParameters.ValidateLifetime = false|};
                        {|#2:o.TokenValidationParameters.ClockSkew = TimeSpan.FromHours(2)|};
                    }
                    else
                    {
                        o.RequireHttpsMetadata = true;
                    }
                });

                if (_env.IsEnvironment("Local") || _env.IsDevelopment())
                {
                    services.PostConfigure<JwtBearerOptions>(o =>
                    {
                        {|#3:o.Authority = "http://keycloak:8080/realms/dev"|};
                        {|#4:o.TokenValidationParameters.AudienceValidator = (a, t, p) => true|};
                    });
                }

                services.Configure<JwtBearerOptions>("relaxed", o =>
                {
                    if (!_env.IsDevelopment())
                        return;
                    {|#5:o.TokenValidationParameters.ValidateIssuer = false|};
                });

                services.Configure<JwtBearerOptions>("strict", o =>
                {
                    {|OA0001:o.TokenValidationParameters.ValidateAudience = {|OA0001:o.TokenValidationParameters.RequireAudience = false|}|};
                });
            }
        }
        """,
        Info("OA0010", 0).WithArguments("RequireHttpsMetadata", "is false in some environments"),
        Info("OA0003", 1).WithArguments("ValidateLifetime", "false in some environments"),
        Info("OA0009", 2),
        Info("OA0010", 3),
        Info("OA0006", 4),
        Info("OA0002", 5));

    [Fact]
    public Task Conditions_that_are_not_about_the_environment_keep_the_warning() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        public static class Setup
        {
            public static void Add(IServiceCollection services, IConfiguration configuration)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    if (configuration["Jwt:Authority"] is { } authority)
                    {
                        o.Authority = authority;
                        {|OA0010:o.RequireHttpsMetadata = false|};
                    }

                    if (o.TokenValidationParameters is null)
                        return;
                    {|OA0001:o.TokenValidationParameters.ValidateAudience = false|};
                });
            }
        }
        """);

    [Fact]
    public Task Nested_initializers_derived_parameters_and_validators_reading_their_arguments() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.IdentityModel.Tokens;

        public sealed class TenantParameters : TokenValidationParameters
        {
            public TenantParameters()
            {
                {|OA0002:ValidateIssuer = false|};
                {|OA0006:IssuerValidator = (issuer, token, parameters) => token.Issuer|};
            }
        }

        public static class Factory
        {
            public static JwtBearerOptions Create() => new JwtBearerOptions
            {
                Authority = "https://auth.example.com",
                TokenValidationParameters = { {|OA0001:ValidateAudience = false|}, ValidateIssuer = true },
            };

            public static TenantParameters Tenant() => new TenantParameters { {|OA0003:RequireExpirationTime = false|} };
        }
        """);

    [Fact]
    public Task Every_common_spelling_of_an_environment_check_in_a_value() => VerifyProgramAsync(
        """
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        var builder = WebApplication.CreateBuilder(args);
        var env = builder.Environment;
        builder.Services.AddAuthentication().AddJwtBearer(o =>
        {
            {|#0:o.TokenValidationParameters.ValidateAudience = env.EnvironmentName != "Development"|};
            {|#1:o.TokenValidationParameters.ValidateIssuer = env.IsDevelopment() == false|};
            {|#2:o.TokenValidationParameters.ValidateLifetime = !string.Equals(env.EnvironmentName, Environments.Development, StringComparison.OrdinalIgnoreCase)|};
            {|#3:o.RequireHttpsMetadata = env.IsDevelopment() is false|};
            {|OA0005:o.TokenValidationParameters.RequireSignedTokens = true == false|};
            o.TokenValidationParameters.RequireExpirationTime = false != true;
        });
        builder.Build().Run();
        """,
        Info("OA0001", 0),
        Info("OA0002", 1),
        Info("OA0003", 2),
        Info("OA0010", 3));

    [Fact]
    public Task Switches_over_the_environment_name() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;

        public static class BySwitch
        {
            public static void Configure(JwtBearerOptions o, IHostEnvironment env, string mode)
            {
                {|#0:o.TokenValidationParameters.ValidateAudience = env.EnvironmentName switch { "Development" => false, _ => true }|};
                {|OA0002:o.TokenValidationParameters.ValidateIssuer = mode switch { "a" => false, _ => false }|};
                // Not the environment but an input: off whenever mode is "relaxed".
                {|OA0003:o.TokenValidationParameters.ValidateLifetime = mode switch { "relaxed" => false, _ => true }|};
                switch (env.EnvironmentName)
                {
                    case "Development":
                        {|#1:o.RequireHttpsMetadata = false|};
                        break;
                }

                o.TokenValidationParameters = env.EnvironmentName switch
                {
                    "Development" => new TokenValidationParameters { {|#2:ValidateLifetime = false|} },
                    _ => new TokenValidationParameters(),
                };
            }
        }
        """,
        Info("OA0001", 0),
        Info("OA0010", 1),
        Info("OA0003", 2));
}
