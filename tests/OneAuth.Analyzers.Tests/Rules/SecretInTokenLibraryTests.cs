using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.TokenLibraryVerify<OneAuth.Analyzers.Rules.SecretInTokenLibraryAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class SecretInTokenLibraryTests
{
    private static DiagnosticResult At(int location, string what) => V.Diagnostic().WithLocation(location).WithArguments(what);

    [Fact]
    public Task Reports_jwt_net_secrets_written_in_source() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using System.Text;
        using JWT;
        using JWT.Algorithms;
        using JWT.Builder;
        class C
        {
            private const string Secret = "GQDstcKsx0NHjPOuXOYg5MbeJ1XT0uFiwDVvVBrk";
            private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(Secret);

            void M(string token, IJwtDecoder decoder, IJwtEncoder encoder)
            {
                var a = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret({|#0:"my-super-secret-key"|}).MustVerifySignature().Decode(token);
                var b = new JwtBuilder().WithSecret({|#1:Secret|}).MustVerifySignature().Decode(token);
                var c = new JwtBuilder().WithSecret({|#2:SecretBytes|}).MustVerifySignature().Decode(token);
                var d = decoder.Decode(token, {|#3:"another-secret"|}, verify: true);
                var e = encoder.Encode(new Dictionary<string, object>(), {|#4:Secret|});
                var key = Encoding.ASCII.GetBytes("local-secret");
                var f = decoder.DecodeToObject<Dictionary<string, object>>(token, {|#5:key|}, true);
            }
        }
        """,
        TokenLibraryRefs.JwtNet,
        At(0, "The secret passed to 'WithSecret'"),
        At(1, "The secret passed to 'WithSecret'"),
        At(2, "The secret passed to 'WithSecret'"),
        At(3, "The key passed to 'Decode'"),
        At(4, "The key passed to 'Encode'"),
        At(5, "The key passed to 'DecodeToObject'"));

    [Fact]
    public Task Reports_jose_keys_written_in_source() => V.AnalyzerAsync(
        """
        using System;
        using System.Text;
        using Jose;
        class C
        {
            private static readonly byte[] Key = { 164, 60, 194, 0, 161, 189, 41, 38, 130, 89, 141, 164, 45, 170, 159, 209 };
            void M(string token, object payload)
            {
                var a = JWT.Decode(token, {|#0:Encoding.UTF8.GetBytes("jose-secret-key")|}, JwsAlgorithm.HS256);
                var b = JWT.Encode(payload, {|#1:Key|}, JwsAlgorithm.HS256);
                var c = JWT.Decode(token, {|#2:Convert.FromBase64String("c2VjcmV0LWtleS1mb3ItdGVzdHM=")|}, JwsAlgorithm.HS512);
                var d = JWT.Verify(token, {|#3:"secret"u8.ToArray()|}, JwsAlgorithm.HS256);
            }
        }
        """,
        TokenLibraryRefs.Jose,
        At(0, "The key passed to 'JWT.Decode'"),
        At(1, "The key passed to 'JWT.Encode'"),
        At(2, "The key passed to 'JWT.Decode'"),
        At(3, "The key passed to 'JWT.Verify'"));

    [Fact]
    public Task Reports_constant_fallbacks_of_settings() => V.AnalyzerAsync(
        """
        using System;
        using System.Text;
        using JWT.Builder;
        class C
        {
            void M(string token, bool development)
            {
                var a = new JwtBuilder().WithSecret({|#0:Environment.GetEnvironmentVariable("JWT_SECRET") ?? "dev-secret"|}).MustVerifySignature().Decode(token);
                var b = Jose.JWT.Decode(token, {|#1:Encoding.UTF8.GetBytes(development ? "dev-secret" : Environment.GetEnvironmentVariable("JWT_SECRET")!)|}, Jose.JwsAlgorithm.HS256);
            }
        }
        """,
        TokenLibraryRefs.All,
        At(0, "The secret passed to 'WithSecret'"),
        At(1, "The key passed to 'JWT.Decode'"));

    [Fact]
    public Task Quiet_for_keys_read_at_run_time_and_public_keys() => V.AnalyzerAsync(
        """
        using System;
        using System.Security.Cryptography;
        using System.Text;
        using JWT.Builder;
        using Jose;
        class C
        {
            private const string PublicPem = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----";
            void M(string token, string secret, RSA rsa)
            {
                var a = new JwtBuilder().WithSecret(secret).MustVerifySignature().Decode(token);
                var b = new JwtBuilder().WithSecret(Environment.GetEnvironmentVariable("JWT_SECRET")!).MustVerifySignature().Decode(token);
                var c = Jose.JWT.Decode(token, Encoding.UTF8.GetBytes(secret), JwsAlgorithm.HS256);
                var d = Jose.JWT.Decode(token, rsa, JwsAlgorithm.RS256);
                var e = Jose.JWT.Decode(token, Encoding.UTF8.GetBytes(PublicPem), JwsAlgorithm.RS256);
                var f = Jose.JWT.Decode(token, new byte[32], JwsAlgorithm.HS256);
            }
        }
        """,
        TokenLibraryRefs.All);
}
