using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Rules;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.TokenLibraryVerify<OneAuth.Analyzers.Rules.WeakAlgorithmInTokenLibraryAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class WeakAlgorithmInTokenLibraryTests
{
    private static DiagnosticResult At(int location, string name, string message) => V.Diagnostic().WithLocation(location).WithArguments(name, message);

    private static DiagnosticResult InfoAt(int location, string name)
        => new DiagnosticResult(DiagnosticIds.WeakAlgorithmAllowed, DiagnosticSeverity.Info).WithLocation(location).WithArguments(name, WeakAlgorithmInTokenLibraryAnalyzer.NoPinMessage);

    // ---- jose-jwt ----

    [Fact]
    public Task Reports_jose_none_in_every_spelling() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using Jose;
        class C
        {
            private const JwsAlgorithm Expected = JwsAlgorithm.none;
            void M(string token, byte[] key)
            {
                var a = JWT.Decode(token, null, {|#0:JwsAlgorithm.none|});
                var b = JWT.Decode<Dictionary<string, object>>(token, key, alg: {|#1:JwsAlgorithm.none|});
                var c = JWT.Verify(token, null, {|#2:JwsAlgorithm.none|});
                var d = JWT.Decode(token, null, {|#3:"none"|});
                var e = JWT.DecodeBytes(token, null, {|#4:Expected|});
                var alg = JwsAlgorithm.none;
                var f = JWT.Decode(token, null, {|#5:alg|});
            }
        }
        """,
        TokenLibraryRefs.Jose,
        At(0, "JWT.Decode", WeakAlgorithmInTokenLibraryAnalyzer.NoneMessage),
        At(1, "JWT.Decode", WeakAlgorithmInTokenLibraryAnalyzer.NoneMessage),
        At(2, "JWT.Verify", WeakAlgorithmInTokenLibraryAnalyzer.NoneMessage),
        At(3, "JWT.Decode", WeakAlgorithmInTokenLibraryAnalyzer.NoneMessage),
        At(4, "JWT.DecodeBytes", WeakAlgorithmInTokenLibraryAnalyzer.NoneMessage),
        At(5, "JWT.Decode", WeakAlgorithmInTokenLibraryAnalyzer.NoneMessage));

    [Fact]
    public Task Reports_jose_hmac_keyed_with_a_public_key() => V.AnalyzerAsync(
        """
        using System.IO;
        using System.Security.Cryptography;
        using System.Text;
        using Jose;
        class C
        {
            private const string PublicPem = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----";
            private readonly byte[] _publicKeyBytes = File.ReadAllBytes("keys/issuer.pub");
            void M(string token, RSA rsa)
            {
                var a = JWT.Decode(token, {|#0:Encoding.UTF8.GetBytes(PublicPem)|}, JwsAlgorithm.HS256);
                var b = JWT.Decode(token, {|#1:rsa.ExportSubjectPublicKeyInfo()|});
                var c = JWT.Decode(token, {|#2:_publicKeyBytes|}, JwsAlgorithm.HS512);
                var ok = JWT.Decode(token, rsa, JwsAlgorithm.RS256);
            }
        }
        """,
        TokenLibraryRefs.Jose,
        At(0, "JWT.Decode", WeakAlgorithmInTokenLibraryAnalyzer.PublicKeySecretMessage),
        At(1, "JWT.Decode", WeakAlgorithmInTokenLibraryAnalyzer.PublicKeySecretMessage),
        At(2, "JWT.Decode", WeakAlgorithmInTokenLibraryAnalyzer.PublicKeySecretMessage));

    [Fact]
    public Task Reports_jose_decodes_that_do_not_pin_the_algorithm_at_info() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using System.Security.Cryptography;
        using Jose;
        class C
        {
            void M(string token, byte[] secret, Jwk jwk, RSA rsa, ECDsa ec)
            {
                var a = {|#0:JWT.Decode(token, secret)|};
                var b = {|#1:JWT.Decode<Dictionary<string, object>>(token, jwk)|};
                var c = {|#2:JWT.Verify(token, secret)|};
                var pinned = JWT.Decode(token, secret, JwsAlgorithm.HS256);
                var named = JWT.Decode(token, secret, jwsAlg: "HS256");
                var rsaKey = JWT.Decode(token, rsa);
                var ecKey = JWT.Decode(token, ec);
                var encrypted = JWT.Decode(token, secret, JweAlgorithm.DIR, JweEncryption.A256GCM);
                var headers = JWT.Headers(token);
            }
        }
        """,
        TokenLibraryRefs.Jose,
        InfoAt(0, "JWT.Decode"),
        InfoAt(1, "JWT.Decode"),
        InfoAt(2, "JWT.Verify"));

    // ---- JWT.NET ----

    [Fact]
    public Task Reports_jwt_net_secret_that_is_a_public_key() => V.AnalyzerAsync(
        """
        using System.Security.Cryptography.X509Certificates;
        using System.Text;
        using JWT;
        using JWT.Algorithms;
        using JWT.Builder;
        class C
        {
            private static readonly string RsaPublicKey = LoadPem();
            static string LoadPem() => "";

            void M(string token, IJwtDecoder decoder, X509Certificate2 cert)
            {
                var a = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret({|#0:RsaPublicKey|}).MustVerifySignature().Decode(token);
                var b = decoder.Decode(token, {|#1:cert.GetPublicKey()|}, true);
                var c = decoder.DecodeToObject(token, {|#2:"-----BEGIN CERTIFICATE-----\nMIIC+DCCAeCgAwIBAgIJAO\n-----END CERTIFICATE-----"|}, true);
                var ok = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(Encoding.UTF8.GetString(cert.RawData.Length > 0 ? new byte[1] : new byte[2])).MustVerifySignature().Decode(token);
            }
        }
        """,
        TokenLibraryRefs.JwtNet,
        At(0, "WithSecret", WeakAlgorithmInTokenLibraryAnalyzer.PublicKeySecretMessage),
        At(1, "Decode", WeakAlgorithmInTokenLibraryAnalyzer.PublicKeySecretMessage),
        At(2, "DecodeToObject", WeakAlgorithmInTokenLibraryAnalyzer.PublicKeySecretMessage));

    [Fact]
    public Task Reports_the_none_algorithm_of_later_jwt_net_versions()
    {
        // JWT.NET 8 and later ship NoneAlgorithm; 7.3.1 (the version tested here) does not, so its shape is compiled here.
        MetadataReference later = Libraries.Compile(
            "JWT",
            """
            namespace JWT { public interface IJwtDecoder { } }
            namespace JWT.Algorithms
            {
                public interface IJwtAlgorithm { string Name { get; } }
                public sealed class NoneAlgorithm : IJwtAlgorithm { public string Name => "none"; }
            }
            """);
        return V.AnalyzerAsync(
            """
            using JWT.Algorithms;
            class C { IJwtAlgorithm Algorithm() => {|#0:new NoneAlgorithm()|}; }
            """,
            Refs.Framework.Add(later),
            At(0, "NoneAlgorithm", WeakAlgorithmInTokenLibraryAnalyzer.NoneMessage));
    }

    [Fact]
    public Task Quiet_without_the_libraries() => V.AnalyzerAsync(
        """
        namespace Jose { public static class JWT { public static string Decode(string token, object key) => token; } }
        class C { string M(string t, byte[] k) => Jose.JWT.Decode(t, k); }
        """,
        Refs.Framework);
}
