using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests;

/// <summary>
/// The rules for JWT.NET, jose-jwt, Google.Apis.Auth and token-info endpoints run over half-typed code with those libraries
/// referenced (every rule of the package runs, and every code fix on what they report); nothing may throw.
/// </summary>
public class TokenLibraryRobustnessTests
{
    public static TheoryData<string> BrokenSources() => new(Sources);

    private static readonly string[] Sources =
    {
        "using JWT.Builder; class C { string M(string t) => new JwtBuilder().WithSecret().Decode(; }",
        "using JWT.Builder; class C { string M(string t) { var b = new JwtBuilder(); b.WithVerifySignature(); b = ; return b.Decode(t); } }",
        "using JWT.Builder; class C { string M(string t) { var b = b.MustVerifySignature(); return b.Decode(t); } }",
        "using JWT.Builder; class C { JwtBuilder B() => B(); string M(string t) => B().Decode(t); }",
        "using JWT.Builder; class C { static readonly JwtBuilder F = F; string M(string t) => F.Decode(t); }",
        "using JWT.Builder; class C { string M(string t) => new JwtBuilder().WithSecret(\"x\").Decode<>(t); }",
        "using JWT; class C { string M(IJwtDecoder d, string t) => d.Decode(t, , verify: ) + d.DecodeToObject(t, \"k\", false; }",
        "using JWT; class C { string M(IJwtDecoder d, string t) => d.Decode(token: t, verify: false, key: ); }",
        "using Jose; class C { string M(string t) => JWT.Decode(t, , JwsAlgorithm.) + JWT.Decode(t, null, (JwsAlgorithm)42) + JWT.Verify(; }",
        "using Jose; class C { bool M(string t) { var p = JWT.Payload<System.Collections.Generic.Dictionary<string, object>>(t); if ((string)p[] == ) return ; return JWT.Payload(t) == ; } }",
        "using Jose; class C { string M(string t) => JWT.Decode(t, System.Text.Encoding.UTF8.GetBytes(), JwsAlgorithm.HS256) + JWT.Encode(null, new byte[] { 1, , 3 }, JwsAlgorithm.HS256); }",
        "using Google.Apis.Auth; class C { async System.Threading.Tasks.Task M(string t) { var p = await GoogleJsonWebSignature.ValidateAsync(t, new GoogleJsonWebSignature.ValidationSettings { Audience = }); var q = await GoogleJsonWebSignature.ValidateAsync(; } }",
        "class C { string U = \"https://oauth2.googleapis.com/tokeninfo?id_token=\" + ; }",
        "class C { System.Threading.Tasks.Task<string> M(System.Net.Http.HttpClient h, string t) => h.GetStringAsync($\"https://graph.facebook.com/debug_token?input_token={t}&access_token={\"",
        "struct S { const string U = \"https://www.googleapis.com/oauth2/v3/tokeninfo?access_token=x\"; bool M(string a) => a is ; }",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public Task No_rule_or_fix_throws_on_incomplete_code(string source)
        => IncompleteCode.AssertNoRuleOrFixThrowsAsync(source, TokenLibraryRefs.All);

    [Fact]
    public async Task The_broken_sources_reach_the_token_library_rules()
    {
        // Guards the theory above against testing nothing: the half-typed calls still reach the rules.
        HashSet<string> reported = await IncompleteCode.ReportedIdsAsync(Sources, TokenLibraryRefs.All);
        Assert.Contains("OA0018", reported);
    }
}
