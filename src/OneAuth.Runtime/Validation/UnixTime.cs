using System;

namespace OneAuth.Validation;

/// <summary>Instants as the verifier handles them: ticks since the Unix epoch, what JWT NumericDate seconds become.</summary>
internal static class UnixTime
{
    /// <summary><see cref="DateTimeOffset"/> ticks at 1970-01-01T00:00:00Z.</summary>
    public const long EpochTicks = 621_355_968_000_000_000;

    /// <summary>Now, in ticks since the Unix epoch.</summary>
    public static long NowTicks(TimeProvider time) => time.GetUtcNow().UtcTicks - EpochTicks;

    /// <summary>The UTC instant <paramref name="unixTicks"/> ticks after the Unix epoch.</summary>
    public static DateTimeOffset ToDateTimeOffset(long unixTicks) => new(EpochTicks + unixTicks, TimeSpan.Zero);
}
