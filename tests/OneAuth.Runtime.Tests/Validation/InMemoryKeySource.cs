using System.Collections.Concurrent;
using System.Security.Cryptography;
using OneAuth.Keys;

namespace OneAuth.Runtime.Tests.Validation;

/// <summary>A key source over a dictionary, with switches for the situations a real source can be in.</summary>
internal sealed class InMemoryKeySource : SigningKeySource
{
    private readonly ConcurrentDictionary<string, RSA> _keys = new(StringComparer.Ordinal);
    private long _version = 1;
    private int _lookups;
    private int _byteLookups;

    public InMemoryKeySource(params (string Kid, RSA Key)[] keys)
    {
        foreach ((string kid, RSA key) in keys)
            _keys[kid] = key;
    }

    /// <summary>Answer asynchronously (after a yield) instead of synchronously.</summary>
    public bool Asynchronous { get; set; }

    /// <summary>Report that no key set is available.</summary>
    public bool Unavailable { get; set; }

    /// <summary>Throw this from every lookup.</summary>
    public Exception? Throw { get; set; }

    /// <summary>Wait for this before answering (asynchronous mode only).</summary>
    public Task? Gate { get; set; }

    /// <summary>Answer from the kid's bytes too (<see cref="SigningKeySource.TryGetKeyNow"/>), as the JWKS source does.</summary>
    public bool AnswersFromBytes { get; set; }

    /// <summary>Lookups through <see cref="GetKeyAsync"/>.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Lookups answered through <see cref="TryGetKeyNow"/>.</summary>
    public int ByteLookups => Volatile.Read(ref _byteLookups);

    public List<string> RequestedKids { get; } = new();

    public override long KeySetVersion => Volatile.Read(ref _version);

    /// <summary>Installs a different key set: replaces the keys and bumps the version.</summary>
    public void Install(params (string Kid, RSA Key)[] keys)
    {
        _keys.Clear();
        foreach ((string kid, RSA key) in keys)
            _keys[kid] = key;

        Interlocked.Increment(ref _version);
    }

    public override ValueTask<SigningKeyLookup> GetKeyAsync(string kid, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lookups);
        lock (RequestedKids)
            RequestedKids.Add(kid);

        if (Throw is not null)
            throw Throw;

        if (!Asynchronous)
            return new ValueTask<SigningKeyLookup>(Answer(kid));

        return new ValueTask<SigningKeyLookup>(AnswerLaterAsync(kid, cancellationToken));
    }

    internal override bool TryGetKeyNow(ReadOnlySpan<byte> kid, out SigningKeyLookup lookup)
    {
        if (!AnswersFromBytes || Throw is not null || Asynchronous)
            return base.TryGetKeyNow(kid, out lookup);

        Interlocked.Increment(ref _byteLookups);
        lookup = Answer(System.Text.Encoding.ASCII.GetString(kid));
        return true;
    }

    private async Task<SigningKeyLookup> AnswerLaterAsync(string kid, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (Gate is not null)
            await Gate.WaitAsync(cancellationToken);

        cancellationToken.ThrowIfCancellationRequested();
        return Answer(kid);
    }

    private SigningKeyLookup Answer(string kid)
    {
        if (Unavailable)
            return SigningKeyLookup.Unavailable("test: no key set");

        return _keys.TryGetValue(kid, out RSA? key)
            ? SigningKeyLookup.Found(key, KeySetVersion)
            : SigningKeyLookup.Unknown(KeySetVersion);
    }
}
