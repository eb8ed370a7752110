using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// Worker services and libraries that validate tokens without the JwtBearer handler: generic host setup,
/// parameters registered as singletons, hand-built configuration managers and key sets.
/// </summary>
public class WorkerServiceCorpusTests
{
    [Fact]
    public Task Generic_host_worker_validating_queue_messages() => VerifyAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Cryptography;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Protocols;
        using Microsoft.IdentityModel.Protocols.OpenIdConnect;
        using Microsoft.IdentityModel.Tokens;

        public static class WorkerHost
        {
            private const int SkewSeconds = 600;

            public static IHostBuilder Create(string[] args, RSA rsa) => Host.CreateDefaultBuilder(args)
                .ConfigureServices((context, services) =>
                {
                    var algorithms = new List<string> { SecurityAlgorithms.RsaSha256 };
                    algorithms.Add(SecurityAlgorithms.HmacSha256);
                    services.AddSingleton(new TokenValidationParameters
                    {
                        ValidIssuer = "https://auth.example.com",
                        ValidAudience = "billing-worker",
                        IssuerSigningKey = new RsaSecurityKey(rsa),
                        {|OA0008:ValidAlgorithms = algorithms|},
                        {|OA0009:ClockSkew = TimeSpan.FromSeconds(SkewSeconds)|},
                    });
                    services.AddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(new ConfigurationManager<OpenIdConnectConfiguration>(
                        {|OA0010:"http://auth.example.com/.well-known/openid-configuration"|},
                        new OpenIdConnectConfigurationRetriever(),
                        new HttpDocumentRetriever { {|OA0010:RequireHttps = false|} }));
                    if (context.HostingEnvironment.IsDevelopment())
                        services.AddSingleton(new TokenValidationParameters { {|#0:ValidateLifetime = false|} });
                });

            public static bool Validate(string token, TokenValidationParameters shared)
            {
                var parameters = shared.Clone();
                {|OA0001:parameters.ValidateAudience = false|};
                parameters.ValidAlgorithms = new[] { {|OA0008:SecurityAlgorithms.None|} };
                new JwtSecurityTokenHandler().ValidateToken(token, parameters, out _);
                return true;
            }
        }
        """,
        Info("OA0003", 0));

    [Fact]
    public Task Configuration_shared_through_fields_and_delegates() => VerifyAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Text;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public static class SharedJwt
        {
            private static readonly string Secret = "a-static-readonly-secret-0123456789abcdef";

            public static readonly Action<JwtBearerOptions> Configure = o =>
            {
                o.TokenValidationParameters.IssuerSigningKey = {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret))|};
                {|OA0006:o.TokenValidationParameters.TypeValidator = (type, token, parameters) => "JWT"|};
                {|OA0006:o.TokenValidationParameters.AudienceValidator = AcceptAll|};
                {|OA0007:o.TokenValidationParameters.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                {
                    var jku = ((JsonWebToken)securityToken).GetHeaderValue<string>("jku");
                    using var http = new HttpClient();
                    return new JsonWebKeySet(http.GetStringAsync(jku).GetAwaiter().GetResult()).GetSigningKeys();
                }|};

                bool AcceptAll(IEnumerable<string> audiences, SecurityToken token, TokenValidationParameters parameters) => true;
            };

            public const string PrivateJwks = {|OA0011:"{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\",\"d\":\"jpsQnnGQmL-YBIffH1136cLYXUZmwA06jr-B27bQnFs\"}]}"|};
        }
        """);

    [Fact]
    public Task Quiet_for_values_that_are_true_unknown_or_not_token_validation() => VerifyAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Net.Security;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.IdentityModel.Tokens;

        public sealed record JwtConfig(bool ValidateAudience, TimeSpan ClockSkew);

        public static class Quiet
        {
            public static void Configure(JwtBearerOptions o, JwtConfig config, TimeSpan skew, string[] audiences, string pinned)
            {
                var ok = true;
                o.TokenValidationParameters.ValidateAudience = ok;
                o.TokenValidationParameters.ValidateIssuer = !false;
                o.TokenValidationParameters.ValidateLifetime = audiences.Length > 0;
                o.TokenValidationParameters.ClockSkew = skew;
                o.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(5);
                o.TokenValidationParameters.ValidateIssuerSigningKey = config.ValidateAudience;
                var relaxed = config with { ValidateAudience = false, ClockSkew = TimeSpan.FromDays(1) };

                var algorithms = new List<string> { "RS256", "none" };
                algorithms.Remove("none");
                o.TokenValidationParameters.ValidAlgorithms = algorithms;

                o.BackchannelHttpHandler = new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                        errors == SslPolicyErrors.None || certificate?.Thumbprint == pinned,
                };
            }
        }
        """);

    [Fact]
    public Task Values_computed_from_constants() => VerifyAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;

        public static class Computed
        {
            public static TokenValidationParameters Create(IConfiguration configuration, bool flag) => new()
            {
                {|OA0001:ValidateAudience = false && flag|},
                ValidateIssuer = true || flag,
                ValidateLifetime = flag && true,
                {|OA0009:ClockSkew = TimeSpan.FromMinutes(5) + TimeSpan.FromMinutes(1)|},
                IssuerSigningKeys = new SecurityKey[]
                {
                    {|OA0011:new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes("hashed-but-still-fixed-secret")))|},
                    {|OA0011:new SymmetricSecurityKey(Base64UrlEncoder.DecodeBytes("c2VjcmV0LXNpZ25pbmcta2V5LXRoYXQtaXMtbG9uZw"))|},
                    new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!))),
                },
                ValidAlgorithms = new[] { "RS256", {|OA0008:"none"|} }.ToList(),
            };

            public static void More(TokenValidationParameters p, IConfiguration configuration)
            {
                {|OA0009:p.ClockSkew = TimeSpan.FromMinutes(3) * 2|};
                p.ClockSkew = TimeSpan.FromMinutes(8) / 2;
                p.ClockSkew = TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(int.Parse(configuration["Extra"]!));
                p.ValidAlgorithms = new List<string>(new[] { "RS256", {|OA0008:"none"|} });
            }
        }
        """);

