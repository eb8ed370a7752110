namespace OneAuth.Keys;

/// <summary>How usable a key source's key set is (see <see cref="KeySetStatus"/>).</summary>
public enum KeySetState
{
    /// <summary>A key set is installed, within its cache age, and the last fetch succeeded.</summary>
    Fresh = 0,

    /// <summary>The installed set is past its cache age and serves while a refresh is due or running.</summary>
    Stale = 1,

    /// <summary>The last fetch failed (or its set was refused); the previous good set still serves.</summary>
    RefreshFailed = 2,

    /// <summary>
    /// No usable set: never fetched, every fetch so far failed or was refused, or the last good set is past
    /// the maximum staleness. Every lookup answers KeysUnavailable.
    /// </summary>
    Unavailable = 3,
}
