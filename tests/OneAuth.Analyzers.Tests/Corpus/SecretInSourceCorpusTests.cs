using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>OA0011: signing secrets and private keys in source, against keys read at run time.</summary>
public class SecretInSourceCorpusTests
{
    [Fact]
    public Task Symmetric_keys_from_literals_constants_and_fallbacks() => VerifyProgramAsync(
        """
        using System;
        using System.Text;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication().AddJwtBearer(o =>
        {
            o.TokenValidationParameters = new()
            {
                ValidIssuer = "https://auth.example.com",
                ValidAudience = "billing-api",
                IssuerSigningKey = {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes("this-is-my-super-secret-signing-key-123"))|},
            };
        });
        var fromBase64 = {|OA0011:new SymmetricSecurityKey(Convert.FromBase64String("c2VjcmV0LXNpZ25pbmcta2V5LXRoYXQtaXMtbG9uZw=="))|};
        var withFallback = {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:Key"] ?? "dev-fallback-secret-key-0123456789abcdef"))|};
        var fromConstant = {|OA0011:new SymmetricSecurityKey(Encoding.ASCII.GetBytes(Secrets.SigningKey))|};
        builder.Build().Run();

        static class Secrets
        {
            public const string SigningKey = "another-hard-coded-secret-0123456789";
        }
        """);

