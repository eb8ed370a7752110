using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>The JWT setups most often copied from tutorials and answers, with the findings they really have.</summary>
public class TutorialCorpusTests
{
    [Fact]
    public Task Startup_with_app_settings_secret_and_relaxed_checks() => VerifyAsync(
        """
        using System;
        using System.Text;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public sealed class AppSettings
        {
            public string Secret { get; set; } = "";
        }

        public sealed class Startup
        {
            public Startup(IConfiguration configuration) => Configuration = configuration;

            public IConfiguration Configuration { get; }

            public void ConfigureServices(IServiceCollection services)
            {
                var appSettingsSection = Configuration.GetSection("AppSettings");
                services.Configure<AppSettings>(appSettingsSection);
                var appSettings = appSettingsSection.Get<AppSettings>()!;
                var key = Encoding.ASCII.GetBytes(appSettings.Secret);
                services.AddAuthentication(x =>
                {
                    x.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
                    x.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
                })
                .AddJwtBearer(x =>
                {
                    {|OA0010:x.RequireHttpsMetadata = false|};
                    x.SaveToken = true;
                    x.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidateIssuerSigningKey = true,
                        IssuerSigningKey = new SymmetricSecurityKey(key),
                        {|OA0002:ValidateIssuer = false|},
                        {|OA0001:ValidateAudience = false|},
                        ClockSkew = TimeSpan.Zero,
                    };
                });
            }
        }
        """);

    [Fact]
    public Task Refresh_token_flow_reading_an_expired_token() => VerifyAsync(
        """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;

        public sealed class TokenService(IConfiguration configuration)
        {
            public ClaimsPrincipal GetPrincipalFromExpiredToken(string token)
            {
                var tokenValidationParameters = new TokenValidationParameters
                {
                    {|OA0001:ValidateAudience = false|},
                    {|OA0002:ValidateIssuer = false|},
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["JWT:Secret"]!)),
                    {|OA0003:ValidateLifetime = false|},
                };
                var principal = new JwtSecurityTokenHandler().ValidateToken(token, tokenValidationParameters, out SecurityToken securityToken);
                if (securityToken is not JwtSecurityToken jwt
                    || !jwt.Header.Alg.Equals(SecurityAlgorithms.HmacSha256, StringComparison.InvariantCultureIgnoreCase))
                    throw new SecurityTokenException("Invalid token");
                return principal;
            }
        }
        """);

    [Fact]
    public Task Identity_server_client_and_a_hard_coded_demo_key() => VerifyProgramAsync(
        """
        using System.Text;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication("Bearer")
            .AddJwtBearer("Bearer", options =>
            {
                options.Authority = "https://localhost:5001";
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    {|OA0001:ValidateAudience = false|},
                };
            })
            .AddJwtBearer("Demo", options =>
            {
                var key = "ThisIsMySuperSecretKeyForDemoPurposes123!";
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = builder.Configuration["Jwt:Issuer"],
                    ValidAudience = builder.Configuration["Jwt:Audience"],
                    IssuerSigningKey = {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key))|},
                };
            });
        builder.Build().Run();
        """);
}
