using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

public class JwksLimitsTests
{
    [Theory]
    [InlineData(null, 600)]     // no max-age: the 10 min maximum
    [InlineData(0, 60)]         // no-cache / no-store / max-age=0: the 1 min floor
    [InlineData(5, 60)]
    [InlineData(60, 60)]
    [InlineData(120, 120)]
    [InlineData(599, 599)]
    [InlineData(600, 600)]
    [InlineData(1800, 600)]     // inside the 1 h clamp, but never beyond the 10 min maximum age
    [InlineData(86400, 600)]
    public void Effective_max_age_is_the_clamped_server_value_capped_at_ten_minutes(int? serverSeconds, int expectedSeconds)
    {
        TimeSpan? server = serverSeconds is int s ? TimeSpan.FromSeconds(s) : null;
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), JwksLimits.EffectiveMaxAge(server));
    }

    [Theory]
    [InlineData("AQAB", new byte[] { 1, 0, 1 })]
    [InlineData("AQA", new byte[] { 1, 0 })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("_-8", new byte[] { 0xFF, 0xEF })]
    public void Base64url_decodes_canonical_text(string text, byte[] expected) =>
        Assert.Equal(expected, OneAuth.Validation.Base64Url.DecodeCanonical(text));

    [Theory]
    [InlineData("")]
    [InlineData("A")]            // impossible length
    [InlineData("AQAB=")]        // padding
    [InlineData("AQ==")]
    [InlineData("AQB")]          // non-zero unused bits
    [InlineData("AR")]
    [InlineData("AQ+B")]         // base64, not base64url
    [InlineData("AQ/B")]
    [InlineData("AQ B")]
    [InlineData("AQ\nB")]
    public void Base64url_rejects_non_canonical_text(string text) =>
        Assert.Null(OneAuth.Validation.Base64Url.DecodeCanonical(text));

    [Theory]
    [InlineData(5, "5 s")]
    [InlineData(30, "30 s")]
    [InlineData(90, "90 s")]
    [InlineData(600, "10 min")]
    [InlineData(3600, "1 h")]
    [InlineData(86400, "24 h")]
    public void Limits_are_named_in_their_largest_whole_unit(int seconds, string expected) =>
        Assert.Equal(expected, JwksLimits.Describe(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public async Task Detail_texts_name_the_limits_they_report()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Assert.Contains("(" + JwksLimits.Describe(JwksLimits.RefreshCooldown) + " cooldown)", (await h.GetAsync("b")).Detail, StringComparison.Ordinal);

        h.Server.ServeStatus(500);
        h.Time.Advance(JwksLimits.MaxStaleness);
        Assert.Contains(JwksLimits.Describe(JwksLimits.MaxStaleness) + " maximum staleness", (await h.GetAsync("a")).Detail, StringComparison.Ordinal);
    }
}
