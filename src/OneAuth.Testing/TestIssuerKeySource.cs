using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using OneAuth.Keys;

namespace OneAuth.Testing;

/// <summary>The issuer's published keys as a <see cref="SigningKeySource"/>: in memory, synchronous, never fetches.</summary>
internal sealed class TestIssuerKeySource : SigningKeySource
{
    private readonly TestIssuer _issuer;

    public TestIssuerKeySource(TestIssuer issuer) => _issuer = issuer;

    public override long KeySetVersion => _issuer.KeySetVersion;

    public override ValueTask<SigningKeyLookup> GetKeyAsync(string kid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!KeyIds.IsWellFormed(kid))
            return new ValueTask<SigningKeyLookup>(SigningKeyLookup.Unknown(_issuer.KeySetVersion, "The key id is not well formed."));

        if (_issuer.TryGetPublishedKey(kid, out RSA? key, out long version))
            return new ValueTask<SigningKeyLookup>(SigningKeyLookup.Found(key!, version));

        return new ValueTask<SigningKeyLookup>(SigningKeyLookup.Unknown(version, "No published key has that key id."));
    }
}
