namespace OneAuth.Keys;

/// <summary>The outcome of a key lookup.</summary>
public enum SigningKeyStatus
{
    /// <summary>The key set holds an RS256 key with that id.</summary>
    Found = 0,

    /// <summary>The current key set has no key with that id (a refresh may or may not have been attempted).</summary>
    UnknownKey,

    /// <summary>No usable key set: never fetched successfully, or the last good set is older than the maximum staleness.</summary>
    KeysUnavailable,
}
