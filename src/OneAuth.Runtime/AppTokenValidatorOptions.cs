using System;
using System.Globalization;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace OneAuth;

/// <summary>
/// Run-time settings of a verifier. None of them weakens a check: values the policy fixes cannot be replaced,
/// and the clock skew is capped at 60 seconds.
/// </summary>
public sealed class AppTokenValidatorOptions
{
    /// <summary>The largest clock skew accepted.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);

    /// <summary>The largest verified-token cache accepted.</summary>
    public const int MaxVerifiedTokenCacheCapacity = 1_000_000;

    /// <summary>
    /// The verified-token cache capacity that the generated <c>AddAppTokenValidator()</c> and <c>AddAppToken()</c>
    /// start from (a <c>configure</c> callback may set another, or 0 to turn it off). Measured end to end over
    /// HTTP, it halves the CPU per authenticated request; see docs/benchmarks.md.
    /// </summary>
    public const int HostedVerifiedTokenCacheCapacity = 1024;

    private static readonly string ClockSkewRange =
        "The clock skew must be between 0 and " + MaxClockSkew.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " seconds.";

    private TimeSpan _clockSkew = TimeSpan.FromSeconds(30);
    private int _verifiedTokenCacheCapacity;

    /// <summary>The JWKS address, used only when the policy names none (https, or http for loopback hosts).</summary>
    public Uri? JwksUri { get; set; }

    /// <summary>
    /// The exact <c>iss</c> value, used only when the policy does not fix one. Setting a different value than a
    /// fixed issuer makes the verifier's constructor throw.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>The HTTP client the JWKS key source uses; null for its own.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>The clock; null for <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Where validation events are logged; null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>How far <c>exp</c>, <c>nbf</c> and <c>iat</c> may be off; 0 to 60 seconds, 30 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 60 seconds.</exception>
    public TimeSpan ClockSkew
    {
        get => _clockSkew;
        set
        {
            CheckClockSkew(value, nameof(value));
            _clockSkew = value;
        }
    }

    /// <summary>
    /// How many verified tokens to remember (0, the default here, turns the cache off; the generated
    /// <c>AddAppTokenValidator()</c>/<c>AddAppToken()</c> start from <see cref="HostedVerifiedTokenCacheCapacity"/>). A hit still re-checks
    /// <c>exp</c> and <c>nbf</c>; the cache is emptied whenever the key set changes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="MaxVerifiedTokenCacheCapacity"/>.</exception>
    public int VerifiedTokenCacheCapacity
    {
        get => _verifiedTokenCacheCapacity;
        set
        {
            CheckCacheCapacity(value, nameof(value));
            _verifiedTokenCacheCapacity = value;
        }
    }

    internal static void CheckClockSkew(TimeSpan value, string paramName)
    {
        if (value < TimeSpan.Zero || value > MaxClockSkew)
            throw new ArgumentOutOfRangeException(paramName, value, ClockSkewRange);
    }

    internal static void CheckCacheCapacity(int value, string paramName)
    {
        if (value < 0 || value > MaxVerifiedTokenCacheCapacity)
            throw new ArgumentOutOfRangeException(paramName, value, $"The verified-token cache capacity must be between 0 and {MaxVerifiedTokenCacheCapacity}.");
    }
}
