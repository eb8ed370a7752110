using System;

namespace OneAuth.Keys;

/// <summary>
/// A snapshot of a key source's key set, for health checks and diagnostics. It names counts, ages and short
/// failure reasons only, never a key id, key material or an address with its query.
/// </summary>
public sealed class KeySetStatus
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="state">How usable the set is.</param>
    /// <param name="keySetVersion">The installed set's version (0 when none).</param>
    /// <param name="keyCount">How many keys the installed set holds (0 when none).</param>
    /// <param name="age">Time since the installed set was last fetched successfully; null when none.</param>
    /// <param name="freshFor">The installed set's cache age; null when none.</param>
    /// <param name="lastFailure">The short reason of the last fetch when it failed (for example <c>timeout</c>); null after a success.</param>
    public KeySetStatus(KeySetState state, long keySetVersion, int keyCount, TimeSpan? age, TimeSpan? freshFor, string? lastFailure)
    {
        State = state;
        KeySetVersion = keySetVersion;
        KeyCount = keyCount;
        Age = age;
        FreshFor = freshFor;
        LastFailure = lastFailure;
    }

    /// <summary>How usable the set is.</summary>
    public KeySetState State { get; }

    /// <summary>The installed set's version; 0 when none is installed.</summary>
    public long KeySetVersion { get; }

    /// <summary>How many keys the installed set holds.</summary>
    public int KeyCount { get; }

    /// <summary>Time since the installed set was last fetched successfully; null when none is installed.</summary>
    public TimeSpan? Age { get; }

    /// <summary>How long the installed set is used before a refresh is due; null when none is installed.</summary>
    public TimeSpan? FreshFor { get; }

    /// <summary>The reason tag of the last fetch when it failed (the <c>reason</c> of <c>oneauth.jwks.fetches</c>); null after a success.</summary>
    public string? LastFailure { get; }

    /// <summary>A one-line description, fit for a health report.</summary>
    public string Describe()
    {
        switch (State)
        {
            case KeySetState.Fresh:
                return $"Key set version {KeySetVersion} with {KeyCount} key(s), fetched {Seconds(Age)} s ago.";
            case KeySetState.Stale:
                return $"Key set version {KeySetVersion} with {KeyCount} key(s) is past its cache age ({Seconds(Age)} s old); a refresh is due.";
            case KeySetState.RefreshFailed:
                return $"The last JWKS fetch failed ({LastFailure ?? "unknown"}); key set version {KeySetVersion}, {Seconds(Age)} s old, still serves.";
            default:
                if (Age is not null)
                    return $"No usable key set: the last good one is {Seconds(Age)} s old, past the maximum staleness (last failure: {LastFailure ?? "none"}).";
                return LastFailure is null
                    ? "No usable key set: none has been fetched yet."
                    : $"No usable key set: no fetch has succeeded (last failure: {LastFailure}).";
        }
    }

    private static long Seconds(TimeSpan? value) => value is { } v ? (long)v.TotalSeconds : 0;
}
