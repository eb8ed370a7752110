using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

public class VerifiedTokenCacheTests
{
    private readonly VerifierFixture _f = new(configure: o => o.VerifiedTokenCacheCapacity = 8);

    [Fact]
    public async Task Is_off_by_default()
    {
        var f = new VerifierFixture();
        string token = TokenMinter.Valid();
        await f.ExpectAsync(token, AppTokenFailure.None);
        await f.ExpectAsync(token, AppTokenFailure.None);
        Assert.Equal(2, f.Keys.Lookups);
        Assert.Null(f.Verifier.Cache);
    }

    [Fact]
    public async Task Serves_a_repeated_token_without_verifying_it_again()
    {
        string token = TokenMinter.Valid();
        AppTokenValidationResult first = await _f.ExpectAsync(token, AppTokenFailure.None);
        AppTokenValidationResult second = await _f.ExpectAsync(token, AppTokenFailure.None);
        Assert.Same(first, second);
        Assert.Equal(1, _f.Keys.Lookups);
        Assert.True(_f.Verifier.ValidateAsync(token).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Keys_on_the_whole_token()
    {
        string token = TokenMinter.Valid();
        await _f.ExpectAsync(token, AppTokenFailure.None);
        string[] p = TokenMinter.Split(token);
        char last = p[2][^2];
        string tampered = p[0] + "." + p[1] + "." + p[2][..^2] + (last == 'A' ? 'B' : 'A') + p[2][^1];
        await _f.ExpectAsync(tampered, AppTokenFailure.InvalidSignature);
        await _f.ExpectAsync(token + " ", AppTokenFailure.Malformed);
    }

    [Fact]
    public async Task Does_not_remember_rejections()
    {
        string token = TokenMinter.Valid(c => c["app_id"] = "payments");
        await _f.ExpectAsync(token, AppTokenFailure.WrongApp);
        await _f.ExpectAsync(token, AppTokenFailure.WrongApp);
        Assert.Equal(2, _f.Keys.Lookups);
        Assert.Equal(0, _f.Verifier.Cache!.Count);
    }

    [Fact]
    public async Task Rechecks_exp_on_every_hit()
    {
        string token = TokenMinter.Valid(c => c["exp"] = TokenMinter.Now.ToUnixTimeSeconds() + 60);
        await _f.ExpectAsync(token, AppTokenFailure.None);
        _f.Time.Advance(TimeSpan.FromSeconds(80));
        await _f.ExpectAsync(token, AppTokenFailure.None);   // still inside the 30 s skew
        Assert.Equal(1, _f.Keys.Lookups);
        _f.Time.Advance(TimeSpan.FromSeconds(15));
        await _f.ExpectAsync(token, AppTokenFailure.Expired);
        Assert.Equal(0, _f.Verifier.Cache!.Count);
    }

    [Fact]
    public async Task Empties_when_the_key_set_changes()
    {
        string token = TokenMinter.Valid();
        await _f.ExpectAsync(token, AppTokenFailure.None);
        Assert.Equal(1, _f.Verifier.Cache!.Count);

        // The key is rotated out: the cached acceptance must not outlive it.
        _f.Keys.Install((VerifierTestKeys.OtherKid, VerifierTestKeys.PublicOf(VerifierTestKeys.Other)));
        await _f.ExpectAsync(token, AppTokenFailure.UnknownKey);
        Assert.Equal(0, _f.Verifier.Cache.Count);

        // Same keys re-installed under a new version: verified afresh, then cached again.
        _f.Keys.Install((VerifierTestKeys.Kid, VerifierTestKeys.PublicOf(VerifierTestKeys.Primary)));
        int before = _f.Keys.Lookups;
        await _f.ExpectAsync(token, AppTokenFailure.None);
        await _f.ExpectAsync(token, AppTokenFailure.None);
        Assert.Equal(before + 1, _f.Keys.Lookups);
    }

    [Fact]
    public async Task Stays_within_its_capacity()
    {
        for (int i = 0; i < 100; i++)
            await _f.ExpectAsync(TokenMinter.Valid(c => c["jti"] = "t" + i), AppTokenFailure.None);

        Assert.InRange(_f.Verifier.Cache!.Count, 1, 8);

        // The newest tokens still get cached after evictions.
        string fresh = TokenMinter.Valid(c => c["jti"] = "fresh");
        await _f.ExpectAsync(fresh, AppTokenFailure.None);
        int lookups = _f.Keys.Lookups;
        await _f.ExpectAsync(fresh, AppTokenFailure.None);
        Assert.Equal(lookups, _f.Keys.Lookups);
    }

    [Fact]
    public async Task Drops_expired_entries_first_when_full()
    {
        long now = TokenMinter.Now.ToUnixTimeSeconds();
        for (int i = 0; i < 8; i++)
            await _f.ExpectAsync(TokenMinter.Valid(c => { c["jti"] = "short" + i; c["exp"] = now + 10; }), AppTokenFailure.None);

        string longLived = TokenMinter.Valid(c => c["jti"] = "long");
        _f.Time.Advance(TimeSpan.FromSeconds(5));
        await _f.ExpectAsync(longLived, AppTokenFailure.None);
        _f.Time.Advance(TimeSpan.FromSeconds(10)); // the short ones are now past exp (skew aside)
        await _f.ExpectAsync(TokenMinter.Valid(c => c["jti"] = "another"), AppTokenFailure.None);
        Assert.InRange(_f.Verifier.Cache!.Count, 1, 8);
    }
}
