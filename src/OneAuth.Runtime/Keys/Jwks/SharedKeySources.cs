using System;
using System.Collections.Concurrent;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace OneAuth.Keys;

/// <summary>
/// One <see cref="JwksKeySource"/> per JWKS address and settings for the whole process. A validator created per
/// request (a common mistake) then shares the cache, the refresh cooldown and the HTTP connections of every other
/// validator, instead of fetching the key set again and opening a client of its own each time.
/// </summary>
internal static class SharedKeySources
{
    /// <summary>Beyond this many distinct settings (for example a new HttpClient per validator) sources are not shared.</summary>
    internal const int MaxShared = 64;

    private static readonly ConcurrentDictionary<(Uri Uri, HttpClient? Http, TimeProvider? Time, ILoggerFactory? Logs), JwksKeySource> Sources = new();

    public static JwksKeySource Get(Uri jwksUri, HttpClient? http, TimeProvider? time, ILoggerFactory? logs)
    {
        var key = (jwksUri, http, time, logs);
        if (Sources.TryGetValue(key, out JwksKeySource? existing))
            return existing;

        if (Sources.Count >= MaxShared)
            return Create(key);

        JwksKeySource created = Create(key);
        if (Sources.TryAdd(key, created))
            return created;

        // Another caller won the race: use its source; ours has fetched nothing yet.
        created.Dispose();
        return Sources.TryGetValue(key, out existing) ? existing : Create(key);
    }

    private static JwksKeySource Create((Uri Uri, HttpClient? Http, TimeProvider? Time, ILoggerFactory? Logs) key)
        => new(key.Uri, new JwksKeySourceOptions { HttpClient = key.Http, TimeProvider = key.Time, LoggerFactory = key.Logs });
}