    [Fact]
    public Task Private_keys_in_raw_interpolated_and_concatenated_constants() => VerifyAsync(
        """"
        using System.Security.Cryptography;
        using Microsoft.IdentityModel.Tokens;

        public static class Keys
        {
            private const string Body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";

            private const string Pem = {|OA0011:"""
                -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
                -----END RSA PRIVATE KEY-----
                """|};

            private const string Interpolated = {|OA0011:$"-----BEGIN PRIVATE KEY-----\n{Body}\n-----END PRIVATE KEY-----"|};

            private const string Concatenated = {|OA0011:"-----BEGIN EC PRIVATE KEY-----\n" +
                "MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n" +
                "-----END EC PRIVATE KEY-----"|};

            private const string Jwk = {|OA0011:"""
                { "kty": "RSA", "kid": "k1", "n": "u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0t", "e": "AQAB", "d": "GRtbIQmhOZtyszfgKdg4u_N-R_mZGU_9k7JQ_jn1DnfTuMdSNprTeaSTyWfSNkuaAwnOEbIQVy1IQbWVV25NY3ybc_IhUJtfri7bAXYEReWaCl3hdlPKXy9UvqPYGR0kIXTQRqns-dVJ7jahlI7LyckrpTmrM8dWBo4_PMaenNnPiQgO0xnuToxutRZJfJvG4Ox4ka3GORQd9CsCZ2vsUDmsXOfUENOyMqADC6p1M3h33tsurY15k9qMSpG9OX_IJAXmxzAh_tWiZOwk2K4yxH9tS3Lq1yX8C1EWmeRDkK2ahecG85-oLKQt5VEpWHKmjOi_gJSdSgqcN96X52esAQ" }
                """|};

            public static RSA Load()
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(Pem);
                return rsa;
            }
        }
        """");

    [Fact]
    public Task Quiet_for_keys_read_at_run_time_public_material_and_PEM_markers() => VerifyProgramAsync(
        """"
        using System;
        using System.IO;
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        var builder = WebApplication.CreateBuilder(args);
        string secret = builder.Configuration["Jwt:Key"] ?? throw new InvalidOperationException("Jwt:Key is not configured");
        builder.Services.AddAuthentication().AddJwtBearer(o =>
        {
            o.TokenValidationParameters = {|OA0023:new()|}
            {
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
            };
        });
        var fromEnvironment = new SymmetricSecurityKey(Convert.FromBase64String(Environment.GetEnvironmentVariable("JWT_KEY")!));
        var fromFile = new SymmetricSecurityKey(File.ReadAllBytes("/run/secrets/jwt"));
        var random = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));

        string vaultBody = builder.Configuration["Vault:Key"]!;
        var rebuilt = $"-----BEGIN PRIVATE KEY-----\n{vaultBody}\n-----END PRIVATE KEY-----";
        var stripped = File.ReadAllText("key.pem").Replace("-----BEGIN PRIVATE KEY-----", "").Replace("-----END PRIVATE KEY-----", "");
        const string PublicKey = """
            -----BEGIN PUBLIC KEY-----
            MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo
            -----END PUBLIC KEY-----
            """;
        const string PublicJwk = """{ "kty": "RSA", "kid": "k1", "n": "u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0t", "e": "AQAB" }""";
        builder.Build().Run();
        """");

    [Fact]
    public Task Secrets_and_settings_kept_in_static_properties_and_fields_of_another_file()
    {
        return VerifyWithFileAsync(
            """
            using System;
            using System.Text;
            using Microsoft.IdentityModel.Tokens;

            public static class Keys
            {
                public static TokenValidationParameters Create() => new()
                {
                    IssuerSigningKey = {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtDefaults.Secret))|},
                    TokenDecryptionKey = {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Local.Key))|},
                    {|OA0009:ClockSkew = Local.Skew|},
                    {|OA0001:ValidateAudience = Local.Audience|},
                };

                private static class Local
                {
                    public static string Key { get; } = "a-secret-in-a-get-only-property-0123456789";
                    public static TimeSpan Skew => TimeSpan.FromMinutes(15);
                    public static bool Audience => false;
                }
            }
            """,
            "JwtDefaults.cs",
            """
            public static class JwtDefaults
            {
                public static readonly string Secret = "a-secret-declared-in-another-file-0123456789";
            }
            """);
    }

    [Fact]
    public Task Token_service_keeping_its_secret_in_readonly_instance_fields() => VerifyAsync(
        """
        using System;
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;

        public sealed class TokenService
        {
            private readonly byte[] _key = Encoding.UTF8.GetBytes("token-service-secret-0123456789abcdef");
            private readonly string _fallback = "another-instance-field-secret-0123456789";
            private readonly string _configured;
            private readonly byte[] _rotated = Encoding.UTF8.GetBytes("replaced-in-the-constructor-0123456789");
            private readonly bool _validateAudience = false;

            public TokenService(IConfiguration configuration, bool rotate)
            {
                _configured = configuration["Jwt:Key"]!;
                if (rotate)
                    _rotated = Convert.FromBase64String(configuration["Jwt:Rotated"]!);
            }

            public TokenValidationParameters Parameters() => new()
            {
                IssuerSigningKeys = new[]
                {
                    {|OA0011:new SymmetricSecurityKey(_key)|},
                    {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_fallback))|},
                    new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configured)),
                    new SymmetricSecurityKey(_rotated),
                },
                {|OA0001:ValidateAudience = _validateAudience|},
            };
        }
        """);

    [Fact]
    public Task Documentation_placeholders_and_a_secret_kept_in_a_mutable_static_field() => VerifyAsync(
        """
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;

        /// <summary>Shown in the admin UI as an example of the expected format.</summary>
        public static class KeyFormatHints
        {
            public const string RsaExample = @"-----BEGIN RSA PRIVATE KEY-----
        MIIEpAIBAAKCAQEA...your key here...
        -----END RSA PRIVATE KEY-----";

            public const string Redacted = "-----BEGIN PRIVATE KEY-----\nREDACTED\n-----END PRIVATE KEY-----";
        }

        public static class LegacySigning
        {
            private static string SharedSecret = "contoso-legacy-hmac-secret-2019-rotate-me";

            public static SecurityKey Key() => {|OA0011:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SharedSecret))|};
        }

        public static class ConfiguredSigning
        {
            private static string SharedSecret = "";

            public static void Load(IConfiguration configuration) => SharedSecret = configuration["Signing:Secret"]!;

            public static SecurityKey Key() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SharedSecret));
        }
        """);
}
