using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.SecretInSourceAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class SecretInSourceTests
{
    private const string Symmetric = "The secret of this SymmetricSecurityKey";

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string what)
        => V.Diagnostic().WithLocation(location).WithArguments(what);

    [Fact]
    public Task Reports_constant_fallbacks_of_configured_secrets() => V.AnalyzerAsync(
        """
        using System;
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IConfiguration configuration, bool isDevelopment)
            {
                var a = {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"] ?? "fallback-secret-signing-key-0123456789"))|};
                var b = {|#1:new SymmetricSecurityKey(Convert.FromBase64String(isDevelopment ? "ZGV2LXNlY3JldC1zaWduaW5nLWtleQ==" : configuration["Jwt:Key"]!))|};
                var c = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"] ?? ""));
                var d = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"] ?? throw new InvalidOperationException("missing")));
            }
        }
        """,
        Expected(0, Symmetric),
        Expected(1, Symmetric));

    [Fact]
    public Task Reports_the_default_of_a_configuration_GetValue() => V.AnalyzerAsync(
        """
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IConfiguration configuration)
            {
                var a = {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration.GetValue("Jwt:Key", "default-dev-secret-key-abcdefghijklmnop")!))|};
                var b = {|#1:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration.GetValue<string>("Jwt:Key", defaultValue: "another-dev-secret-0123456789abcdef")!))|};
                var c = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration.GetValue<string>("Jwt:Key")!));
                var d = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration.GetValue("Jwt:Key", "")!));
                var e = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration.GetValue("Jwt:Key", configuration["Jwt:Fallback"])!));
            }
        }
        """,
        Expected(0, Symmetric),
        Expected(1, Symmetric));

    [Fact]
    public Task Reports_an_options_property_whose_default_is_a_literal_secret() => V.AnalyzerAsync(
        """
        using System.Text;
        using Microsoft.Extensions.Options;
        using Microsoft.IdentityModel.Tokens;
        public class JwtOptions
        {
            public string SigningKey { get; set; } = "0d6f4b2e-this-is-the-default-signing-key-9a8b";
            public string Empty { get; set; } = "";
            public string Unset { get; set; } = null!;
        }
        class C
        {
            void M(IOptions<JwtOptions> options, JwtOptions bound)
            {
                var a = {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Value.SigningKey))|};
                var b = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(bound.Empty));
                var c = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(bound.Unset));
            }
        }
        """,
        Expected(0, Symmetric));

    [Fact]
    public Task Judges_whole_constant_strings_and_ignores_bare_PEM_markers() => V.AnalyzerAsync(
        """"
        class C
        {
            const string Body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
            const string Interpolated = {|#0:$"-----BEGIN PRIVATE KEY-----\n{Body}\n-----END PRIVATE KEY-----"|};
            const string Concatenated = {|#1:"-----BEGIN PRIVATE KEY-----\n" + Body + "\n-----END PRIVATE KEY-----"|};
            const string Jwk = {|#2:"{ \"kty\": \"oct\", " + "\"k\": \"GawgguFyGrWKav7AX4VKUg\" }"|};
            const string Header = "-----BEGIN PRIVATE KEY-----";
            const string Footer = "-----END RSA PRIVATE KEY-----";

            string Rebuild(string body) => $"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----";
            string Strip(string pem) => pem.Replace("-----BEGIN ENCRYPTED PRIVATE KEY-----", "").Replace(Footer, "");
        }
        """",
        Expected(0, "A PEM private key"),
        Expected(1, "A PEM private key"),
        Expected(2, "A private JSON Web Key"));

    [Fact]
    public Task Reports_symmetric_keys_built_from_constants() => V.AnalyzerAsync(
        """
        using System;
        using System.Text;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const string Secret = "super-secret-signing-key-of-32-bytes!!";
            static readonly string AlsoSecret = "another-secret-signing-key-32-bytes";
            static readonly byte[] Bytes = { 1, 2, 3, 4, 5, 6, 7, 8 };
            void M()
            {
                var a = {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes("super-secret-signing-key-of-32-bytes!!"))|};
                var b = {|#1:new SymmetricSecurityKey(Encoding.ASCII.GetBytes(Secret))|};
                var c = {|#2:new SymmetricSecurityKey(Convert.FromBase64String("c3VwZXItc2VjcmV0LXNpZ25pbmcta2V5LW9mLTMyLWJ5dGVzISE="))|};
                var d = {|#3:new SymmetricSecurityKey(new byte[] { 0x01, 0x02, 0x03, 0x04 })|};
                var e = {|#4:new SymmetricSecurityKey("super-secret-signing-key-of-32-bytes!!"u8.ToArray())|};
                var bytes = Encoding.UTF8.GetBytes(AlsoSecret);
                var f = {|#5:new SymmetricSecurityKey(bytes)|};
                var g = {|#6:new SymmetricSecurityKey(Bytes)|};
                var h = {|#7:new SymmetricSecurityKey(Convert.FromHexString("00112233445566778899aabbccddeeff"))|};
            }
        }
        """,
        Enumerable.Range(0, 8).Select(i => Expected(i, Symmetric)).ToArray());

    [Fact]
    public Task Reports_a_symmetric_key_inside_AddJwtBearer() => V.AnalyzerAsync(
        """
        using System.Text;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters
                {
                    IssuerSigningKey = {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes("super-secret-signing-key-of-32-bytes!!"))|},
                });
            }
        }
        """,
        Expected(0, Symmetric));

    [Fact]
    public Task Reports_PEM_private_keys_and_private_JWKs() => V.AnalyzerAsync(
        """"
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const string Pem = {|#0:"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4\n-----END PRIVATE KEY-----"|};
            const string RsaPem = {|#1:"""
                -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
                VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK
                -----END RSA PRIVATE KEY-----
                """|};
            void M()
            {
                var jwk = new JsonWebKey({|#2:"""{"kty":"RSA","kid":"k1","n":"0vx7agoebGcQ","e":"AQAB","d":"X4cTteJY_gn4FYPs"}"""|});
                var oct = new JsonWebKey({|#3:"{ \"kty\": \"oct\", \"k\": \"GawgguFyGrWKav7AX4VKUg\" }"|});
                var built = new JsonWebKey { Kty = "RSA", N = "0vx7agoebGcQ", E = "AQAB", {|#4:D = "X4cTteJY_gn4FYPs"|} };
            }
        }
        """",
        Expected(0, "A PEM private key"), Expected(1, "A PEM private key"), Expected(2, "A private JSON Web Key"),
        Expected(3, "A private JSON Web Key"), V.Diagnostic().WithLocation(4).WithArguments("The private member 'D' of this JsonWebKey"));

    [Fact]
    public Task Silent_for_keys_read_at_run_time_public_keys_and_public_JWKs() => V.AnalyzerAsync(
        """
        using System;
        using System.IO;
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const string PublicPem = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----";
            const string PublicJwk = "{\"kty\":\"RSA\",\"kid\":\"k1\",\"n\":\"0vx7agoebGcQ\",\"e\":\"AQAB\"}";
            const string Docs = "Set \"d\": \"...\" in the key file";
            void M(IConfiguration config, string secretFromCaller)
            {
                var a = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config["Jwt:Key"]!));
                var b = new SymmetricSecurityKey(Convert.FromBase64String(Environment.GetEnvironmentVariable("JWT_KEY")!));
                var c = new SymmetricSecurityKey(File.ReadAllBytes("key.bin"));
                var d = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
                var e = new SymmetricSecurityKey(new byte[32]);
                var f = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secretFromCaller));
                var g = new JsonWebKey(PublicJwk);
                var h = new JsonWebKey { Kty = "RSA", N = "0vx7agoebGcQ", E = "AQAB", D = config["Jwt:D"] };
            }
        }
        """);

    [Fact]
    public Task Silent_for_an_unrelated_type_with_the_same_name() => V.AnalyzerAsync(
        """
        using System.Text;
        class SymmetricSecurityKey { public SymmetricSecurityKey(byte[] key) { } }
        class C { object M() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes("super-secret-signing-key-of-32-bytes!!")); }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        class C { const string Pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"; }
        """,
        Refs.Framework);

    [Fact]
    public Task Silent_in_test_projects_by_default() => V.AnalyzerAsync(
        """
        using System.Text;
        using Microsoft.IdentityModel.Tokens;
        class C { object M() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes("super-secret-signing-key-of-32-bytes!!")); }
        """,
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)));

    [Fact]
    public Task Reports_a_secret_in_a_static_field_that_is_not_readonly_but_never_reassigned() => V.AnalyzerAsync(
        """
        using System;
        using System.Text;
        using Microsoft.IdentityModel.Tokens;

        public static class JwtKeys
        {
            private static string SigningSecret = "b1lling-s1gning-secret-2024-do-not-share";
            public static byte[] SharedKeyBytes = Encoding.UTF8.GetBytes("partner-shared-secret-0123456789abcdef");

            public static SecurityKey Signing() => {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningSecret))|};
            public static SecurityKey Partner() => {|#1:new SymmetricSecurityKey(SharedKeyBytes)|};
        }
        """,
        Expected(0, Symmetric),
        Expected(1, Symmetric));

    [Fact]
    public Task Silent_for_a_static_field_that_is_assigned_at_startup() => V.AnalyzerAsync(
        """
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;

        public static class JwtKeys
        {
            public static string SigningSecret = "replaced-at-startup-0123456789abcdef";
            private static byte[] _keyBytes = new byte[] { 1, 2, 3, 4 };

            public static void Load(IConfiguration configuration)
            {
                SigningSecret = configuration["Jwt:Secret"]!;
                JwtKeys._keyBytes = Encoding.UTF8.GetBytes(SigningSecret);
            }

            public static SecurityKey Signing() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningSecret));
            public static SecurityKey Bytes() => new SymmetricSecurityKey(_keyBytes);
        }
        """);

    [Fact]
    public Task Silent_for_PEM_blocks_that_say_they_are_placeholders_or_are_too_short_to_be_keys() => V.AnalyzerAsync(
        """
        public static class PemSamples
        {
            public const string FakeLabel = "-----BEGIN FAKE PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4\n-----END FAKE PRIVATE KEY-----";
            public const string ExampleBody = "-----BEGIN PRIVATE KEY-----\nEXAMPLEKEYMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4\n-----END PRIVATE KEY-----";
            public const string Dummy = "-----BEGIN RSA PRIVATE KEY-----\ndummy-key-for-docs-MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTU\n-----END RSA PRIVATE KEY-----";
            public const string Elided = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEf...\n-----END PRIVATE KEY-----";
            public const string TooShort = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF\n-----END PRIVATE KEY-----";
        }
        """);

    [Fact]
    public Task Reports_a_real_looking_PEM_key_whatever_letters_its_base64_happens_to_contain() => V.AnalyzerAsync(
        """
        public static class Keys
        {
            public const string Ed25519 = {|#0:"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFakeXyourQ0mDJ8Vr3vY2vPz1nq0aE7m4Zb9ZqkzUd1XwP\n-----END PRIVATE KEY-----"|};
        }
        """,
        Expected(0, "A PEM private key"));
}
