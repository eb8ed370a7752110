using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// Whole services configured correctly, the way careful teams write them: not one diagnostic may appear.
/// </summary>
public class CorrectServiceCorpusTests
{
    [Fact]
    public Task Strict_api_with_jwks_pinned_algorithms_and_development_loopback_issuer() => VerifyProgramAsync(
        """"
        using System;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography;
        using System.Security.Cryptography.X509Certificates;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.Tokens;

        var builder = WebApplication.CreateBuilder(args);
        var jwt = builder.Configuration.GetSection("Jwt");
        string pinnedThumbprint = jwt["IssuerThumbprint"] ?? throw new InvalidOperationException("Jwt:IssuerThumbprint is required");

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.Authority = builder.Environment.IsDevelopment() ? "http://localhost:8080/realms/dev" : "https://auth.example.com/realms/prod";
                o.Audience = "billing-api";
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    RequireAudience = true,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    ValidTypes = ["at+jwt"],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "sub",
                };
                o.BackchannelHttpHandler = new SocketsHttpHandler
                {
                    SslOptions =
                    {
                        RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                            errors == SslPolicyErrors.None
                            && certificate is X509Certificate2 c
                            && string.Equals(c.Thumbprint, pinnedThumbprint, StringComparison.OrdinalIgnoreCase),
                    },
                };
                o.Events = new JwtBearerEvents
                {
                    OnAuthenticationFailed = context =>
                    {
                        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                            .CreateLogger("auth").LogWarning(context.Exception, "token rejected");
                        return System.Threading.Tasks.Task.CompletedTask;
                    },
                };
            });

        builder.Services.AddSingleton(sp =>
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(sp.GetRequiredService<IConfiguration>()["Signing:PublicKeyPem"]);
            return new TokenValidationParameters
            {
                ValidIssuer = "https://auth.example.com/realms/prod",
                ValidAudience = "billing-worker",
                IssuerSigningKey = new RsaSecurityKey(rsa),
                ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256 },
                ClockSkew = TimeSpan.FromMinutes(1),
                LifetimeValidator = (notBefore, expires, token, parameters) =>
                    expires is { } e && e > DateTime.UtcNow.Add(-parameters.ClockSkew),
                AudienceValidator = (audiences, token, parameters) => audiences.Contains(parameters.ValidAudience),
            };
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Run();
        """");
}
