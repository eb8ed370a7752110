using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.WeakAlgorithmAllowedAnalyzer,
    OneAuth.Analyzers.CodeFixes.WeakAlgorithmAllowedCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class WeakAlgorithmAllowedTests
{
    private const string None = "allows 'none', the algorithm of an unsigned token";
    private const string NoPin = "is not set although every signing key is asymmetric; pin the algorithms the issuer signs with";

    private static string Symmetric(string alg) => $"allows the symmetric algorithm '{alg}' next to asymmetric signing keys";

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string message)
        => V.Diagnostic().WithLocation(location).WithArguments("ValidAlgorithms", message);

    [Fact]
    public Task Reports_and_removes_none_from_a_copied_or_converted_collection() => V.CodeFixAsync(
        """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.ValidAlgorithms = new[] { "RS256", {|#0:"none"|} }.ToList();
                p.ValidAlgorithms = new List<string>(new[] { {|#1:"None"|}, "ES256" });
            }
        }
        """,
        """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.ValidAlgorithms = new[] { "RS256" }.ToList();
                p.ValidAlgorithms = new List<string>(new[] { "ES256" });
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidAlgorithms", None),
        V.Diagnostic().WithLocation(1).WithArguments("ValidAlgorithms", None));

    [Fact]
    public Task Reports_and_removes_weak_algorithms_in_the_fallback_of_a_configured_list() => V.CodeFixAsync(
        """
        using System.Security.Cryptography;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, string[]? configured, RSA rsa)
            {
                p.IssuerSigningKey = new RsaSecurityKey(rsa);
                p.ValidAlgorithms = configured ?? new[] { "RS256", {|#0:"HS256"|}, {|#1:"none"|} };
            }
        }
        """,
        """
        using System.Security.Cryptography;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, string[]? configured, RSA rsa)
            {
                p.IssuerSigningKey = new RsaSecurityKey(rsa);
                p.ValidAlgorithms = configured ?? new[] { "RS256" };
            }
        }
        """,
        Expected(0, Symmetric("HS256")), Expected(1, None));

    [Fact]
    public Task Silent_for_a_configured_list_with_a_strong_fallback() => V.AnalyzerAsync(
        """
        using System.Security.Cryptography;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, string[]? configured, string[] other, RSA rsa)
            {
                p.IssuerSigningKey = new RsaSecurityKey(rsa);
                p.ValidAlgorithms = configured ?? new[] { SecurityAlgorithms.RsaSha256 };
                p.ValidAlgorithms = configured ?? other;
            }
        }
        """);

    [Fact]
    public Task Reports_algorithms_added_to_a_local_list_at_the_assignment_without_a_fix() => V.NoCodeFixAsync(
        """
        using System.Collections.Generic;
        using System.Security.Cryptography;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, RSA rsa)
            {
                var algorithms = new List<string>();
                algorithms.Add(SecurityAlgorithms.RsaSha256);
                algorithms.Insert(0, "NONE");
                {|#0:p.ValidAlgorithms = algorithms|};

                var q = new TokenValidationParameters { IssuerSigningKey = new RsaSecurityKey(rsa) };
                var pinned = new List<string> { "RS256" };
                pinned.Add("HS512");
                {|#1:q.ValidAlgorithms = pinned|};
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidAlgorithms", None),
        V.Diagnostic().WithLocation(1).WithArguments("ValidAlgorithms", Symmetric("HS512")));

    [Fact]
    public Task Silent_when_a_local_list_is_changed_in_ways_it_cannot_follow() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IEnumerable<string> configured)
            {
                var removed = new List<string> { "RS256", "none" };
                removed.Remove("none");
                p.ValidAlgorithms = removed;

                var extended = new List<string>();
                extended.AddRange(configured);
                p.ValidAlgorithms = extended;

                var handedOver = new List<string> { "none" };
                Filter(handedOver);
                p.ValidAlgorithms = handedOver;
            }

            static void Filter(List<string> list) => list.Clear();
        }
        """);

    [Fact]
    public Task Reports_and_removes_none_in_any_casing_and_form() => V.CodeFixAsync(
        """
        using System.Collections.Generic;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256, {|#0:"none"|} };
                p.ValidAlgorithms = [{|#1:"None"|}, "RS256"];
                p.ValidAlgorithms = new List<string> { "RS256", {|#2:"NONE"|} };
            }
        }
        """,
        """
        using System.Collections.Generic;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 };
                p.ValidAlgorithms = ["RS256"];
                p.ValidAlgorithms = new List<string> { "RS256" };
            }
        }
        """,
        Expected(0, None), Expected(1, None), Expected(2, None));

    [Fact]
    public Task Reports_HMAC_next_to_RSA_keys_and_fixes_it() => V.CodeFixAsync(
        """
        using System.Security.Cryptography;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(RSA rsa) => new TokenValidationParameters
            {
                IssuerSigningKey = new RsaSecurityKey(rsa),
                ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256, {|#0:SecurityAlgorithms.HmacSha256|}, {|#1:"HS512"|} },
            };
        }
        """,
        """
        using System.Security.Cryptography;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(RSA rsa) => new TokenValidationParameters
            {
                IssuerSigningKey = new RsaSecurityKey(rsa),
                ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
            };
        }
        """,
        Expected(0, Symmetric("HS256")), Expected(1, Symmetric("HS512")));

    [Fact]
    public Task Reports_HMAC_with_a_JWKS_or_an_Authority() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static readonly string[] Algorithms = { "RS256", "HS256" };
            void M(IServiceCollection services, string jwksJson)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://auth.example.com";
                    {|#0:o.TokenValidationParameters.ValidAlgorithms = Algorithms|};
                });
                var p = new TokenValidationParameters { IssuerSigningKeys = new JsonWebKeySet(jwksJson).GetSigningKeys() };
                p.ValidAlgorithms = new[] { {|#1:SecurityAlgorithms.HmacSha384Signature|}, SecurityAlgorithms.RsaSha256 };
            }
        }
        """,
        Expected(0, Symmetric("HS256")), Expected(1, Symmetric("http://www.w3.org/2001/04/xmldsig-more#hmac-sha384")));

    [Fact]
    public Task No_fix_when_nothing_would_remain() => V.NoCodeFixAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C { void M(TokenValidationParameters p) { p.ValidAlgorithms = new[] { {|#0:"none"|} }; } }
        """,
        Expected(0, None));

    [Fact]
    public Task Reports_missing_pin_with_asymmetric_keys_as_info() => V.AnalyzerAsync(
        """
        using System.Security.Cryptography;
        using System.Security.Cryptography.X509Certificates;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters A(RSA rsa) => new() { ValidIssuer = "https://auth.example.com", {|#0:IssuerSigningKey = new RsaSecurityKey(rsa)|} };
            TokenValidationParameters B(X509Certificate2 cert, ECDsa ec) => new() { {|#1:IssuerSigningKeys = new SecurityKey[] { new X509SecurityKey(cert), new ECDsaSecurityKey(ec) }|} };
        }
        """,
        Expected(0, NoPin).WithSeverity(DiagnosticSeverity.Info), Expected(1, NoPin).WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Silent_for_symmetric_or_unknown_keys_and_pinned_asymmetric_keys() => V.AnalyzerAsync(
        """
        using System.Security.Cryptography;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, RSA rsa, SecurityKey key, byte[] secret, string[] fromConfig)
            {
                p.ValidAlgorithms = new[] { "HS256" };
                var a = new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey(secret), ValidAlgorithms = new[] { "HS256" } };
                var b = new TokenValidationParameters { IssuerSigningKey = key, ValidAlgorithms = new[] { "HS256", "RS256" } };
                var c = new TokenValidationParameters { IssuerSigningKey = new RsaSecurityKey(rsa), ValidAlgorithms = new[] { "RS256" } };
                var d = new TokenValidationParameters { IssuerSigningKey = new RsaSecurityKey(rsa) };
                d.ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 };
                var e = new TokenValidationParameters { IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(secret) }, ValidAlgorithms = new[] { "RS256", "HS256" } };
                var f = new TokenValidationParameters { IssuerSigningKey = new RsaSecurityKey(rsa), ValidAlgorithms = fromConfig };
                var g = new TokenValidationParameters { ValidAlgorithms = new[] { "nonexistent", "RS256" } };
            }
        }
        """);

    [Fact]
    public Task Silent_for_an_unrelated_type_with_the_same_property() => V.AnalyzerAsync(
        """
        class MyOptions { public string[]? ValidAlgorithms { get; set; } }
        class C { void M(MyOptions o) { o.ValidAlgorithms = new[] { "none" }; } }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        class TokenValidationParameters { public string[]? ValidAlgorithms { get; set; } }
        class C { void M(TokenValidationParameters o) { o.ValidAlgorithms = new[] { "none" }; } }
        """,
        Refs.Framework);
}
