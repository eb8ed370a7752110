using System;
using System.Globalization;

namespace OneAuth.Keys;

/// <summary>
/// The fixed numbers of the JWKS policy (docs/policy.md, "Keys"): the one place they are written; detail texts
/// are built from them. None of them is configurable by users (the user-facing settings are
/// <see cref="AppTokenPolicy"/> and <see cref="AppTokenValidatorOptions"/>); tests reach the two timing knobs
/// through internal members of <see cref="JwksKeySource"/>.
/// </summary>
internal static class JwksLimits
{
    /// <summary>Whole-fetch deadline: connect, headers and body.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Largest JWKS body read; enforced while reading, whatever Content-Length says.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Longest time a fetched set is used without trying to refresh it.</summary>
    public static readonly TimeSpan MaxCacheAge = TimeSpan.FromMinutes(10);

    /// <summary>Lower bound applied to a server's Cache-Control max-age.</summary>
    public static readonly TimeSpan MinServerMaxAge = TimeSpan.FromMinutes(1);

    /// <summary>Upper bound applied to a server's Cache-Control max-age (then capped again by <see cref="MaxCacheAge"/>).</summary>
    public static readonly TimeSpan MaxServerMaxAge = TimeSpan.FromHours(1);

    /// <summary>Minimum time between the starts of two fetches (after success or failure).</summary>
    public static readonly TimeSpan RefreshCooldown = TimeSpan.FromSeconds(30);

    /// <summary>How long the last good set keeps serving after its last successful fetch.</summary>
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromHours(24);

    /// <summary>
    /// Share of a set's cache age by which its refresh may come early, chosen at random per fetch: a fleet
    /// started at once then spreads its refreshes over the last fifth of the cache age instead of all fetching
    /// in the same second. The refresh never comes later than the cache age.
    /// </summary>
    public const double RefreshJitter = 0.2;

    /// <summary>Smallest accepted RSA modulus, in bits.</summary>
    public const int MinModulusBits = 2048;

    /// <summary>Largest accepted RSA modulus, in bits.</summary>
    public const int MaxModulusBits = 4096;

    /// <summary>
    /// How long a freshly fetched set is fresh: <c>min(MaxCacheAge, clamp(maxAge, MinServerMaxAge, MaxServerMaxAge))</c>,
    /// or <see cref="MaxCacheAge"/> when the server states no max-age. <c>no-cache</c>/<c>no-store</c> count as
    /// max-age 0, so they get the one-minute floor.
    /// </summary>
    public static TimeSpan EffectiveMaxAge(TimeSpan? serverMaxAge)
    {
        if (serverMaxAge is not { } requested)
            return MaxCacheAge;

        if (requested < MinServerMaxAge)
            requested = MinServerMaxAge;
        else if (requested > MaxServerMaxAge)
            requested = MaxServerMaxAge;

        return requested < MaxCacheAge ? requested : MaxCacheAge;
    }

    /// <summary>A limit as a detail text names it: "30 s", "10 min", "24 h" (the largest whole unit).</summary>
    public static string Describe(TimeSpan limit)
    {
        if (limit.Ticks % TimeSpan.TicksPerHour == 0 && limit >= TimeSpan.FromHours(1))
            return limit.TotalHours.ToString(CultureInfo.InvariantCulture) + " h";
        if (limit.Ticks % TimeSpan.TicksPerMinute == 0 && limit >= TimeSpan.FromMinutes(1))
            return limit.TotalMinutes.ToString(CultureInfo.InvariantCulture) + " min";
        return limit.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
    }
}
