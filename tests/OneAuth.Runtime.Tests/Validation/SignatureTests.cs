using System.Security.Cryptography;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

public class SignatureTests
{
    private readonly VerifierFixture _f = new();

    [Fact]
    public async Task Rejects_a_tampered_payload()
    {
        string[] p = TokenMinter.Split(TokenMinter.Valid());
        string forged = TokenMinter.Encode(TokenMinter.Claims(appId: "billing").ToJsonString().Replace("user-42", "admin-1"));
        await _f.ExpectAsync(string.Join(".", p[0], forged, p[2]), AppTokenFailure.InvalidSignature);
    }

    [Fact]
    public async Task Rejects_a_flipped_signature_bit()
    {
        string[] p = TokenMinter.Split(TokenMinter.Valid());
        char c = p[2][10];
        p[2] = p[2][..10] + (c == 'A' ? 'B' : 'A') + p[2][11..];
        await _f.ExpectAsync(string.Join(".", p), AppTokenFailure.InvalidSignature);
    }

    [Fact]
    public Task Rejects_a_token_signed_by_another_key_under_a_known_kid()
        => _f.ExpectAsync(TokenMinter.Valid(key: VerifierTestKeys.Other), AppTokenFailure.InvalidSignature);

    [Fact]
    public async Task Uses_only_the_key_the_kid_names_never_the_others()
    {
        _f.Keys.Install((VerifierTestKeys.Kid, VerifierTestKeys.PublicOf(VerifierTestKeys.Primary)), (VerifierTestKeys.OtherKid, VerifierTestKeys.PublicOf(VerifierTestKeys.Other)));
        await _f.ExpectAsync(TokenMinter.Valid(key: VerifierTestKeys.Other), AppTokenFailure.InvalidSignature);
        Assert.Equal(new[] { VerifierTestKeys.Kid }, _f.Keys.RequestedKids);
        await _f.ExpectAsync(TokenMinter.Valid(key: VerifierTestKeys.Other, editHeader: h => h["kid"] = VerifierTestKeys.OtherKid), AppTokenFailure.None);
    }

    [Fact]
    public Task Rejects_an_unknown_kid()
        => _f.ExpectAsync(TokenMinter.Valid(editHeader: h => h["kid"] = "nobody"), AppTokenFailure.UnknownKey);

    [Fact]
    public async Task Reports_keys_unavailable()
    {
        _f.Keys.Unavailable = true;
        AppTokenValidationResult r = await _f.ExpectAsync(TokenMinter.Valid(), AppTokenFailure.KeysUnavailable);
        Assert.Equal("test: no key set", r.Detail);
    }

    [Fact]
    public async Task Reports_a_throwing_key_source_as_keys_unavailable()
    {
        _f.Keys.Throw = new HttpRequestException("boom");
        await _f.ExpectAsync(TokenMinter.Valid(), AppTokenFailure.KeysUnavailable);
        _f.Keys.Asynchronous = true;
        _f.Keys.Throw = null;
        var faulty = new FaultyAsyncSource();
        var verifier = new AppTokenVerifier(VerifierFixture.BillingPolicy, faulty);
        AppTokenValidationResult r = await verifier.ValidateAsync(TokenMinter.Valid());
        Assert.Equal(AppTokenFailure.KeysUnavailable, r.Failure);
    }

    [Fact]
    public async Task Rejects_a_signature_whose_length_is_not_the_key_size()
    {
        _f.Keys.Install((VerifierTestKeys.Kid, VerifierTestKeys.PublicOf(VerifierTestKeys.Primary)));
        await _f.ExpectAsync(TokenMinter.Valid(key: VerifierTestKeys.Large), AppTokenFailure.InvalidSignature);
        string[] p = TokenMinter.Split(TokenMinter.Valid());
        p[2] = TokenMinter.Encode(new byte[100]);
        await _f.ExpectAsync(string.Join(".", p), AppTokenFailure.InvalidSignature);
    }

    [Fact]
    public async Task Accepts_a_4096_bit_key()
    {
        _f.Keys.Install((VerifierTestKeys.Kid, VerifierTestKeys.PublicOf(VerifierTestKeys.Large)));
        await _f.ExpectAsync(TokenMinter.Valid(key: VerifierTestKeys.Large), AppTokenFailure.None);
    }

    [Fact]
    public async Task Checks_the_signature_before_any_claim()
    {
        // A token that is wrong in every claim but also forged reports the signature, not a claim.
        string forged = TokenMinter.Valid(c => { c["app_id"] = "payments"; c["exp"] = 1; }, key: VerifierTestKeys.Other);
        await _f.ExpectAsync(forged, AppTokenFailure.InvalidSignature);
    }

    private sealed class FaultyAsyncSource : SigningKeySource
    {
        public override long KeySetVersion => 1;

        public override async ValueTask<SigningKeyLookup> GetKeyAsync(string kid, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw new CryptographicException("bad key");
        }
    }
}
