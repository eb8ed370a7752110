using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace OneAuth.Validation;

/// <summary>
/// Remembers tokens that passed every check, keyed by the whole token text (ordinal), so a hot path can skip
/// the signature. A hit re-checks <c>exp</c> (and <c>nbf</c>/<c>iat</c>) against the current time; the cache
/// empties itself when the key set changes, and holds about <c>capacity</c> entries at most.
/// </summary>
internal sealed class VerifiedTokenCache
{
    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private readonly object _gate = new();
    private int _count;
    private long _version;

    public VerifiedTokenCache(int capacity, long keySetVersion)
    {
        _capacity = capacity;
        _version = keySetVersion;
        _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
    }

    /// <summary>The number of cached tokens (for tests and diagnostics).</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Returns the cached result when <paramref name="token"/> was verified under <paramref name="keySetVersion"/>
    /// and is still inside its validity window. Returns false on version change (and empties the cache).
    /// </summary>
    public bool TryGet(string token, long keySetVersion, long nowUnixTicks, long skewTicks, out AppTokenValidationResult? result, out bool cleared)
    {
        result = null;
        cleared = false;
        if (Volatile.Read(ref _version) != keySetVersion)
        {
            cleared = Reset(keySetVersion);
            return false;
        }

        if (!_entries.TryGetValue(token, out Entry? entry))
            return false;

        if (entry.KeySetVersion != keySetVersion || nowUnixTicks >= entry.ExpiresUnixTicks + skewTicks)
        {
            Remove(token, entry);
            return false;
        }

        if (entry.NotBeforeUnixTicks > nowUnixTicks + skewTicks)
            return false;

        result = entry.Result;
        return true;
    }

    /// <summary>Remembers a verified token, unless the key set has moved on or the cache is full of live entries.</summary>
    public void Add(string token, AppTokenValidationResult result, long keySetVersion, long expiresUnixTicks, long notBeforeUnixTicks, long nowUnixTicks)
    {
        if (Volatile.Read(ref _version) != keySetVersion)
            return;

        if (Volatile.Read(ref _count) >= _capacity && !MakeRoom(nowUnixTicks))
            return;

        if (_entries.TryAdd(token, new Entry(result, keySetVersion, expiresUnixTicks, notBeforeUnixTicks)))
            Interlocked.Increment(ref _count);
    }

    private void Remove(string token, Entry entry)
    {
        if (((ICollection<KeyValuePair<string, Entry>>)_entries).Remove(new KeyValuePair<string, Entry>(token, entry)))
            Interlocked.Decrement(ref _count);
    }

    private bool Reset(long keySetVersion)
    {
        lock (_gate)
        {
            if (_version == keySetVersion)
                return false;

            _entries.Clear();
            Volatile.Write(ref _count, 0);
            Volatile.Write(ref _version, keySetVersion);
            return true;
        }
    }

    /// <summary>Drops expired entries, then arbitrary ones, until a quarter of the capacity is free.</summary>
    private bool MakeRoom(long nowUnixTicks)
    {
        if (!Monitor.TryEnter(_gate))
            return false; // another caller is already making room; skip caching this one

        try
        {
            int target = _capacity - Math.Max(1, _capacity / 4);
            foreach (KeyValuePair<string, Entry> pair in _entries)
            {
                if (nowUnixTicks >= pair.Value.ExpiresUnixTicks)
                    _entries.TryRemove(pair.Key, out _);
            }

            int excess = _entries.Count - target;
            if (excess > 0)
            {
                foreach (KeyValuePair<string, Entry> pair in _entries)
                {
                    if (_entries.TryRemove(pair.Key, out _) && --excess <= 0)
                        break;
                }
            }

            int count = _entries.Count;
            Volatile.Write(ref _count, count);
            return count < _capacity;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private sealed class Entry
    {
        public Entry(AppTokenValidationResult result, long keySetVersion, long expiresUnixTicks, long notBeforeUnixTicks)
        {
            Result = result;
            KeySetVersion = keySetVersion;
            ExpiresUnixTicks = expiresUnixTicks;
            NotBeforeUnixTicks = notBeforeUnixTicks;
        }

        public AppTokenValidationResult Result { get; }

        public long KeySetVersion { get; }

        public long ExpiresUnixTicks { get; }

        public long NotBeforeUnixTicks { get; }
    }
}
