using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests;

/// <summary>
/// Every analyzer in the package runs over half-typed code (what the IDE feeds it on every keystroke) and
/// must never throw: an analyzer exception (AD0001) disables the rule for the whole compilation.
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string> BrokenSources() => new()
    {
        "using Microsoft.IdentityModel.Tokens; class C { void M() { var a = new TokenValidationParameters { ValidateAudience = } ; } }",
        "using Microsoft.IdentityModel.Tokens; class C { void M() { var a = new TokenValidationParameters { ValidateAudience = Unknown }; } }",
        "using Microsoft.IdentityModel.Tokens; class C { void M() { undefined.ValidateAudience = false; } }",
        "using Microsoft.IdentityModel.Tokens; class C { void M() { var p = new TokenValidationParameters(); p.ValidateAudience = ; p. } }",
        "using Microsoft.IdentityModel.Tokens; class C { TokenValidationParameters P => new() { ValidateAudience = false, ValidateIssuer = ",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.AudienceValidator = (a, t, q) => ; p.IssuerValidator = (i, t, q) => { return } } }",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { bool x; p.ValidateLifetime = x; x = ; } }",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.ClockSkew = System.TimeSpan.FromMinutes(; p.ValidAlgorithms = new[] { \"none\", ; } }",
        "using Microsoft.AspNetCore.Authentication.JwtBearer; using Microsoft.Extensions.DependencyInjection; class C { void M(IServiceCollection s) { s.AddAuthentication().AddJwtBearer(o => { o.TokenValidationParameters.ValidateAudience = false o.Authority = \"http:// }); } }",
        "using Microsoft.AspNetCore.Authentication.JwtBearer; class C { void M(JwtBearerOptions o) { o.Events = new JwtBearerEvents { OnAuthenticationFailed = c => { c.Success( ; } }; } }",
        "using Microsoft.IdentityModel.JsonWebTokens; class C { void M(string t) { var j = new JsonWebTokenHandler().ReadJsonWebToken(t); if (j.GetClaim(\"app_id\").Value == ) { } } }",
        "using System.IdentityModel.Tokens.Jwt; class C { void M(string t) { var j = new JwtSecurityTokenHandler().ReadJwtToken(; } }",
        "[assembly: OneAuth.AppScope(]",
        "[assembly: OneAuth.AppScope(\"billing\", Issuer = ]",
        "[assembly: OneAuth.AppScope(\"billing\", Issuer = \"https://a.example\", JwksUri = 42)]",
        "[assembly: OneAuth.AppScope(\"billing\")] [assembly: OneAuth.AppScope(\"payments\")]",
        "[assembly: OneAuth.AppScope(\"billing\")] class C { bool M(System.Security.Claims.ClaimsPrincipal p) => p.FindFirst(\"app_id\")?.Value.Equals( ; }",
        "class C { void M() { var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(); } }",
        "class C { const string Pem = \"-----BEGIN PRIVATE KEY-----\\nMII",
        "[assembly: OneAuth.AppScope(\"billing\", Issuer = \"http://\", JwksUri = , Audience = \"\", TokenType = \"a b\", Namespace = 1)]",
        "[assembly: OneAuth.AppScope(\"billing\", Issuer = null, Audience = null, TokenType = \"at+jwt\", Namespace = \"class\"]",
        "using OneAuth; [assembly: AppScope(\"billing\"",
        "using Microsoft.IdentityModel.Tokens; [assembly: OneAuth.AppScope(\"billing\")] class C { string M() { var c = new SigningCredentials(, ); var t = new System.IdentityModel.Tokens.Jwt.JwtSecurityToken(signingCredentials: ); return new System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler().WriteToken(t) + new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(; } }",
        "using System.IdentityModel.Tokens.Jwt; class C { bool M(string t) { var j = new JwtSecurityTokenHandler().ReadJwtToken(t); if (j.Claims.Any(c => c.Value == )) return ; while (j.) { } return new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(j.Claims, ; } }",
        "using Microsoft.IdentityModel.JsonWebTokens; class C { object M(string t, Microsoft.AspNetCore.Http.HttpContext h) { var j = new JsonWebToken(t); h.User = j.TryGetPayloadValue<string>(\"r\", out var r) ? : ; return r switch { \"a\" => , }; } }",
        "[assembly: OneAuth.AppScope(\"billing\")] class C { async System.Threading.Tasks.Task M(string t) { var r = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(t, ); var a = r.ClaimsIdentity.FindFirst(\"app_id\")?.Value; return a ?. ; } }",
        "[assembly: OneAuth.AppScope(\"billing\")] class C { void M(Microsoft.Extensions.DependencyInjection.IServiceCollection s) { s.AddAuthentication().AddJwtBearer(o => o.Events = new() { OnTokenValidated = c => { if (c.Principal?.FindFirst(\"app_id\")?.Value != ) c.Fail(; } }); s.AddAuthorization(o => o.AddPolicy(\"x\", p => p.RequireClaim(\"app_id\", ))); } }",
        "[assembly: OneAuth.AppScope(\"billing\")] class C { bool M(System.Security.Claims.ClaimsPrincipal p) { var a = p.FindFirst(\"app_id\")?.Value; switch (a) { case : break; case \"x\" } return a is \"y\" or ; } }",
        "[assembly: OneAuth.AppScope(\"billing\")] class C { bool M(System.Security.Claims.ClaimsPrincipal p) => p.HasClaim(c => c.Type == \"app_id\" && c.Value == ) || p.Claims.First(c => ).Value == \"x\" || string.Equals(p.FindFirstValue(\"app_id\"), \"x\", System.StringComparison.) || System.StringComparer..Equals(p.FindFirstValue(\"app_id\"), \"x\"); }",
        "class C { bool M(Microsoft.IdentityModel.JsonWebTokens.JsonWebToken t) => t.TryGetPayloadValue<string>(\"app_id\", out var ) && .ToLower() == \"x\"; }",
        "[assembly: global::OneAuth.(\"billing\")]",
        "[assembly: OneAuth.AppScopeAttribute",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.IssuerSigningKeyResolver = (t, st, kid, q) => { var x = st as ; return null; }; } }",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.ValidateIssuer = ; p.ValidateLifetime = !; p.RequireSignedTokens = x ? : false; p.ValidateIssuerSigningKey = (false } }",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.AudienceValidator = Missing; p.IssuerValidator = (i, t) => i; p.LifetimeValidator = delegate { return ; }; p.TypeValidator = Overload; } string Overload(int a) => null; string Overload(string a, SecurityToken t, TokenValidationParameters q) => a; }",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { AudienceValidator v = null!; v = (a, t, q) => v(a, t, q); p.AudienceValidator = v; p.AlgorithmValidator = Accept; bool Accept(string a, SecurityKey k, SecurityToken t, TokenValidationParameters q) => Accept(a, k, t, q); } }",
        "using System.Collections.Generic; using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.IssuerSigningKeyResolver = Keys; p.IssuerSigningKeyResolver = FromHeader; } IEnumerable<SecurityKey> Keys(string t, SecurityToken st, string kid, TokenValidationParameters q) { yield return null; } }",
        "using System.IdentityModel.Tokens.Jwt; using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.SignatureValidator = (t, q) => new JwtSecurityToken(; p.SignatureValidator = (t, q) => { return new JwtSecurityTokenHandler().ReadToken } } }",
        "using System.IdentityModel.Tokens.Jwt; using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.IssuerSigningKeyResolver = (t, st, kid, q) => new[] { new JsonWebKey(((JwtSecurityToken)st).Header[]) }; } }",
        "using Microsoft.IdentityModel.Tokens; class C { string[] other; void M(TokenValidationParameters p) { p.ValidAlgorithms = [.. other, \"none\"]; p.ValidAlgorithms = new[] { , \"HS256\" }; p.ValidAlgorithms = new System.Collections.Generic.List<string> { \"none\" ; var q = new TokenValidationParameters { IssuerSigningKey = new RsaSecurityKey(), ValidAlgorithms = { \"HS256\" } }; } }",
        "using System; using Microsoft.IdentityModel.Tokens; class C { const int M1 = 1 / 0; void M(TokenValidationParameters p) { p.ClockSkew = new TimeSpan(1, ; p.ClockSkew = TimeSpan.FromMinutes(M1); p.ClockSkew = TimeSpan.FromMinutes(double.NaN); p.ClockSkew = TimeSpan.FromSeconds(1e308) * 10; p.ClockSkew = default; } }",
        "using System.Net.Http; using Microsoft.AspNetCore.Authentication.JwtBearer; class C { void M(JwtBearerOptions o) { o.Authority = \"http://\"; o.Authority = \"http://[::1\"; o.MetadataAddress = \"http://@/x\"; o.BackchannelHttpHandler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (a, b) => true }; var h = new HttpClientHandler(); h.ServerCertificateCustomValidationCallback = ; o.Backchannel = new HttpClient(h; } }",
        "using Microsoft.IdentityModel.Protocols; using Microsoft.IdentityModel.Protocols.OpenIdConnect; class C { object M() => new ConfigurationManager<OpenIdConnectConfiguration>(); object N() => new ConfigurationManager<OpenIdConnectConfiguration>(\"http://a.example\", ); object R() => new HttpDocumentRetriever { RequireHttps = }; }",
        "using System; using System.Text; using Microsoft.IdentityModel.Tokens; class C { void M() { new SymmetricSecurityKey(Convert.FromBase64String()); new SymmetricSecurityKey(Encoding.UTF8.GetBytes(null)); new SymmetricSecurityKey(new byte[] { 1, , 3 }); new SymmetricSecurityKey(\"\"u8.ToArray()); new JsonWebKey { D = }; new JsonWebKey(\"{\\\"kty\\\": \\\"RSA\\\", \\\"d\\\": \"); } }",
        // Missing braces and parentheses around otherwise reportable code.
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { if (true { p.ValidateAudience = false; p.RequireSignedTokens = false ",
        "using Microsoft.AspNetCore.Authentication.JwtBearer; using Microsoft.Extensions.Hosting; class C { void M(JwtBearerOptions o, IHostEnvironment env) { if (env.IsDevelopment() { o.RequireHttpsMetadata = false; } if (!env.) return; o.TokenValidationParameters.ValidateIssuer = false; if (env.IsDevelopment()) else o.Authority = \"http://a.example\"; } }",
        // Types named TokenValidationParameters that are not the real one, next to the real one and clashing with it.
        "namespace Fake { class TokenValidationParameters { public bool ValidateAudience; public System.TimeSpan ClockSkew; public string[] ValidAlgorithms; } } class C { void M() { var p = new Fake.TokenValidationParameters { ValidateAudience = false, ClockSkew = System.TimeSpan.MaxValue, ValidAlgorithms = new[] { \"none\" } }; } }",
        "namespace Microsoft.IdentityModel.Tokens { public class TokenValidationParameters { public bool ValidateAudience { get; set; } public AudienceValidator AudienceValidator { get; set; } } public delegate bool AudienceValidator(); } class C { void M() { var p = new Microsoft.IdentityModel.Tokens.TokenValidationParameters { ValidateAudience = false, AudienceValidator = () => true }; } }",
        "class TokenValidationParameters { public bool ValidateLifetime { get; set; } } class C { void M() { new TokenValidationParameters { ValidateLifetime = false }; new TokenValidationParameters().ValidateLifetime = false; } }",
        // Properties assigned from error expressions and unresolved members.
        "using System.Net.Http; using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.ValidateAudience = Undefined.Value; p.ClockSkew = Foo(); p.ValidAlgorithms = Bar; p.IssuerSigningKey = new RsaSecurityKey(Missing); p.ValidAlgorithms = new[] { Baz, \"HS256\" }; p.SignatureValidator = (t, q) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(Missing); p.Nope = false; } }",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.ValidateAudience = p.RequireAudience = ; p.ValidateIssuer = p.Missing = false; var q = p with { ValidateAudience = false }; var a = a; p.ValidateLifetime = a; } }",
        "using System; using Microsoft.IdentityModel.Tokens; class C { static readonly bool A = B; static readonly bool B = A; static readonly TimeSpan S = T; static readonly TimeSpan T = S; void M(TokenValidationParameters p) { p.ValidateAudience = A; p.ClockSkew = S; p.ClockSkew = TimeSpan.FromMinutes(\"x\"); p.ClockSkew = new TimeSpan(1, 2, 3, 4, 5, 6, 7, 8); } }",
        // Partial lambdas and delegates.
        "using Microsoft.AspNetCore.Authentication.JwtBearer; using Microsoft.Extensions.DependencyInjection; class C { void M(IServiceCollection s) { s.AddAuthentication().AddJwtBearer(\"x\", o => { o.TokenValidationParameters = new() { AudienceValidator = (a, t) => , IssuerValidator = delegate { return ",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.IssuerValidator = (i, t, q) => q.; p.IssuerValidator = (i, t, q) => t.Issuer.; p.TypeValidator = (y, t, q) => { if (y == ) return y; }; p.LifetimeValidator = delegate (System.DateTime? a) { return true; }; } }",
        // Back-channel handlers, half written.
        "using System.Net.Http; using System.Net.Security; using Microsoft.AspNetCore.Authentication.JwtBearer; class C { void M(JwtBearerOptions o) { o.BackchannelHttpHandler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (a, b, c, d) => } }; var h = new SocketsHttpHandler(); h.SslOptions.RemoteCertificateValidationCallback = ; h.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = true }; o.Backchannel = new HttpClient(h, ); new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = delegate { return true; } }; } }",
        "using System.Net.Security; class C { object M() => new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (a, b, c, d) => true }; SslClientAuthenticationOptions O { get; } = new() { RemoteCertificateValidationCallback = (a, b, c, d) => true }; }",
        // Collections and secrets, half written.
        "using System.Collections.Generic; using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { var l = new List<string>(); l.Add(; l.Add(\"none\", 1); l.Insert(\"none\"); p.ValidAlgorithms = l; var m = new List<string> { \"none\" }; m.Remove(; p.ValidAlgorithms = m; } }",
        "using System.Text; using Microsoft.IdentityModel.Tokens; class C { const string B = \"x\"; const string P = $\"-----BEGIN PRIVATE KEY-----\\n{B\"; void M(string x, bool b) { new SymmetricSecurityKey(Encoding.UTF8.GetBytes(x ?? )); new SymmetricSecurityKey(Encoding.UTF8.GetBytes(b ? \"dev-secret-0123456789\" : )); var s = \"-----BEGIN RSA PRIVATE KEY-----\" + ; } }",
        // Computed values, half written or self-referencing.
        "using System; using System.Linq; using System.Security.Cryptography; using Microsoft.IdentityModel.Tokens; class C { static readonly byte[] K = SHA256.HashData(K); static readonly System.Collections.Generic.List<string> L = new(L); static readonly string[] A = A.ToArray(); void M(TokenValidationParameters p, bool f) { new SymmetricSecurityKey(K); p.ValidAlgorithms = L; p.ValidAlgorithms = A; p.ValidAlgorithms = .ToList(); p.ValidAlgorithms = new System.Collections.Generic.List<string>(4) { \"none\" }; p.ClockSkew = TimeSpan.FromMinutes(5) * ; p.ClockSkew = TimeSpan.FromMinutes(5) / 0; p.ClockSkew = 2 / TimeSpan.FromMinutes(1); p.ClockSkew = TimeSpan.MaxValue + TimeSpan.MaxValue; p.ValidateAudience = false && ; p.ValidateIssuer = f || ; new SymmetricSecurityKey(SHA256.HashData()); new SymmetricSecurityKey(Base64UrlEncoder.DecodeBytes(null)); } }",
        // Handler factories and header reads, half written.
        "using System.Net.Http; using Microsoft.AspNetCore.Authentication.JwtBearer; class C { static HttpMessageHandler F() => new HttpClientHandler { ServerCertificateCustomValidationCallback = (a, b, c, d) => true }; static HttpMessageHandler G() { var h = new HttpClientHandler(); h.ServerCertificateCustomValidationCallback = (a, b, c, d) => true; return ; } void M(JwtBearerOptions o) { o.BackchannelHttpHandler = F(; o.BackchannelHttpHandler = F<int>(); o.BackchannelHttpHandler = G(); o.Backchannel = new HttpClient(Local()); HttpMessageHandler Local() => F } }",
        "using Microsoft.IdentityModel.JsonWebTokens; using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.IssuerSigningKeyResolver = (t, st, kid, q) => { if (((JsonWebToken)st).TryGetHeaderValue(\"jku\", out ) ) return null; if (((JsonWebToken)st).TryGetHeaderValue(\"jwk\", out string j)) return new[] { new JsonWebKey(j }; return null; }; } }",
        "using System.Net.Http; using System.Net.Http.Json; using Microsoft.IdentityModel.Tokens; class C { async void M(HttpClient h) { new JsonWebKeySet(await h.GetStringAsync()); JsonWebKeySet.Create(h.GetStringAsync(\"http://a.example/k\").Result.); await h.GetFromJsonAsync<JsonWebKeySet>(); new JsonWebKeySet(await ); } }",
        "using Microsoft.AspNetCore.Authentication.JwtBearer; using Microsoft.Extensions.Hosting; class C { void M(JwtBearerOptions o, IHostEnvironment env) { o.TokenValidationParameters.ValidateAudience = env.EnvironmentName switch { \"Development\" => , _ => }; o.TokenValidationParameters.ValidateIssuer = env switch { }; switch (env.EnvironmentName) { case : o.RequireHttpsMetadata = false; default o.TokenValidationParameters.ValidateLifetime = false; } } }",
        // Parameters with no audience, half written: fields, locals handed to a scheme, validation calls.
        "using Microsoft.IdentityModel.Tokens; using Microsoft.IdentityModel.JsonWebTokens; class C { private readonly TokenValidationParameters _p = new() { ValidIssuer = ; private static TokenValidationParameters S; C() { S = new TokenValidationParameters { ValidateAudience = true; _p. } async void M(string t) { await new JsonWebTokenHandler().ValidateTokenAsync(t, _p); await new JsonWebTokenHandler().ValidateTokenAsync(t, new TokenValidationParameters { ValidAudience = , }); var q = new TokenValidationParameters(; new JsonWebTokenHandler().ValidateTokenAsync(q, ); } }",
        "using Microsoft.AspNetCore.Authentication.JwtBearer; using Microsoft.Extensions.DependencyInjection; using Microsoft.IdentityModel.Tokens; partial class C { void M(IServiceCollection s) { var p = new TokenValidationParameters(); s.AddAuthentication().AddJwtBearer(o => { o.TokenValidationParameters = p; o.TokenValidationParameters = new() { ValidateAudience = }; o.Events = new() { OnMessageReceived = c => c.Options.Audience = ; }; o. }); s.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters { ); s.Configure<JwtBearerOptions>(; } }",
    };

    /// <summary>Sources on which the rules do report, each with a problem that leaves a code fix something odd to work on.</summary>
    public static TheoryData<string> BrokenSourcesWithFindings()
    {
        var data = new TheoryData<string>();
        foreach (string source in SourcesWithFindings)
            data.Add(source);
        return data;
    }

    private static readonly string[] SourcesWithFindings =
    {
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.ValidateAudience = false; p.ValidateIssuer = false; p.ValidateLifetime = false; p.ValidateIssuerSigningKey = false; p.RequireSignedTokens = false; p. } }",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.ValidateAudience = p.RequireAudience = false; p.ClockSkew = System.TimeSpan.MaxValue; p.ValidAlgorithms = new[] { \"none\" }; p.ValidAlgorithms = new[] { \"none\", \"RS256\", ",
        "using Microsoft.IdentityModel.Tokens; class C { TokenValidationParameters P => new() { AudienceValidator = (a, t, q) => true, IssuerValidator = (i, t, q) => i, SignatureValidator = (t, q) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(t), LifetimeValidator = delegate { return true; } ",
        "using Microsoft.IdentityModel.Tokens; class C { void M(TokenValidationParameters p) { p.SignatureValidator = (t, q) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(t); p.SignatureValidator = delegate (string t, TokenValidationParameters q) { return new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(t); }; p. } }",
        "using System.Net.Http; using Microsoft.AspNetCore.Authentication.JwtBearer; class C { void M(JwtBearerOptions o) { o.RequireHttpsMetadata = false; o.Authority = \"http://auth.example.com\"; o.BackchannelHttpHandler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }; o.MetadataAddress = ",
        "using System.Security.Cryptography; using Microsoft.IdentityModel.Tokens; class C { TokenValidationParameters M(RSA rsa) => new() { IssuerSigningKey = new RsaSecurityKey(rsa), ValidAlgorithms = new[] { \"RS256\", \"HS256\" }, ClockSkew = System.TimeSpan.FromHours(1) }; void N(TokenValidationParameters p) { p.ClockSkew = System.TimeSpan.FromDays(1) } }",
        "using Microsoft.AspNetCore.Authentication.JwtBearer; using Microsoft.Extensions.Hosting; class C { void M(JwtBearerOptions o, IHostEnvironment env) { if (env.IsDevelopment()) { o.RequireHttpsMetadata = false; o.TokenValidationParameters.ValidateLifetime = false; o.TokenValidationParameters.ClockSkew = System.TimeSpan.FromHours(1) } }",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    [MemberData(nameof(BrokenSourcesWithFindings))]
    public Task No_rule_or_code_fix_throws_on_incomplete_code(string source)
        => IncompleteCode.AssertNoRuleOrFixThrowsAsync(source, Refs.OneAuth);

    [Fact]
    public async Task The_broken_sources_with_findings_reach_every_code_fix()
    {
        // Guards the theory above against testing nothing: every rule with a code fix reports on these sources.
        HashSet<string> reported = await IncompleteCode.ReportedIdsAsync(SourcesWithFindings, Refs.OneAuth);
        foreach (string id in new[] { "OA0001", "OA0002", "OA0003", "OA0004", "OA0005", "OA0006", "OA0007", "OA0008", "OA0009", "OA0010" })
            Assert.Contains(id, reported);
    }
}
