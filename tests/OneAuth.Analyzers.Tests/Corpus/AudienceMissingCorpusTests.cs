using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// OA0023 over service code as it looks after OA0001's fix: audience validation on, sometimes with nothing to
/// compare with. Each finding sits beside a safe twin that names its audience in one of the ways real services do
/// (a constant, a configuration read, a list, the scheme's Audience, a helper), and the twins stay quiet.
/// </summary>
public class AudienceMissingCorpusTests
{
    [Fact]
    public Task Program_cs_after_OA0001s_fix_beside_schemes_that_name_their_audience() => VerifyProgramAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.Authority = "https://auth.example.com";
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = "https://auth.example.com",
                    {|OA0023:ValidateAudience = true|},
                };
            })
            // Twin: the scheme's Audience becomes ValidAudience.
            .AddJwtBearer("orders", o =>
            {
                o.Authority = "https://auth.example.com";
                o.Audience = "orders-api";
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = "https://auth.example.com",
                    ValidateAudience = true,
                };
            })
            // Twin: read from configuration.
            .AddJwtBearer("partner", o =>
            {
                o.Authority = builder.Configuration["Partner:Authority"];
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = builder.Configuration["Partner:Issuer"],
                    ValidAudience = builder.Configuration["Partner:Audience"],
                };
            })
            // Twin: the scheme keeps its own parameters, which Authentication:Schemes:internal can fill.
            .AddJwtBearer("internal", o =>
            {
                o.Authority = "https://auth.example.com";
                o.TokenValidationParameters.ValidateAudience = true;
            });

        var app = builder.Build();
        app.UseAuthentication();
        app.Run();
        """);

    [Fact]
    public Task Hand_written_validation_in_a_worker() => VerifyAsync(
        """
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class QueueTokenValidator
        {
            private const string Issuer = "https://auth.example.com";
            private static readonly string[] Audiences = { "queue-worker", "queue" };
            private readonly JsonWebTokenHandler _handler = new();
            private readonly IConfiguration _configuration;
            private readonly IList<SecurityKey> _keys;

            public QueueTokenValidator(IConfiguration configuration, IList<SecurityKey> keys)
            {
                _configuration = configuration;
                _keys = keys;
            }

            public async Task<ClaimsIdentity?> ValidateAsync(string token)
            {
                var parameters = {|OA0023:new TokenValidationParameters|}
                {
                    ValidIssuer = Issuer,
                    IssuerSigningKeys = _keys,
                };
                TokenValidationResult result = await _handler.ValidateTokenAsync(token, parameters);
                return result.IsValid ? result.ClaimsIdentity : null;
            }

            // Twin: a list of audiences.
            public async Task<bool> IsValidAsync(string token)
            {
                var parameters = new TokenValidationParameters { ValidIssuer = Issuer, IssuerSigningKeys = _keys };
                parameters.ValidAudiences = Audiences;
                return (await _handler.ValidateTokenAsync(token, parameters)).IsValid;
            }

            // Twin: the audience comes from configuration, set after the initializer.
            public ClaimsPrincipal Legacy(string token)
            {
                var parameters = new TokenValidationParameters { ValidIssuer = Issuer, IssuerSigningKeys = _keys, ValidateAudience = true };
                parameters.ValidAudience = _configuration["Queue:Audience"];
                return new JwtSecurityTokenHandler().ValidateToken(token, parameters, out _);
            }

            // A helper that forgets the audience: every call hands its result straight to a validation.
            public Task<TokenValidationResult> ViaForgetfulHelper(string token) => _handler.ValidateTokenAsync(token, Issued());

            private TokenValidationParameters Issued() => {|OA0023:new()|} { ValidIssuer = Issuer, IssuerSigningKeys = _keys };

            // Twin: a helper builds and finishes the parameters.
            public Task<TokenValidationResult> ViaHelper(string token) => _handler.ValidateTokenAsync(token, Build());

            private TokenValidationParameters Build()
            {
                var parameters = new TokenValidationParameters { ValidIssuer = Issuer, IssuerSigningKeys = _keys };
                parameters.ValidAudience = "queue-worker";
                return parameters;
            }

            // Twin: the audience is set by a method that receives the parameters.
            public Task<TokenValidationResult> ViaConfigure(string token)
            {
                var parameters = new TokenValidationParameters { ValidIssuer = Issuer };
                ApplyAudience(parameters);
                return _handler.ValidateTokenAsync(token, parameters);
            }

            private void ApplyAudience(TokenValidationParameters parameters) => parameters.ValidAudience = _configuration["Queue:Audience"];
        }
        """);

    [Fact]
    public Task Options_configured_elsewhere_keep_every_scheme_quiet() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class ApiAuthentication
        {
            public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = "https://auth.example.com" };
                });

                // The audience comes from the Jwt section, bound after the scheme's own lambda.
                services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).BindConfiguration("Jwt");
                return services;
            }
        }
        """);
}
