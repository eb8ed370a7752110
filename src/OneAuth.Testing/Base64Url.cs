using System;
using System.Text;

namespace OneAuth.Testing;

/// <summary>Canonical base64url without padding (RFC 7515 §2), and the deliberate deviations misuse tokens need.</summary>
internal static class Base64Url
{
    public static string Encode(byte[] bytes)
    {
        string text = Convert.ToBase64String(bytes);
        return text.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Encode(string utf8) => Encode(Encoding.UTF8.GetBytes(utf8));

    public static byte[] Decode(string text)
    {
        string standard = text.Replace('-', '+').Replace('_', '/');
        switch (standard.Length % 4)
        {
            case 2: standard += "=="; break;
            case 3: standard += "="; break;
        }

        return Convert.FromBase64String(standard);
    }

    /// <summary>The same bytes in the standard alphabet, with <c>=</c> padding.</summary>
    public static string ToPadded(string canonical)
    {
        switch (canonical.Length % 4)
        {
            case 2: return canonical + "==";
            case 3: return canonical + "=";
            default: return canonical;
        }
    }

    /// <summary>
    /// Sets one of the unused low bits of the last character, so the text still decodes to the same bytes under
    /// lenient decoders but is not the canonical encoding. Returns null when the length leaves no unused bits.
    /// </summary>
    public static string? WithNonCanonicalTrailingBits(string canonical)
    {
        int unusedBits = (canonical.Length % 4) switch { 2 => 4, 3 => 2, _ => 0 };
        if (unusedBits == 0)
            return null;

        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.IndexOf(canonical[canonical.Length - 1]);
        int changed = last | 1;
        return canonical.Substring(0, canonical.Length - 1) + alphabet[changed];
    }
}
