using System;
using System.Threading;
using System.Threading.Tasks;

namespace OneAuth.Keys;

/// <summary>The key set's status, for health checks.</summary>
public sealed partial class JwksKeySource
{
    /// <summary>
    /// The key set's state now, without fetching: <see cref="KeySetState.Fresh"/> within the cache age after a
    /// successful fetch; <see cref="KeySetState.Stale"/> past it; <see cref="KeySetState.RefreshFailed"/> when
    /// the last fetch failed or its set was refused while an older good set still serves;
    /// <see cref="KeySetState.Unavailable"/> when no set was ever installed or the last one is past the maximum
    /// staleness (docs/policy.md).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The source has been disposed.</exception>
    public KeySetStatus GetStatus()
    {
        if (_disposed)
            throw new ObjectDisposedException(nameof(JwksKeySource));

        JwksKeySet? set = _current;
        string? failure = _metrics.LastFailure;
        if (set is null)
            return new KeySetStatus(KeySetState.Unavailable, 0, 0, null, null, failure);

        TimeSpan age = _time.GetElapsedTime(set.FetchedTimestamp, _time.GetTimestamp());
        KeySetState state = age >= JwksLimits.MaxStaleness ? KeySetState.Unavailable
            : failure is not null ? KeySetState.RefreshFailed
            : age >= set.FreshFor ? KeySetState.Stale
            : KeySetState.Fresh;
        return new KeySetStatus(state, set.Version, set.Keys.Count, age, set.FreshFor, failure);
    }

    /// <summary>
    /// The key set's state (<see cref="GetStatus"/>) after fetching, when no set is installed or the installed one
    /// is past its cache age, exactly as a lookup would: at most one fetch at a time, none inside the refresh
    /// cooldown. Polling this never adds a fetch that lookups could not have made.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait for the fetch, never the fetch itself.</param>
    /// <exception cref="ObjectDisposedException">The source has been disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public override async ValueTask<KeySetStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        if (_disposed)
            throw new ObjectDisposedException(nameof(JwksKeySource));

        long now = _time.GetTimestamp();
        JwksKeySet? set = _current;
        bool due = set is null || _time.GetElapsedTime(set.FetchedTimestamp, now) >= set.FreshFor;
        if (due && JoinOrStartRefresh(now, out _) is { IsCompleted: false } refresh)
        {
            await WaitAsync(refresh, cancellationToken).ConfigureAwait(false);
        }

        return GetStatus();
    }
}
