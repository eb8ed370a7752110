using System.Collections.Immutable;
using OneAuth.Analyzers.Generator;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Analyzers.Tests.Generator;

/// <summary>
/// The generator (and OA1001-OA1003) and the runtime judge AppScope values with one rule: every value gets the same
/// verdict from <see cref="AppScopeRules"/> at compile time and from <see cref="AppTokenPolicy"/> and the verifier's
/// options at run time, so nothing that builds clean can be refused when the application starts.
/// </summary>
public class AppScopeValueAgreementTests
{
    public static TheoryData<string> AppIds => new()
    {
        "billing", "a", "billing-api_v2.eu", new string('a', 64),
        "", new string('a', 65), "Billing", "billing api", "billing\t", "bіlling", "billing/", "billing\u0000", "ü",
    };

    public static TheoryData<string> Audiences => new()
    {
        "billing-api", "api://billing", "https://billing.example.com", "a b", new string('a', 1024), "ключ",
        "", " ", " billing", "billing ", "billing\u0007", "billing\n", "\ud800", new string('a', 1025),
    };

    public static TheoryData<string> TokenTypes => new()
    {
        "at+jwt", "JWT", "application/at+jwt", "vnd.example+jwt", "a!#$&-^_.+",
        "", "/jwt", "jwt/", "a/b/c", "at jwt", "jwt;v=1", "\"jwt\"", "é", "+jwt", new string('a', 128),
    };

    public static TheoryData<string> Issuers => new()
    {
        "https://auth.example.com", "https://auth.example.com/", "https://auth.example.com/realms/main", "https://AUTH.example.com:8443/x",
        "http://localhost:5000", "http://LOCALHOST", "http://127.0.0.1:8080", "http://127.9.9.9", "http://[::1]:5000", "http://[::ffff:127.0.0.1]/",
        "", " https://auth.example.com", "https://auth.example.com ", "auth.example.com", "/realms/main", "ftp://auth.example.com",
        "http://auth.example.com", "http://dev.localhost", "http://10.0.0.1", "http://[::2]/", "https://user:pw@auth.example.com",
        "http://user@localhost", "https://auth.example.com/#x", "https://auth.example.com/#", "https://auth.example.com/?tenant=a",
        "https://auth.example.com/?", "file:///etc/passwd", "https://" + new string('a', 2100) + ".com",
    };

    public static TheoryData<string> JwksUris => new()
    {
        "https://auth.example.com/.well-known/jwks.json", "https://login.example.com/discovery/keys?appid=1", "http://127.0.0.1:5000/jwks",
        "http://localhost./jwks",
        "http://auth.example.com/jwks", "https://auth.example.com/jwks#k", "https://u:p@auth.example.com/jwks", "jwks.json", "",
        "http://2130706433/jwks", "http://0x7f.0.0.1/jwks",
    };

    [Theory]
    [MemberData(nameof(AppIds))]
    public void App_id(string value)
        => AssertAgree(value, HasProblem(value, null, null, null, null), Refused(() => new AppTokenPolicy(value, "aud")));

    [Theory]
    [MemberData(nameof(Audiences))]
    public void Audience(string value)
        => AssertAgree(value, HasProblem("billing", null, value, null, null), Refused(() => new AppTokenPolicy("billing", value)));

    [Theory]
    [MemberData(nameof(TokenTypes))]
    public void Token_type(string value)
        => AssertAgree(value, HasProblem("billing", null, null, null, value), Refused(() => new AppTokenPolicy("billing", "aud", tokenType: value)));

    [Theory]
    [MemberData(nameof(Issuers))]
    public void Issuer_in_the_attribute_and_in_the_options(string value)
    {
        bool compileTime = HasProblem("billing", value, null, null, null);
        AssertAgree(value, compileTime, Refused(() => new AppTokenPolicy("billing", "aud", issuer: value)));
        AssertAgree(value, compileTime, Refused(() => new AppTokenVerifier(new AppTokenPolicy("billing", "aud"), new NoKeys(), new AppTokenValidatorOptions { Issuer = value })));
    }

    [Theory]
    [MemberData(nameof(JwksUris))]
    public void JWKS_address_in_the_attribute_and_in_the_options(string value)
    {
        bool compileTime = HasProblem("billing", null, null, value, null);
        AssertAgree(value, compileTime, Refused(() => new AppTokenPolicy("billing", "aud", jwksUri: value)));
        if (Uri.TryCreate(value, UriKind.Absolute, out Uri? uri))
        {
            var options = new AppTokenValidatorOptions { Issuer = "https://auth.example.com", JwksUri = uri };
            AssertAgree(value, compileTime, Refused(() => new AppTokenVerifier(new AppTokenPolicy("billing", "aud"), options)));
        }
    }

    [Theory]
    [MemberData(nameof(Issuers))]
    public void Derived_JWKS_address_of_a_valid_issuer_is_valid(string issuer)
    {
        if (HasProblem("billing", issuer, null, null, null))
            return;

        var verifier = new AppTokenVerifier(new AppTokenPolicy("billing", "aud", issuer: issuer), new NoKeys());
        Assert.False(HasProblem("billing", issuer, null, verifier.Issuer.TrimEnd('/') + "/.well-known/jwks.json", null));
    }

    private static bool HasProblem(string appId, string? issuer, string? audience, string? jwksUri, string? tokenType)
    {
        ImmutableArray<AppScopeProblem> problems = AppScopeRules.Validate(appId, issuer, audience, jwksUri, tokenType, null);
        return !problems.IsEmpty;
    }

    private static bool Refused(Action create)
    {
        try
        {
            create();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static void AssertAgree(string value, bool refusedAtCompileTime, bool refusedAtRunTime)
        => Assert.True(
            refusedAtCompileTime == refusedAtRunTime,
            $"'{value}': the generator {(refusedAtCompileTime ? "refuses" : "accepts")} it, the runtime {(refusedAtRunTime ? "refuses" : "accepts")} it");

    private sealed class NoKeys : SigningKeySource
    {
        public override long KeySetVersion => 0;

        public override ValueTask<SigningKeyLookup> GetKeyAsync(string kid, CancellationToken cancellationToken = default)
            => new(SigningKeyLookup.Unavailable("none"));
    }
}
