using System;
using System.Text.Json;

namespace OneAuth.Validation;

/// <summary>Small strict-JSON helpers shared by the header and payload readers.</summary>
internal static class JsonChecks
{
    /// <summary>Reader settings: no comments, no trailing commas, shallow nesting.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 32,
    };

    /// <summary>
    /// Steps over the value under <paramref name="reader"/>, checking every nested object for repeated member
    /// names. Returns false on a repeat. Invalid JSON makes the reader throw.
    /// </summary>
    public static bool SkipValue(ref Utf8JsonReader reader, ref MemberNames names)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            int frame = names.BeginFrame();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (!names.TryAdd(ref reader, frame, out _))
                    return false;

                reader.Read();
                if (!SkipValue(ref reader, ref names))
                    return false;
            }

            names.EndFrame(frame);
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!SkipValue(ref reader, ref names))
                    return false;
            }
        }

        return true;
    }

    /// <summary>True when, after the root value, the input holds nothing but white space.</summary>
    public static bool AtEnd(ref Utf8JsonReader reader) => !reader.Read();

    /// <summary>
    /// True when the first thing after optional JSON whitespace is <c>{</c>. Checked before a reader starts, so
    /// input that cannot be an object is turned away without the reader throwing (which costs microseconds,
    /// and before this check escaped the readers as an unexpected error).
    /// </summary>
    public static bool StartsAnObject(ReadOnlySpan<byte> json)
    {
        foreach (byte b in json)
        {
            if (b == (byte)'{')
                return true;
            if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r')
                return false;
        }

        return false;
    }

    /// <summary>True for well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).</summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
    {
#if NET8_0_OR_GREATER
        return System.Text.Unicode.Utf8.IsValid(bytes);
#else
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }

            int need;
            int min;
            int cp;
            if ((b & 0xE0) == 0xC0) { need = 1; min = 0x80; cp = b & 0x1F; }
            else if ((b & 0xF0) == 0xE0) { need = 2; min = 0x800; cp = b & 0x0F; }
            else if ((b & 0xF8) == 0xF0) { need = 3; min = 0x10000; cp = b & 0x07; }
            else return false;

            if (i + need >= bytes.Length)
                return false;

            for (int k = 1; k <= need; k++)
            {
                byte c = bytes[i + k];
                if ((c & 0xC0) != 0x80)
                    return false;

                cp = (cp << 6) | (c & 0x3F);
            }

            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                return false;

            i += need + 1;
        }

        return true;
#endif
    }
}
