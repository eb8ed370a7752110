using System;
using System.Text.Json;
using OneAuth.Keys;

namespace OneAuth.Validation;

/// <summary>Checks a decoded JOSE header against the policy and extracts its <c>kid</c>.</summary>
internal static class HeaderReader
{
    private enum State : byte { Missing, Good, Bad }

    /// <summary>
    /// Reads <paramref name="json"/>. On success returns null and copies the kid's ASCII bytes into
    /// <paramref name="kid"/> (at least <see cref="KeyIds.MaxLength"/> bytes); otherwise returns the rejection.
    /// </summary>
    public static AppTokenValidationResult? Read(scoped ReadOnlySpan<byte> json, byte[]? requiredType, Span<byte> kid, out int kidLength)
        => TryReadCompact(json, requiredType, kid, out kidLength) ? null : ReadFull(json, requiredType, kid, out kidLength);

    /// <summary>
    /// Accepts, without a JSON reader, the one shape almost every issuer emits: a compact object (no whitespace,
    /// no escapes) of two or three distinct members among <c>alg</c>, <c>kid</c> and <c>typ</c>, all strings,
    /// with <c>alg</c> exactly <c>RS256</c>, a well-formed <c>kid</c> and, when the policy names one, the right
    /// <c>typ</c>. True only when <see cref="ReadFull"/> would accept the same header with the same kid; false
    /// for anything else, which <see cref="ReadFull"/> then judges (so every rejection comes from there).
    /// </summary>
    internal static bool TryReadCompact(ReadOnlySpan<byte> json, byte[]? requiredType, Span<byte> kid, out int kidLength)
    {
        kidLength = 0;
        if (json.Length < 2 || json[0] != (byte)'{' || json[json.Length - 1] != (byte)'}')
            return false;

        ReadOnlySpan<byte> alg = default, kidValue = default, typ = default;
        bool hasAlg = false, hasKid = false, hasTyp = false;
        int i = 1;
        int end = json.Length - 1;
        while (true)
        {
            // "nam":"value" with a three-letter name and a value of printable ASCII other than '"' and '\'.
            if (end - i < 8 || json[i] != (byte)'"' || json[i + 4] != (byte)'"' || json[i + 5] != (byte)':' || json[i + 6] != (byte)'"')
                return false;

            ReadOnlySpan<byte> name = json.Slice(i + 1, 3);
            int valueStart = i + 7;
            int valueEnd = valueStart;
            while (valueEnd < end && json[valueEnd] != (byte)'"')
            {
                byte b = json[valueEnd];
                if (b < 0x20 || b > 0x7E || b == (byte)'\\')
                    return false;
                valueEnd++;
            }

            if (valueEnd >= end)
                return false;

            ReadOnlySpan<byte> value = json.Slice(valueStart, valueEnd - valueStart);
            if (name.SequenceEqual("alg"u8) && !hasAlg)
            {
                hasAlg = true;
                alg = value;
            }
            else if (name.SequenceEqual("kid"u8) && !hasKid)
            {
                hasKid = true;
                kidValue = value;
            }
            else if (name.SequenceEqual("typ"u8) && !hasTyp)
            {
                hasTyp = true;
                typ = value;
            }
            else
            {
                return false; // another member, or a repeated one
            }

            i = valueEnd + 1;
            if (i == end)
                break;
            if (json[i] != (byte)',')
                return false;
            i++;
        }

        if (!hasAlg || !alg.SequenceEqual("RS256"u8) || !hasKid || !KeyIds.IsWellFormedAscii(kidValue))
            return false;

        if (requiredType is not null && (!hasTyp || !MediaTypes.Matches(typ, requiredType)))
            return false;

        kidValue.CopyTo(kid);
        kidLength = kidValue.Length;
        return true;
    }

