using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;

namespace OneAuth.Keys;

/// <summary>
/// One installed key set: immutable keys by kid, its version and its timestamps. Replaced whole, never
/// edited, so a reader sees either the old set or the new one.
/// </summary>
internal sealed class JwksKeySet
{
    private int _staleReported;

    public JwksKeySet(Dictionary<string, JwksKey> keys, long version, long fetchedTimestamp, TimeSpan freshFor)
        : this(keys, new KidTable(keys), version, fetchedTimestamp, freshFor)
    {
    }

    private JwksKeySet(Dictionary<string, JwksKey> keys, KidTable table, long version, long fetchedTimestamp, TimeSpan freshFor)
    {
        Keys = keys;
        Table = table;
        Version = version;
        FetchedTimestamp = fetchedTimestamp;
        FreshFor = freshFor;
    }

    public Dictionary<string, JwksKey> Keys { get; }

    public long Version { get; }

    /// <summary>The same keys, found by the bytes of their kid.</summary>
    public KidTable Table { get; }

    /// <summary>
    /// <see cref="TimeProvider.GetTimestamp"/> when the last successful fetch of this exact set completed. The
    /// monotonic clock is used so that wall-clock jumps neither expire nor extend a set.
    /// </summary>
    public long FetchedTimestamp { get; }

    /// <summary>Age after which a refresh is attempted while the set keeps serving (stale-while-revalidate).</summary>
    public TimeSpan FreshFor { get; }

    public bool TryGetKey(string kid, out RSA? key)
    {
        if (Keys.TryGetValue(kid, out JwksKey? entry))
        {
            key = entry.Rsa;
            return true;
        }

        key = null;
        return false;
    }

    /// <summary>The kid as ASCII bytes (see <see cref="KidTable"/>); no string is needed.</summary>
    public bool TryGetKey(ReadOnlySpan<byte> kid, out RSA? key) => Table.TryGetKey(kid, out key);

    /// <summary>These very keys (same objects, same version) with the clocks of a new fetch that found them unchanged.</summary>
    public JwksKeySet Refetched(long fetchedTimestamp, TimeSpan freshFor) => new(Keys, Table, Version, fetchedTimestamp, freshFor);

    /// <summary>True when <paramref name="other"/> holds exactly these kids with exactly these moduli.</summary>
    public bool SameKeysAs(Dictionary<string, JwksKey> other)
    {
        if (other.Count != Keys.Count)
            return false;

        foreach (KeyValuePair<string, JwksKey> candidate in other)
        {
            if (!Keys.TryGetValue(candidate.Key, out JwksKey? existing) || !existing.Modulus.AsSpan().SequenceEqual(candidate.Value.Modulus))
                return false;
        }

        return true;
    }

    /// <summary>True the first time it is called (so staleness is logged once per set).</summary>
    public bool MarkStaleReported() => Interlocked.Exchange(ref _staleReported, 1) == 0;
}
