using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

// These tests read ValueTask.Result on purpose: they prove the result is already there (synchronous completion).
#pragma warning disable xUnit1031

[Collection(Jwks.AllocationSensitive.Name)]
public class ExecutionTests
{
    [Fact]
    public void Completes_synchronously_when_the_key_source_does()
    {
        var f = new VerifierFixture();
        string token = TokenMinter.Valid();
        ValueTask<AppTokenValidationResult> pending = f.Verifier.ValidateAsync(token);
        Assert.True(pending.IsCompletedSuccessfully);
        Assert.True(pending.Result.IsValid);
        Assert.True(f.Verifier.ValidateAsync("x.y.z").IsCompletedSuccessfully);
    }

    [Fact]
    public void Takes_the_byte_answer_of_any_key_source_that_gives_one()
    {
        var f = new VerifierFixture();
        string token = TokenMinter.Valid();
        Assert.True(f.Verifier.ValidateAsync(token).Result.IsValid);
        Assert.Equal((1, 0), (f.Keys.Lookups, f.Keys.ByteLookups));

        f.Keys.AnswersFromBytes = true;
        Assert.True(f.Verifier.ValidateAsync(token).Result.IsValid);
        Assert.Equal(AppTokenFailure.UnknownKey, f.Verifier.ValidateAsync(TokenMinter.Valid(editHeader: h => h["kid"] = "other-kid")).Result.Failure);
        Assert.Equal((1, 2), (f.Keys.Lookups, f.Keys.ByteLookups));
    }

    [Fact]
    public void Allocates_little_on_the_uncached_path()
    {
        var f = new VerifierFixture();
        string token = TokenMinter.Valid();
        for (int i = 0; i < 50; i++)
            Assert.True(f.Verifier.ValidateAsync(token).Result.IsValid);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            _ = f.Verifier.ValidateAsync(token).Result;
        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.True(perCall <= 512, $"{perCall} B per validation");
    }

    [Fact]
    public async Task Works_with_a_key_source_that_answers_later()
    {
        var f = new VerifierFixture();
        f.Keys.Asynchronous = true;
        var gate = new TaskCompletionSource();
        f.Keys.Gate = gate.Task;
        ValueTask<AppTokenValidationResult> pending = f.Verifier.ValidateAsync(TokenMinter.Valid());
        Assert.False(pending.IsCompleted);
        gate.SetResult();
        Assert.True((await pending).IsValid);
        Assert.Equal(AppTokenFailure.InvalidSignature, (await f.Verifier.ValidateAsync(TokenMinter.Valid(key: VerifierTestKeys.Other))).Failure);
    }

    [Fact]
    public async Task Throws_when_the_callers_token_is_already_cancelled()
    {
        var f = new VerifierFixture();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await f.Verifier.ValidateAsync(TokenMinter.Valid(), cts.Token));
        Assert.Equal(0, f.Keys.Lookups);
    }

    [Fact]
    public async Task Throws_when_the_callers_token_is_cancelled_while_waiting_for_keys()
    {
        var f = new VerifierFixture();
        f.Keys.Asynchronous = true;
        f.Keys.Gate = new TaskCompletionSource().Task; // never opens
        using var cts = new CancellationTokenSource();
        ValueTask<AppTokenValidationResult> pending = f.Verifier.ValidateAsync(TokenMinter.Valid(), cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);
    }

    [Fact]
    public async Task Reports_a_cancellation_that_is_not_the_callers_as_keys_unavailable()
    {
        var f = new VerifierFixture();
        f.Keys.Throw = new TaskCanceledException("the key source's own timeout");
        Assert.Equal(AppTokenFailure.KeysUnavailable, (await f.Verifier.ValidateAsync(TokenMinter.Valid())).Failure);

        f.Keys.Throw = null;
        f.Keys.Asynchronous = true;
        using var own = new CancellationTokenSource();
        own.Cancel();
        f.Keys.Gate = Task.FromCanceled(own.Token);
        Assert.Equal(AppTokenFailure.KeysUnavailable, (await f.Verifier.ValidateAsync(TokenMinter.Valid())).Failure);
    }

    [Fact]
    public async Task Validates_concurrently()
    {
        var f = new VerifierFixture(configure: o => o.VerifiedTokenCacheCapacity = 16);
        string good = TokenMinter.Valid();
        string other = TokenMinter.Valid(c => c["app_id"] = "payments");
        await Parallel.ForAsync(0, 400, async (i, ct) =>
        {
            AppTokenValidationResult r = await f.Verifier.ValidateAsync(i % 2 == 0 ? good : other, ct);
            Assert.Equal(i % 2 == 0 ? AppTokenFailure.None : AppTokenFailure.WrongApp, r.Failure);
        });
    }
}
