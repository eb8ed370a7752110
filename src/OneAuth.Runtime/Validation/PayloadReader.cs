using System;
using System.Text.Json;

namespace OneAuth.Validation;

/// <summary>What the payload must contain: the expected values as UTF-8, the current time and the skew.</summary>
internal readonly struct ClaimExpectations
{
    public ClaimExpectations(byte[] issuer, byte[] audience, byte[] appId, long nowUnixTicks, long skewTicks)
    {
        Issuer = issuer;
        Audience = audience;
        AppId = appId;
        NowUnixTicks = nowUnixTicks;
        SkewTicks = skewTicks;
    }

    public byte[] Issuer { get; }

    public byte[] Audience { get; }

    public byte[] AppId { get; }

    public long NowUnixTicks { get; }

    public long SkewTicks { get; }
}

/// <summary>
/// Checks the claims of a payload whose signature has been verified. Checks run in a fixed order: structure
/// (Malformed), then <c>app_id</c>, <c>iss</c>, <c>aud</c>, <c>exp</c> present, not expired, a lifetime that
/// ends after it starts (Malformed otherwise), then <c>nbf</c> and <c>iat</c> not in the future.
/// </summary>
internal static class PayloadReader
{
    /// <summary>9999-12-31T23:59:59Z, the last second a <see cref="DateTimeOffset"/> can hold.</summary>
    public const long MaxSeconds = 253_402_300_799;

    private enum State : byte { Missing, Good, Bad }

