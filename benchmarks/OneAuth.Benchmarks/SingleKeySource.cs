using System.Security.Cryptography;
using OneAuth.Keys;

namespace OneAuth.Benchmarks;

/// <summary>A key source holding one key in memory, answering synchronously like a warm JWKS cache.</summary>
internal sealed class SingleKeySource : SigningKeySource
{
    private readonly string _kid;
    private readonly RSA _key;

    public SingleKeySource(string kid, RSA key)
    {
        _kid = kid;
        _key = key;
    }

    public override long KeySetVersion => 1;

    public override ValueTask<SigningKeyLookup> GetKeyAsync(string kid, CancellationToken cancellationToken = default)
        => new(string.Equals(kid, _kid, StringComparison.Ordinal) ? SigningKeyLookup.Found(_key, 1) : SigningKeyLookup.Unknown(1));
}
