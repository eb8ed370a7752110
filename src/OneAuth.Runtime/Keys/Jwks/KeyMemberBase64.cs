using System;

namespace OneAuth.Keys;

/// <summary>
/// Decodes the big-integer members of a published JWK (<c>n</c>, <c>e</c>). Real issuers write them in
/// base64url (RFC 7518) and, in a few cases, in standard base64 with padding; both spellings of a public
/// number are unambiguous, so both are read. Anything looser is refused: one string may not mix the two
/// alphabets, padding is either absent or exactly what the length needs and only at the end, the unused low
/// bits of the last character are zero, and there is no whitespace or any other character. Token segments
/// never come here: they stay strictly canonical (<see cref="Validation.Base64Url"/>).
/// </summary>
internal static class KeyMemberBase64
{
    private const string UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>The bytes <paramref name="text"/> stands for, leading zero bytes included; null when it is not one of the two accepted spellings or is empty.</summary>
    public static byte[]? Decode(string text)
    {
        if (text.Length == 0)
            return null;

        int padding = 0;
        int end = text.Length;
        while (end > 0 && text[end - 1] == '=')
        {
            end--;
            padding++;
        }

        if (padding > 2 || (padding > 0 && text.Length % 4 != 0))
            return null;

        int rem = end & 3;
        if (end == 0 || rem == 1 || (padding > 0 && padding != 4 - rem))
            return null;

        bool urlAlphabet = false;
        bool standardAlphabet = false;
        var output = new byte[((end >> 2) * 3) + (rem == 0 ? 0 : rem - 1)];
        int accumulator = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < end; i++)
        {
            int value = ValueOf(text[i], ref urlAlphabet, ref standardAlphabet);
            if (value < 0 || (urlAlphabet && standardAlphabet))
                return null;

            accumulator = (accumulator << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output[written++] = (byte)(accumulator >> bits);
                accumulator &= (1 << bits) - 1;
            }
        }

        // What is left over are the unused low bits of the last character: a real encoder writes zeros.
        return accumulator == 0 && written == output.Length ? output : null;
    }

    /// <summary>The same bytes without leading zero bytes (possibly empty).</summary>
    public static ReadOnlySpan<byte> WithoutLeadingZeros(byte[] bytes)
    {
        int first = 0;
        while (first < bytes.Length && bytes[first] == 0)
            first++;
        return new ReadOnlySpan<byte>(bytes, first, bytes.Length - first);
    }

    private static int ValueOf(char c, ref bool urlAlphabet, ref bool standardAlphabet)
    {
        switch (c)
        {
            case '-':
                urlAlphabet = true;
                return 62;
            case '_':
                urlAlphabet = true;
                return 63;
            case '+':
                standardAlphabet = true;
                return 62;
            case '/':
                standardAlphabet = true;
                return 63;
            default:
                // Letters and digits are common to both alphabets; '-' and '_' were handled above.
                int index = c < 128 ? UrlAlphabet.IndexOf(c) : -1;
                return index >= 0 && index < 62 ? index : -1;
        }
    }
}