    /// <summary>Returns null when every claim passes (with the times read), otherwise the rejection.</summary>
    public static AppTokenValidationResult? Read(scoped ReadOnlySpan<byte> json, in ClaimExpectations expected, out long expiresUnixTicks, out long issuedUnixTicks, out bool hasIssuedAt, out long notBeforeUnixTicks)
    {
        notBeforeUnixTicks = long.MinValue;
        expiresUnixTicks = 0;
        issuedUnixTicks = 0;
        hasIssuedAt = false;
        if (!JsonChecks.IsValidUtf8(json))
            return Rejections.PayloadUtf8;

        if (!JsonChecks.StartsAnObject(json))
            return Rejections.PayloadJson;

        // Cannot throw: the first token is the '{' just found.
        var reader = new Utf8JsonReader(json, JsonChecks.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return Rejections.PayloadJson;

        State app = State.Missing, iss = State.Missing, aud = State.Missing;
        bool hasExp = false, hasNbf = false;
        long nbf = 0;
        Span<int> entries = stackalloc int[64];
        var names = new MemberNames(json, entries);
        try
        {
            int frame = names.BeginFrame();
            while (true)
            {
                if (!reader.Read())
                    return Rejections.PayloadJson;

                if (reader.TokenType == JsonTokenType.EndObject)
                    break;

                if (!names.TryAdd(ref reader, frame, out ReadOnlySpan<byte> name))
                    return Rejections.PayloadDuplicate;

                reader.Read();
                JsonTokenType type = reader.TokenType;
                switch (Classify(name))
                {
                    case Claim.AppId:
                        app = type == JsonTokenType.String && reader.ValueTextEquals(expected.AppId) ? State.Good : State.Bad;
                        if (!JsonChecks.SkipValue(ref reader, ref names))
                            return Rejections.PayloadDuplicate;
                        break;
                    case Claim.Issuer:
                        iss = type == JsonTokenType.String && reader.ValueTextEquals(expected.Issuer) ? State.Good : State.Bad;
                        if (!JsonChecks.SkipValue(ref reader, ref names))
                            return Rejections.PayloadDuplicate;
                        break;
                    case Claim.Audience:
                        if (type == JsonTokenType.String)
                        {
                            aud = reader.ValueTextEquals(expected.Audience) ? State.Good : State.Bad;
                        }
                        else if (type == JsonTokenType.StartArray)
                        {
                            bool found = false, bad = false;
                            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                            {
                                if (reader.TokenType == JsonTokenType.String)
                                {
                                    found |= reader.ValueTextEquals(expected.Audience);
                                }
                                else
                                {
                                    bad = true;
                                    if (!JsonChecks.SkipValue(ref reader, ref names))
                                        return Rejections.PayloadDuplicate;
                                }
                            }

                            aud = found && !bad ? State.Good : State.Bad;
                        }
                        else
                        {
                            aud = State.Bad;
                            if (!JsonChecks.SkipValue(ref reader, ref names))
                                return Rejections.PayloadDuplicate;
                        }

                        break;
                    case Claim.Expires:
                        if (!TryReadTime(ref reader, out expiresUnixTicks))
                            return Rejections.TimeType;
                        hasExp = true;
                        break;
                    case Claim.NotBefore:
                        if (!TryReadTime(ref reader, out nbf))
                            return Rejections.TimeType;
                        hasNbf = true;
                        break;
                    case Claim.IssuedAt:
                        if (!TryReadTime(ref reader, out issuedUnixTicks))
                            return Rejections.TimeType;
                        hasIssuedAt = true;
                        break;
                    case Claim.Subject:
                        if (type != JsonTokenType.String)
                            return Rejections.SubjectType;
                        break;
                    default:
                        if (!JsonChecks.SkipValue(ref reader, ref names))
                            return Rejections.PayloadDuplicate;
                        break;
                }
            }

            if (!JsonChecks.AtEnd(ref reader))
                return Rejections.PayloadJson;
        }
        catch (JsonException)
        {
            return Rejections.PayloadJson; // not JSON, too deep, or trailing data
        }
        catch (InvalidOperationException)
        {
            return Rejections.PayloadJson; // an escape sequence that does not unescape (e.g. a lone surrogate)
        }
        finally
        {
            names.Dispose();
        }

        if (app == State.Missing)
            return Rejections.MissingAppId;
        if (app == State.Bad)
            return Rejections.WrongApp;
        if (iss == State.Missing)
            return Rejections.MissingIssuer;
        if (iss == State.Bad)
            return Rejections.WrongIssuer;
        if (aud == State.Missing)
            return Rejections.MissingAudience;
        if (aud == State.Bad)
            return Rejections.WrongAudience;
        if (!hasExp)
            return Rejections.MissingExpiry;

        // An expired token is reported as expired first, whatever else is wrong with its times.
        long now = expected.NowUnixTicks;
        long skew = expected.SkewTicks;
        if (now >= expiresUnixTicks + skew)
            return Rejections.Expired;

        // A lifetime that ends before it starts is never valid, whatever the clock says.
        if ((hasNbf && nbf >= expiresUnixTicks) || (hasIssuedAt && issuedUnixTicks >= expiresUnixTicks))
            return Rejections.EmptyLifetime;
        if (hasNbf && nbf > now + skew)
            return Rejections.NotBefore;
        if (hasIssuedAt && issuedUnixTicks > now + skew)
            return Rejections.IssuedInFuture;

        if (hasNbf)
            notBeforeUnixTicks = nbf;
        if (hasIssuedAt && issuedUnixTicks > notBeforeUnixTicks)
            notBeforeUnixTicks = issuedUnixTicks;

        return null;
    }

    private enum Claim : byte { Other, AppId, Issuer, Audience, Expires, NotBefore, IssuedAt, Subject }

    private static Claim Classify(ReadOnlySpan<byte> name)
    {
        if (name.Length == 3)
        {
            if (name.SequenceEqual("iss"u8)) return Claim.Issuer;
            if (name.SequenceEqual("aud"u8)) return Claim.Audience;
            if (name.SequenceEqual("exp"u8)) return Claim.Expires;
            if (name.SequenceEqual("nbf"u8)) return Claim.NotBefore;
            if (name.SequenceEqual("iat"u8)) return Claim.IssuedAt;
            if (name.SequenceEqual("sub"u8)) return Claim.Subject;
            return Claim.Other;
        }

        return name.SequenceEqual("app_id"u8) ? Claim.AppId : Claim.Other;
    }

    /// <summary>Reads a NumericDate: a finite JSON number of seconds in [0, <see cref="MaxSeconds"/>], as ticks since 1970.</summary>
    private static bool TryReadTime(ref Utf8JsonReader reader, out long unixTicks)
    {
        unixTicks = 0;
        if (reader.TokenType != JsonTokenType.Number)
            return false;

        if (reader.TryGetInt64(out long seconds))
        {
            if (seconds < 0 || seconds > MaxSeconds)
                return false;

            unixTicks = seconds * TimeSpan.TicksPerSecond;
            return true;
        }

        if (!reader.TryGetDouble(out double value) || double.IsNaN(value) || double.IsInfinity(value) || value < 0 || value > MaxSeconds)
            return false;

        unixTicks = (long)(value * TimeSpan.TicksPerSecond);
        return true;
    }
}
