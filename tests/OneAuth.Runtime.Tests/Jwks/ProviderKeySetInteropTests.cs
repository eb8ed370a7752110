using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using OneAuth.Keys;
using Xunit;
using Xunit.Abstractions;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>
/// Every real provider's JWKS document in <c>shared/interop/jwks</c>, served as published on a Kestrel loopback port
/// to a <see cref="JwksKeySource"/>: each set holding RS256 signature keys of 2048-4096 bits installs all of them
/// (each lookup yields exactly the published modulus), every other entry is skipped with a logged reason, and a set
/// without such a key is refused with a detail that says why (key size for a set of small RSA keys, no usable key
/// for a set without RSA keys). Skipped, saying so, where the folder is absent.
/// </summary>
public class ProviderKeySetInteropTests
{
    private readonly ITestOutputHelper _output;

    public ProviderKeySetInteropTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        IReadOnlyList<string> names = ProviderKeySets.FileNames();
        if (names.Count == 0)
            data.Add("(folder absent)");
        foreach (string name in names)
            data.Add(name);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Documents))]
    public async Task A_provider_key_set_comes_out_as_the_policy_says(string document)
    {
        Skip.If(ProviderKeySets.Directory is null, ProviderKeySets.SkipReason);
        byte[] body = ProviderKeySets.Read(document);
        ProviderKeySets.Expectation expected = ProviderKeySets.Expect(body);

        await using JwksTestServer server = await JwksTestServer.StartAsync();
        server.Handler = ctx =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = body.Length;
            return ctx.Response.Body.WriteAsync(body).AsTask();
        };
        var logs = new CapturingLoggerFactory();
        using var source = new JwksKeySource(server.JwksUri, new JwksKeySourceOptions { TimeProvider = new FakeTimeProvider(JwksHarness.Start), LoggerFactory = logs });

        string probe = expected.Installed.Count > 0 ? expected.Installed[0].Kid : "probe";
        SigningKeyLookup first = await source.GetKeyAsync(probe).AsTask().WaitAsync(JwksHarness.Patience);
        IEnumerable<string> skipped = logs.WithEvent(2003).Select(e => e.Message);

        if (expected.Installed.Count > 0)
        {
            Assert.Equal(SigningKeyStatus.Found, first.Status);
            Assert.Empty(logs.WithEvent(2004));
            foreach ((string kid, byte[] modulus) in expected.Installed)
            {
                SigningKeyLookup lookup = await source.GetKeyAsync(kid);
                Assert.True(lookup.Status == SigningKeyStatus.Found, $"{document}: kid {kid} not installed ({lookup.Status}); skipped: {string.Join(" | ", skipped)}");
                Assert.Equal(modulus, lookup.Key!.ExportParameters(false).Modulus);
            }

            Assert.Equal(1, server.Fetches);
            Assert.Contains($": {expected.Installed.Count} keys accepted", Assert.Single(logs.WithEvent(2001)).Message);   // and no others
            _output.WriteLine($"{document}: installed {string.Join(", ", expected.Installed.Select(k => k.Kid))}; skipped: {string.Join(" | ", skipped)}");
        }
        else
        {
            Assert.Equal(SigningKeyStatus.KeysUnavailable, first.Status);
            Assert.Null(first.Key);
            Assert.Contains("(no_usable_keys)", Assert.Single(logs.WithEvent(2004)).Message);
            Assert.Contains("refused (no_usable_keys)", first.Detail);
            if (expected.RsaKeys == 0)
                Assert.Contains("unsupported_kty", first.Detail);
            if (expected.OnlyWrongSize)
            {
                Assert.Equal(expected.RsaKeys, logs.WithEvent(2003).Count(e => e.Message.Contains("(key_size)")));
                Assert.Contains($"key_size: {expected.RsaKeys}", first.Detail);
            }

            _output.WriteLine($"{document}: refused; {first.Detail}");
        }
    }

    [SkippableFact]
    public void The_folder_holds_sets_that_must_install_and_sets_that_must_be_refused()
    {
        Skip.If(ProviderKeySets.Directory is null, ProviderKeySets.SkipReason);
        var expectations = ProviderKeySets.FileNames().Select(n => ProviderKeySets.Expect(ProviderKeySets.Read(n))).ToList();

        Assert.True(expectations.Count(e => e.Installed.Count > 0) >= 20, "expected most provider sets to carry usable keys");
        Assert.Contains(expectations, e => e.Installed.Count == 0 && e.OnlyWrongSize);
        Assert.Contains(expectations, e => e.Installed.Count == 0 && e.RsaKeys == 0);
    }
}