    [Fact]
    public Task Keys_and_metadata_downloaded_by_hand() => VerifyAsync(
        """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.Protocols.OpenIdConnect;
        using Microsoft.IdentityModel.Tokens;

        public sealed class KeyLoader(HttpClient http)
        {
            private const string Jwks = "http://auth.internal/.well-known/jwks.json";

            public async Task<JsonWebKeySet> LoadAsync()
            {
                var json = await http.GetStringAsync({|OA0010:Jwks|});
                return new JsonWebKeySet(json);
            }

            public JsonWebKeySet LoadBlocking()
                => JsonWebKeySet.Create(http.GetStringAsync({|OA0010:"http://auth.internal/keys"|}).GetAwaiter().GetResult());

            public async Task<OpenIdConnectConfiguration> MetadataAsync()
                => OpenIdConnectConfiguration.Create(await http.GetStringAsync({|OA0010:"http://auth.internal/.well-known/openid-configuration"|}).ConfigureAwait(false));

            public Task<JsonWebKeySet?> Typed() => http.GetFromJsonAsync<JsonWebKeySet>({|OA0010:"http://auth.internal/keys"|});

            // Quiet: https, loopback, configuration, and downloads that are not keys.
            public async Task<JsonWebKeySet> Secure() => new JsonWebKeySet(await http.GetStringAsync("https://auth.example.com/keys"));
            public async Task<JsonWebKeySet> Local() => new JsonWebKeySet(await http.GetStringAsync("http://localhost:8080/keys"));
            public async Task<JsonWebKeySet> Configured(string url) => new JsonWebKeySet(await http.GetStringAsync(url));
            public Task<string> Weather() => http.GetStringAsync("http://weather.example.com/today");
        }
        """);
}
