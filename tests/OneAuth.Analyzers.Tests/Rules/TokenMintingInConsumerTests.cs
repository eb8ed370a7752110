using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Rules;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.TokenMintingInConsumerAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class TokenMintingInConsumerTests
{
    private const string Usings = """
        using System;
        using System.Security.Claims;
        using System.Security.Cryptography;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        """;

    private const string Scope = "\n[assembly: OneAuth.AppScope(\"billing\")]\n";

    private const string Minting = """
        class Minter
        {
            string Symmetric(byte[] secret)
            {
                var key = new SymmetricSecurityKey(secret);
                var credentials = {|#0:new SigningCredentials(key, SecurityAlgorithms.HmacSha256)|};
                var token = {|#1:new JwtSecurityToken("billing", "payments", new[] { new Claim("app_id", "payments") }, signingCredentials: credentials)|};
                return new JwtSecurityTokenHandler().WriteToken(token);
            }

            string Rsa(RSA rsa, JsonWebKey jwk)
            {
                var descriptor = new SecurityTokenDescriptor
                {
                    Issuer = "https://auth.example.com",
                    SigningCredentials = {|#2:new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256)|},
                };
                var viaJwk = {|#3:new SigningCredentials(jwk, SecurityAlgorithms.RsaSha256)|};
                string a = {|#4:new JsonWebTokenHandler().CreateToken(descriptor)|};
                string b = {|#5:new JsonWebTokenHandler().CreateToken("{}", viaJwk)|};
                var legacy = new JwtSecurityTokenHandler();
                string c = {|#6:legacy.CreateEncodedJwt(descriptor)|};
                var d = {|#7:legacy.CreateJwtSecurityToken(descriptor)|};
                return a + b + c + legacy.WriteToken(d);
            }
        }
        """;

    [Fact]
    public Task Silent_on_a_correct_realistic_service() => V.AnalyzerAsync(OneAuth.Analyzers.Tests.Corpus.CorrectBillingService.Source);

    [Fact]
    public Task Reports_its_mistake_in_a_realistic_legacy_service() => V.AnalyzerAsync(
        OneAuth.Analyzers.Tests.Corpus.LegacyBillingService.Source,
        V.Diagnostic().WithLocation(5).WithArguments("new JwtSecurityToken(..., signingCredentials)", "a signed token"));

    [Fact]
    public Task Reports_signing_credentials_and_token_creation_in_an_AppScope_assembly() => V.AnalyzerAsync(
        Usings + Scope + Minting,
        V.Diagnostic().WithLocation(0).WithArguments("new SigningCredentials(SymmetricSecurityKey, ...)", "signing credentials"),
        V.Diagnostic().WithLocation(1).WithArguments("new JwtSecurityToken(..., signingCredentials)", "a signed token"),
        V.Diagnostic().WithLocation(2).WithArguments("new SigningCredentials(RsaSecurityKey, ...)", "signing credentials"),
        V.Diagnostic().WithLocation(3).WithArguments("new SigningCredentials(JsonWebKey, ...)", "signing credentials"),
        V.Diagnostic().WithLocation(4).WithArguments("JsonWebTokenHandler.CreateToken", "a token"),
        V.Diagnostic().WithLocation(5).WithArguments("JsonWebTokenHandler.CreateToken", "a token"),
        V.Diagnostic().WithLocation(6).WithArguments("JwtSecurityTokenHandler.CreateEncodedJwt", "a token"),
        V.Diagnostic().WithLocation(7).WithArguments("JwtSecurityTokenHandler.CreateJwtSecurityToken", "a token"));

    [Fact]
    public Task Reports_X509_signing_credentials_and_the_legacy_CreateToken() => V.AnalyzerAsync(
        Usings + Scope + """
        class C
        {
            string M(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, SecurityTokenDescriptor descriptor)
            {
                var credentials = {|#0:new X509SigningCredentials(certificate)|};
                var handler = new JwtSecurityTokenHandler();
                return handler.WriteToken({|#1:handler.CreateToken(descriptor)|});
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("new X509SigningCredentials(X509Certificate2, ...)", "signing credentials"),
        V.Diagnostic().WithLocation(1).WithArguments("JwtSecurityTokenHandler.CreateToken", "a token"));

    [Fact]
    public Task Reports_with_the_attribute_in_another_file()
    {
        var test = new CSharpAnalyzerTest<TokenMintingInConsumerAnalyzer, DefaultVerifier> { ReferenceAssemblies = Refs.None };
        test.TestState.Sources.Add(("/0/Properties/AssemblyInfo.cs", "[assembly: OneAuth.AppScope(\"billing\")]"));
        test.TestState.Sources.Add(("/0/Minter.cs", Usings + "\nclass M { string T(JsonWebTokenHandler h, SecurityTokenDescriptor d) => {|#0:h.CreateToken(d)|}; }"));
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth);
        test.ExpectedDiagnostics.Add(V.Diagnostic().WithLocation(0).WithArguments("JsonWebTokenHandler.CreateToken", "a token"));
        return test.RunAsync();
    }

    [Fact]
    public Task Silent_without_AppScope_where_an_issuer_may_mint() => V.AnalyzerAsync(
        Usings + "\n" + Minting.Replace("{|#0:", "", StringComparison.Ordinal).Replace("{|#1:", "", StringComparison.Ordinal)
            .Replace("{|#2:", "", StringComparison.Ordinal).Replace("{|#3:", "", StringComparison.Ordinal).Replace("{|#4:", "", StringComparison.Ordinal)
            .Replace("{|#5:", "", StringComparison.Ordinal).Replace("{|#6:", "", StringComparison.Ordinal).Replace("{|#7:", "", StringComparison.Ordinal)
            .Replace("|}", "", StringComparison.Ordinal));

    [Fact]
    public Task Reports_injected_credentials_signature_providers_and_hand_made_signatures() => V.AnalyzerAsync(
        Usings + "using System.Text;\n" + Scope + """
        class Minter
        {
            string Injected(SigningCredentials credentials) => new JwtSecurityTokenHandler().WriteToken(
                {|#0:new JwtSecurityToken("https://auth.example.com", "payments", null, null, DateTime.UtcNow.AddMinutes(5), credentials)|});

            string FromParts(SigningCredentials credentials, JwtPayload payload)
                => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken({|#3:new JwtHeader(credentials)|}, payload));

            byte[] Provider(SecurityKey key, byte[] input)
                => {|#1:CryptoProviderFactory.Default.CreateForSigning(key, SecurityAlgorithms.RsaSha256)|}.Sign(input);

            string ByHand(string privatePem, string header, string payload)
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(privatePem);
                string input = Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(payload);
                byte[] signature = {|#2:rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)|};
                return input + "." + Base64UrlEncoder.Encode(signature);
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("new JwtSecurityToken(..., signingCredentials)", "a signed token"),
        V.Diagnostic().WithLocation(1).WithArguments("CryptoProviderFactory.CreateForSigning", "a signature provider"),
        V.Diagnostic().WithLocation(2).WithArguments("RSA.SignData", "a token signature"),
        V.Diagnostic().WithLocation(3).WithArguments("new JwtHeader(..., signingCredentials)", "a signed token"));

    [Fact]
    public Task Silent_for_hand_written_verification_and_signatures_that_are_not_tokens() => V.AnalyzerAsync(
        Usings + "using System.Text;\n" + Scope + """
        class Verifier
        {
            bool Verify(string publicPem, string token)
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(publicPem);
                string[] parts = token.Split('.');
                return rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlEncoder.DecodeBytes(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            string Webhook(RSA key, string body)
                => Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));

            bool Provider(SecurityKey key, byte[] input, byte[] signature)
                => CryptoProviderFactory.Default.CreateForVerifying(key, SecurityAlgorithms.RsaSha256).Verify(input, signature);

            JwtSecurityToken Unsigned() => new JwtSecurityToken("i", "a", null, null, null, signingCredentials: null);
        }
        """);

    [Fact]
    public Task Silent_for_verification_reading_and_writing_unsigned_or_read_tokens() => V.AnalyzerAsync(
        Usings + Scope + """
        class Verifier
        {
            async System.Threading.Tasks.Task<bool> M(string raw, TokenValidationParameters p, RSA publicKey)
            {
                p.IssuerSigningKey = new RsaSecurityKey(publicKey);
                var result = await new JsonWebTokenHandler().ValidateTokenAsync(raw, p);
                var handler = new JwtSecurityTokenHandler();
                var read = handler.ReadJwtToken(raw);
                string again = handler.WriteToken(read);
                string unsigned = handler.WriteToken(new JwtSecurityToken("i", "a"));
                return result.IsValid && again.Length + unsigned.Length > 0;
            }
        }
        """);

    [Fact]
    public Task Silent_for_a_CreateToken_of_another_type() => V.AnalyzerAsync(
        Usings + Scope + """
        class MyHandler { public string CreateToken(string s) => s; }
        class C { string M() => new MyHandler().CreateToken("x"); }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        class SigningCredentials { public SigningCredentials(object key, string alg) { } }
        class C { object M() => new SigningCredentials(new object(), "HS256"); }
        """,
        Refs.Framework);

    [Fact]
    public Task Silent_in_test_projects_by_default() => V.AnalyzerAsync(
        Usings + Scope + """
        class C { SigningCredentials M(byte[] s) => new SigningCredentials(new SymmetricSecurityKey(s), SecurityAlgorithms.HmacSha256); }
        """,
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)));
}
