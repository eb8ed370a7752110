using System;

namespace OneAuth.Keys;

/// <summary>The one definition of an acceptable key id (<c>kid</c>), shared by verifier and key sources.</summary>
public static class KeyIds
{
    /// <summary>The longest key id accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>True for 1 to <see cref="MaxLength"/> printable ASCII characters (0x21-0x7E), no spaces or controls.</summary>
    public static bool IsWellFormed(string? kid)
    {
        if (kid is null || kid.Length == 0 || kid.Length > MaxLength)
            return false;

        foreach (char c in kid)
        {
            if (c < '!' || c > '~')
                return false;
        }

        return true;
    }

    /// <summary>The same rule for a kid given as bytes: 1 to <see cref="MaxLength"/> bytes, each 0x21-0x7E.</summary>
    internal static bool IsWellFormedAscii(ReadOnlySpan<byte> kid)
    {
        if (kid.Length == 0 || kid.Length > MaxLength)
            return false;

        foreach (byte b in kid)
        {
            if (b < (byte)'!' || b > (byte)'~')
                return false;
        }

        return true;
    }

    /// <summary>A well-formed kid given as bytes, as a string (only for logging and the string-keyed path).</summary>
    internal static string ToText(ReadOnlySpan<byte> kid)
    {
#if NET8_0_OR_GREATER
        return System.Text.Encoding.ASCII.GetString(kid);
#else
        var chars = new char[kid.Length];
        for (int i = 0; i < kid.Length; i++)
            chars[i] = (char)kid[i];
        return new string(chars);
#endif
    }
}
