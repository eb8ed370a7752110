using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Rules;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// Whole files that verify tokens with JWT.NET, jose-jwt, Google.Apis.Auth and token-info endpoints, each next to its safe
/// twin, run through every rule at once (the OA0001-OA0016 rules and the ones for these libraries) with all the libraries
/// referenced: each expected finding is marked and anything unmarked fails the test.
/// </summary>
public class TokenLibraryCorpusTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = CorpusVerifier.AllAnalyzers.AddRange(
        new UnverifiedTokenDecodedAnalyzer(),
        new ExternalTokenAudienceNotCheckedAnalyzer(),
        new WeakAlgorithmInTokenLibraryAnalyzer(),
        new SecretInTokenLibraryAnalyzer());

    [Fact]
    public Task JwtNet_service_that_decodes_without_verifying_with_a_secret_in_source() => VerifyAsync(
        """
        using System.Collections.Generic;
        using JWT;
        using JWT.Algorithms;
        using JWT.Builder;
        using JWT.Serializers;

        public sealed class LegacyTokenService
        {
            private const string Secret = "GQDstcKsx0NHjPOuXOYg5MbeJ1XT0uFiwDVvVBrk";

            public IDictionary<string, object> ReadClaims(string token)
            {
                return {|OA0018:new JwtBuilder()
                    .WithAlgorithm(new HMACSHA256Algorithm())
                    .WithSecret({|OA0011:Secret|})
                    .Decode<IDictionary<string, object>>(token)|};
            }

            public string ReadWithDecoder(string token)
            {
                IJsonSerializer serializer = new JsonNetSerializer();
                var provider = new UtcDateTimeProvider();
                var decoder = new JwtDecoder(serializer, new JwtValidator(serializer, provider), new JwtBase64UrlEncoder(), new HMACSHA256Algorithm());
                return {|OA0018:decoder.Decode(token, {|OA0011:"another-secret-in-source"|}, verify: false)|};
            }
        }
        """);

    [Fact]
    public Task JwtNet_service_that_verifies_with_a_secret_from_configuration() => VerifyAsync(
        """
        using System.Collections.Generic;
        using JWT;
        using JWT.Algorithms;
        using JWT.Builder;
        using JWT.Serializers;
        using Microsoft.Extensions.Configuration;

        public sealed class TokenService
        {
            private readonly string _secret;

            public TokenService(IConfiguration configuration) => _secret = configuration["Jwt:Secret"]!;

            public IDictionary<string, object> ReadClaims(string token)
            {
                var builder = new JwtBuilder()
                    .WithAlgorithm(new HMACSHA256Algorithm())
                    .WithSecret(_secret);
                builder.MustVerifySignature();
                return builder.Decode<IDictionary<string, object>>(token);
            }

            public string ReadWithDecoder(string token)
            {
                IJsonSerializer serializer = new JsonNetSerializer();
                var provider = new UtcDateTimeProvider();
                var decoder = new JwtDecoder(serializer, new JwtValidator(serializer, provider), new JwtBase64UrlEncoder(), new HMACSHA256Algorithm());
                var header = decoder.DecodeHeader<Dictionary<string, object>>(new JwtParts(token));
                return decoder.Decode(token, _secret, verify: true);
            }
        }
        """);

    [Fact]
    public Task Jose_middleware_that_trusts_the_payload_and_confuses_keys() => VerifyAsync(
        """
        using System.Collections.Generic;
        using System.Security.Claims;
        using System.Text;
        using Jose;

        public sealed class ApiKeyAuthenticator
        {
            private const string IssuerPublicKey = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----";

            public ClaimsPrincipal? Authenticate(string token)
            {
                var claims = Jose.JWT.Payload<Dictionary<string, object>>(token);
                if ({|OA0013:(string)claims["role"] == "admin"|})
                    return new ClaimsPrincipal(new ClaimsIdentity("admin"));
                return null;
            }

            public string Verify(string token)
                => Jose.JWT.Decode(token, {|OA0008:Encoding.UTF8.GetBytes(IssuerPublicKey)|}, JwsAlgorithm.HS256);

            public string Unsigned(string token) => {|OA0018:Jose.JWT.Decode(token)|};

            public string NoneAllowed(string token) => Jose.JWT.Decode(token, null, {|OA0008:JwsAlgorithm.none|});
        }
        """);

    [Fact]
    public Task Jose_middleware_that_verifies_first_with_a_pinned_algorithm() => VerifyAsync(
        """
        using System.Collections.Generic;
        using System.Security.Claims;
        using System.Security.Cryptography;
        using Jose;

        public sealed class ApiKeyAuthenticator
        {
            private readonly RSA _issuerKey;

            public ApiKeyAuthenticator(RSA issuerKey) => _issuerKey = issuerKey;

            public ClaimsPrincipal? Authenticate(string token)
            {
                var claims = Jose.JWT.Decode<Dictionary<string, object>>(token, _issuerKey, JwsAlgorithm.RS256);
                if ((string)claims["role"] == "admin")
                    return new ClaimsPrincipal(new ClaimsIdentity("admin"));
                return null;
            }

            public string KeyId(string token) => Jose.JWT.Headers(token)["kid"]?.ToString() ?? "";
        }
        """);

    [Fact]
    public Task Google_and_Facebook_sign_in_without_checking_the_app() => VerifyAsync(
        """
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Google.Apis.Auth;

        public sealed class ExternalLogin
        {
            private readonly HttpClient _http = new();
            private readonly string _facebookAppId = "1234";
            private readonly string _facebookAppSecret = "from-vault";

            public async Task<string> GoogleAsync(string idToken)
            {
                var payload = await {|OA0019:GoogleJsonWebSignature.ValidateAsync(idToken)|};
                return payload.Email;
            }

            public async Task<bool> FacebookAsync(string accessToken)
            {
                var json = await _http.GetStringAsync($"{|OA0019:https://graph.facebook.com/v19.0/debug_token?input_token=|}{accessToken}&access_token={_facebookAppId}|{_facebookAppSecret}");
                using var document = JsonDocument.Parse(json);
                return document.RootElement.GetProperty("data").GetProperty("is_valid").GetBoolean();
            }
        }
        """);

    [Fact]
    public Task Google_and_Facebook_sign_in_pinned_to_this_app() => VerifyAsync(
        """
        using System;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Google.Apis.Auth;

        public sealed class ExternalLogin
        {
            private readonly HttpClient _http = new();
            private readonly string _googleClientId = "1234.apps.googleusercontent.com";
            private readonly string _facebookAppId = "1234";
            private readonly string _facebookAppSecret = "from-vault";

            public async Task<string> GoogleAsync(string idToken)
            {
                var settings = new GoogleJsonWebSignature.ValidationSettings { Audience = new[] { _googleClientId } };
                var payload = await GoogleJsonWebSignature.ValidateAsync(idToken, settings);
                return payload.Email;
            }

            public async Task<bool> FacebookAsync(string accessToken)
            {
                var json = await _http.GetStringAsync($"https://graph.facebook.com/v19.0/debug_token?input_token={accessToken}&access_token={_facebookAppId}|{_facebookAppSecret}");
                using var document = JsonDocument.Parse(json);
                var data = document.RootElement.GetProperty("data");
                return data.GetProperty("is_valid").GetBoolean()
                    && string.Equals(data.GetProperty("app_id").GetString(), _facebookAppId, StringComparison.Ordinal);
            }
        }
        """);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { ReferenceAssemblies = Refs.None, TestCode = source, MarkupOptions = MarkupOptions.UseFirstDescriptor };
        test.TestState.AdditionalReferences.AddRange(TokenLibraryRefs.All);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private sealed class Test : CSharpAnalyzerTest<UnverifiedTokenDecodedAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;
    }
}
