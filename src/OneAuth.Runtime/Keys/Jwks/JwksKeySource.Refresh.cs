using System;

namespace OneAuth.Keys;

/// <summary>When an installed set is refreshed: spread inside its cache age, so a fleet does not fetch in lockstep.</summary>
public sealed partial class JwksKeySource
{
    private readonly Random _random = new();

    /// <summary>
    /// A number in [0, 1) drawn once per successful fetch; only the single running refresh calls it, so the
    /// default <see cref="Random"/> needs no lock. Settable only by this assembly's tests, for determinism.
    /// </summary>
    internal Func<double>? RefreshRandom { get; set; }

    /// <summary>
    /// The cache age <paramref name="maxAge"/> shortened by a random share of at most
    /// <see cref="JwksLimits.RefreshJitter"/>: never longer than the policy allows, and instances started together
    /// drift apart after their first refresh.
    /// </summary>
    private TimeSpan SpreadRefresh(TimeSpan maxAge)
    {
        double draw = RefreshRandom is { } random ? random() : _random.NextDouble();
        if (double.IsNaN(draw) || draw < 0)
            draw = 0;
        else if (draw >= 1)
            draw = 1;

        return TimeSpan.FromTicks(maxAge.Ticks - (long)(maxAge.Ticks * JwksLimits.RefreshJitter * draw));
    }
}