    /// <summary>The complete reader: every header, every rejection. <see cref="Read"/> goes here unless the compact form applies.</summary>
    internal static AppTokenValidationResult? ReadFull(scoped ReadOnlySpan<byte> json, byte[]? requiredType, Span<byte> kid, out int kidLength)
    {
        kidLength = 0;
        if (!JsonChecks.IsValidUtf8(json))
            return Rejections.HeaderUtf8;

        if (!JsonChecks.StartsAnObject(json))
            return Rejections.HeaderJson;

        // Cannot throw: the first token is the '{' just found.
        var reader = new Utf8JsonReader(json, JsonChecks.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return Rejections.HeaderJson;

        State alg = State.Missing;
        State kidState = State.Missing;
        State typ = State.Missing;
        Span<int> entries = stackalloc int[32];
        var names = new MemberNames(json, entries);
        try
        {
            int frame = names.BeginFrame();
            while (true)
            {
                if (!reader.Read())
                    return Rejections.HeaderJson;

                if (reader.TokenType == JsonTokenType.EndObject)
                    break;

                if (!names.TryAdd(ref reader, frame, out ReadOnlySpan<byte> name))
                    return Rejections.HeaderDuplicate;

                reader.Read();
                JsonTokenType type = reader.TokenType;
                if (name.SequenceEqual("alg"u8))
                {
                    alg = type == JsonTokenType.String && reader.ValueTextEquals("RS256"u8) ? State.Good : State.Bad;
                    if (!JsonChecks.SkipValue(ref reader, ref names))
                        return Rejections.HeaderDuplicate;
                }
                else if (name.SequenceEqual("kid"u8))
                {
                    if (type != JsonTokenType.String)
                        return Rejections.HeaderType;

                    kidState = TryCopyKid(ref reader, kid, out kidLength) ? State.Good : State.Bad;
                }
                else if (name.SequenceEqual("typ"u8))
                {
                    if (type != JsonTokenType.String)
                        return Rejections.HeaderType;

                    typ = requiredType is null || MatchesMediaType(ref reader, requiredType) ? State.Good : State.Bad;
                }
                else if (name.SequenceEqual("cty"u8))
                {
                    if (type != JsonTokenType.String)
                        return Rejections.HeaderType;

                    if (MatchesMediaType(ref reader, MediaTypes.NestedJwt))
                        return Rejections.NestedToken;
                }
                else if (IsForbidden(name))
                {
                    return Rejections.ForbiddenHeader;
                }
                else if (!JsonChecks.SkipValue(ref reader, ref names))
                {
                    return Rejections.HeaderDuplicate;
                }
            }

            if (!JsonChecks.AtEnd(ref reader))
                return Rejections.HeaderJson;
        }
        catch (JsonException)
        {
            return Rejections.HeaderJson; // not JSON, too deep, or trailing data
        }
        catch (InvalidOperationException)
        {
            return Rejections.HeaderJson; // an escape sequence that does not unescape (e.g. a lone surrogate)
        }
        finally
        {
            names.Dispose();
        }

        if (alg != State.Good)
            return Rejections.Algorithm;

        if (kidState == State.Missing)
            return Rejections.MissingKid;

        if (kidState == State.Bad)
            return Rejections.BadKid;

        if (requiredType is not null && typ != State.Good)
            return Rejections.TokenType;

        return null;
    }

    private static bool IsForbidden(ReadOnlySpan<byte> name) =>
        name.Length == 3
            ? name.SequenceEqual("jku"u8) || name.SequenceEqual("x5u"u8) || name.SequenceEqual("jwk"u8)
              || name.SequenceEqual("x5c"u8) || name.SequenceEqual("b64"u8) || name.SequenceEqual("zip"u8)
              || name.SequenceEqual("enc"u8)
            : name.SequenceEqual("crit"u8);

    private static bool TryCopyKid(ref Utf8JsonReader reader, Span<byte> kid, out int length)
    {
        length = 0;
        ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            if (raw.Length > KeyIds.MaxLength)
                return false;

            raw.CopyTo(kid);
            length = raw.Length;
        }
        else
        {
            // Each printable ASCII character takes at most six escaped bytes (\uXXXX).
            if (raw.Length > KeyIds.MaxLength * 6)
                return false;

            Span<byte> unescaped = stackalloc byte[KeyIds.MaxLength * 6];
            length = reader.CopyString(unescaped);
            if (length > KeyIds.MaxLength)
                return false;

            unescaped.Slice(0, length).CopyTo(kid);
        }

        return KeyIds.IsWellFormedAscii(kid.Slice(0, length));
    }

    private static bool MatchesMediaType(ref Utf8JsonReader reader, byte[] canonical)
    {
        ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
            return MediaTypes.Matches(raw, canonical);

        if (raw.Length > 1024)
            return false;

        Span<byte> unescaped = stackalloc byte[raw.Length];
        int length = reader.CopyString(unescaped);
        return MediaTypes.Matches(unescaped.Slice(0, length), canonical);
    }
}
