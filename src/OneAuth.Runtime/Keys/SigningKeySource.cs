using System;
using System.Threading;
using System.Threading.Tasks;

namespace OneAuth.Keys;

/// <summary>
/// Where a verifier gets the issuer's RS256 public keys. Keys come from the issuer's key set only, never
/// from the token. Implementations must complete synchronously when the answer is in memory, never block a
/// caller behind a refresh that is not allowed, and never fetch for a key id that is not well formed
/// (<see cref="KeyIds.IsWellFormed"/>).
/// </summary>
public abstract class SigningKeySource
{
    /// <summary>Looks up the key with id <paramref name="kid"/>.</summary>
    public abstract ValueTask<SigningKeyLookup> GetKeyAsync(string kid, CancellationToken cancellationToken = default);

    /// <summary>Identifies the currently installed key set; changes whenever a different set is installed.</summary>
    public abstract long KeySetVersion { get; }

    /// <summary>
    /// Answers a lookup of <paramref name="kid"/> (its ASCII bytes) at once, without the kid as a string, when the
    /// source can: the verifier asks this first on every token, so an answer here must not allocate or block. False
    /// means "no synchronous answer; call <see cref="GetKeyAsync"/>", which must then give the answer this
    /// would have given. This default never answers.
    /// </summary>
    internal virtual bool TryGetKeyNow(ReadOnlySpan<byte> kid, out SigningKeyLookup lookup)
    {
        lookup = default;
        return false;
    }

    /// <summary>
    /// Loads the key set ahead of the first token (warm start), within the source's own fetch limits. Never throws
    /// for a failed fetch: the next lookup reports it. Sources that hold their keys in memory do nothing.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; a fetch already started goes on.</param>
    public virtual Task PrefetchAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// Reports the state of the key set, for health checks. A source that fetches may first refresh a set that
    /// is due (or fetch the first one), but only as its own limits allow: never more often, never in parallel
    /// with its own refresh. <paramref name="cancellationToken"/> stops this caller's wait, never the fetch.
    /// This default, for sources that hold their keys in memory, reports <see cref="KeySetState.Fresh"/>.
    /// </summary>
    public virtual ValueTask<KeySetStatus> GetStatusAsync(CancellationToken cancellationToken = default)
        => new ValueTask<KeySetStatus>(new KeySetStatus(KeySetState.Fresh, KeySetVersion, 0, null, null, null));
}
