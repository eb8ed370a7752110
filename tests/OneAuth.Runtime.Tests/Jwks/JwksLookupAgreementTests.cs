using System.Text;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>
/// The verifier's byte lookup (<c>TryGetKeyNow</c>) and <c>GetKeyAsync</c> give one answer in every state of the
/// key set: the same status, key, detail and version, and the same throttling event; where the byte lookup
/// declines, it has started nothing and the string lookup is the one that fetches.
/// </summary>
public class JwksLookupAgreementTests
{
    public static TheoryData<string, string, SigningKeyStatus?, KeySetState> States => new()
    {
        { "fresh", "a", SigningKeyStatus.Found, KeySetState.Fresh },
        { "fresh", "nope", SigningKeyStatus.UnknownKey, KeySetState.Fresh },
        { "stale", "a", SigningKeyStatus.Found, KeySetState.Stale },
        { "stale", "nope", null, KeySetState.Stale },
        { "refresh failed", "a", SigningKeyStatus.Found, KeySetState.RefreshFailed },
        { "refresh failed", "nope", SigningKeyStatus.UnknownKey, KeySetState.RefreshFailed },
        { "refresh failed, cooldown over", "nope", null, KeySetState.RefreshFailed },
        { "never fetched", "a", null, KeySetState.Unavailable },
        { "unavailable", "a", SigningKeyStatus.KeysUnavailable, KeySetState.Unavailable },
        { "unavailable, cooldown over", "a", null, KeySetState.Unavailable },
        { "too stale", "a", SigningKeyStatus.KeysUnavailable, KeySetState.Unavailable },
    };

    [Theory]
    [MemberData(nameof(States))]
    public async Task The_byte_lookup_and_GetKeyAsync_agree(string state, string kid, SigningKeyStatus? byteAnswer, KeySetState expectedState)
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        await ArrangeAsync(h, state);
        Assert.Equal(expectedState, h.Source.GetStatus().State);
        int fetches = h.Server.Fetches;
        int throttled = h.Logs.WithEvent(2005).Count;

        bool answered = h.Source.TryGetKeyNow(Encoding.ASCII.GetBytes(kid), out SigningKeyLookup viaBytes);
        int throttledByBytes = h.Logs.WithEvent(2005).Count - throttled;

        if (byteAnswer is null)
        {
            Assert.False(answered);
            Assert.Null(h.Source.InFlightRefresh);
            Assert.Equal(fetches, h.Server.Fetches);
            Assert.Equal(0, throttledByBytes);

            await h.GetAsync(kid);
            Assert.Equal(fetches + 1, h.Server.Fetches);
            return;
        }

        Assert.True(answered);
        Assert.Equal(byteAnswer, viaBytes.Status);
        SigningKeyLookup viaString = Trust.Sync(h.Source.GetKeyAsync(kid));
        int throttledByString = h.Logs.WithEvent(2005).Count - throttled - throttledByBytes;

        Assert.Equal(viaString.Status, viaBytes.Status);
        Assert.Same(viaString.Key, viaBytes.Key);
        Assert.Equal(viaString.Detail, viaBytes.Detail);
        Assert.Equal(viaString.KeySetVersion, viaBytes.KeySetVersion);
        Assert.Equal(throttledByString, throttledByBytes);
        Assert.Equal(byteAnswer == SigningKeyStatus.Found ? 0 : 1, throttledByBytes);
        Assert.True(h.Logs.WithEvent(2006).Count <= 1);

        // A stale set's key is served while one background refresh runs, whichever lookup asked first.
        await h.SettleAsync();
        Assert.Equal(state == "stale" ? fetches + 1 : fetches, h.Server.Fetches);
    }

    private static async Task ArrangeAsync(JwksHarness h, string state)
    {
        string jwks = JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b"));
        switch (state)
        {
            case "fresh":
                h.Server.Serve(jwks);
                Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
                h.Time.Advance(TimeSpan.FromSeconds(10));
                break;

            case "stale":
                h.Server.Serve(jwks);
                Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
                h.Time.Advance(JwksLimits.MaxCacheAge);
                break;

            case "refresh failed":
            case "refresh failed, cooldown over":
                h.Server.Serve(jwks);
                Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
                h.Server.ServeStatus(500);
                h.Time.Advance(JwksLimits.MaxCacheAge);
                Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
                await h.SettleAsync();
                if (state.EndsWith("cooldown over", StringComparison.Ordinal))
                    h.Time.Advance(JwksLimits.RefreshCooldown);
                break;

            case "never fetched":
                h.Server.Serve(jwks);
                break;

            case "unavailable":
            case "unavailable, cooldown over":
                h.Server.ServeStatus(503);
                Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
                if (state.EndsWith("cooldown over", StringComparison.Ordinal))
                    h.Time.Advance(JwksLimits.RefreshCooldown);
                break;

            case "too stale":
                h.Server.Serve(jwks);
                Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
                h.Server.ServeStatus(500);
                h.Time.Advance(JwksLimits.MaxStaleness);
                Trust.NoKey(await h.GetAsync("b"), SigningKeyStatus.KeysUnavailable);
                await h.SettleAsync();
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
    }
}
