using System;
using System.Buffers;

namespace OneAuth.Validation;

/// <summary>
/// Strict base64url (RFC 4648 §5) for JWS segments: no padding, nothing outside the alphabet, no length of
/// the form 4n+1, and the unused low bits of the last character must be zero, so every byte string has
/// exactly one accepted encoding.
/// </summary>
internal static class Base64Url
{
    private const int Invalid = -1;

    // Maps an ASCII byte to its 6-bit value; -1 for everything outside the base64url alphabet.
    private static readonly int[] Values = BuildValues();

    private static int[] BuildValues()
    {
        var values = new int[256];
        for (int i = 0; i < values.Length; i++)
            values[i] = Invalid;

        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.Length; i++)
            values[alphabet[i]] = i;

        return values;
    }

    /// <summary>The number of bytes <paramref name="encodedLength"/> characters decode to, or -1 when no canonical encoding has that length.</summary>
    public static int DecodedLength(int encodedLength)
    {
        if (encodedLength < 0)
            return -1;

        int rem = encodedLength & 3;
        if (rem == 1)
            return -1;

        return (encodedLength >> 2) * 3 + (rem == 0 ? 0 : rem - 1);
    }

    /// <summary>The length of the canonical encoding of <paramref name="byteCount"/> bytes.</summary>
    public static int EncodedLength(int byteCount) => (byteCount / 3) * 4 + (byteCount % 3 == 0 ? 0 : byteCount % 3 + 1);

#if NET8_0_OR_GREATER
    private static readonly System.Buffers.SearchValues<char> Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
#endif

    /// <summary>True when <paramref name="source"/> is a canonical encoding (checked without decoding).</summary>
    public static bool IsCanonical(ReadOnlySpan<char> source)
    {
        int rem = source.Length & 3;
        if (rem == 1)
            return false;

#if NET8_0_OR_GREATER
        if (source.IndexOfAnyExcept(Alphabet) >= 0)
            return false;
#else
        foreach (char c in source)
        {
            if (c >= 128 || Values[c] < 0)
                return false;
        }
#endif
        if (rem == 0)
            return true;

        int last = Values[source[source.Length - 1]];
        return (last & (rem == 2 ? 0x0F : 0x03)) == 0;
    }

    /// <summary>Decodes a canonical, non-empty encoding into a new array; null for anything else.</summary>
    public static byte[]? DecodeCanonical(string text)
    {
        int length = DecodedLength(text.Length);
        if (length <= 0)
            return null;

        var output = new byte[length];
        return TryDecode(text.AsSpan(), output, out int written) && written == length ? output : null;
    }

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/> (which must hold
    /// <see cref="DecodedLength"/> bytes). Returns false on any non-canonical input.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> source, Span<byte> destination, out int written)
    {
#if NET8_0_OR_GREATER
        // Vectorised path: check the alphabet and the unused bits, then map base64url onto standard base64
        // and let the framework's SIMD decoder do the work.
        // Short inputs (a JOSE header) decode faster in one scalar pass than through the vector pipeline's setup.
        if (source.Length <= ScalarLimit)
            return TryDecodeScalar(source, destination, out written);

        written = 0;
        int length = DecodedLength(source.Length);
        if (length < 0 || destination.Length < length || !IsCanonical(source))
            return false;

        int padded = (source.Length + 3) & ~3;
        byte[]? rented = null;
        // Sized to the input: a JOSE header needs a few dozen bytes, and a stack buffer is zeroed whole on every call.
        Span<byte> ascii = padded <= StackLimit ? stackalloc byte[padded] : (rented = ArrayPool<byte>.Shared.Rent(padded));
        try
        {
            ascii = ascii.Slice(0, padded);
            if (System.Text.Ascii.FromUtf16(source, ascii, out int narrowed) != OperationStatus.Done || narrowed != source.Length)
                return false;

            Span<byte> text = ascii.Slice(0, source.Length);
            text.Replace((byte)'-', (byte)'+');
            text.Replace((byte)'_', (byte)'/');
            ascii.Slice(source.Length).Fill((byte)'=');
            return System.Buffers.Text.Base64.DecodeFromUtf8(ascii, destination, out _, out written) == OperationStatus.Done
                && written == length;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
#else
        return TryDecodeScalar(source, destination, out written);
#endif
    }

#if NET8_0_OR_GREATER
    private const int StackLimit = 1024;
    private const int ScalarLimit = 128;
#endif

    /// <summary>The portable decoder: the only one on netstandard2.0; tests compare it with the vectorised one.</summary>
    internal static bool TryDecodeScalar(ReadOnlySpan<char> source, Span<byte> destination, out int written)
    {
        written = 0;
        int length = DecodedLength(source.Length);
        if (length < 0 || destination.Length < length)
            return false;

        int[] values = Values;
        int full = source.Length & ~3;
        int o = 0;
        int i = 0;
        for (; i < full; i += 4)
        {
            char c0 = source[i], c1 = source[i + 1], c2 = source[i + 2], c3 = source[i + 3];
            if ((c0 | c1 | c2 | c3) > 127)
                return false;

            int v = (values[c0] << 18) | (values[c1] << 12) | (values[c2] << 6) | values[c3];
            if (v < 0)
                return false; // any -1 makes the whole value negative

            destination[o] = (byte)(v >> 16);
            destination[o + 1] = (byte)(v >> 8);
            destination[o + 2] = (byte)v;
            o += 3;
        }

        int rem = source.Length - full;
        if (rem == 2)
        {
            char c0 = source[i], c1 = source[i + 1];
            if ((c0 | c1) > 127)
                return false;

            int v0 = values[c0], v1 = values[c1];
            if ((v0 | v1) < 0 || (v1 & 0x0F) != 0)
                return false;

            destination[o++] = (byte)((v0 << 2) | (v1 >> 4));
        }
        else if (rem == 3)
        {
            char c0 = source[i], c1 = source[i + 1], c2 = source[i + 2];
            if ((c0 | c1 | c2) > 127)
                return false;

            int v0 = values[c0], v1 = values[c1], v2 = values[c2];
            if ((v0 | v1 | v2) < 0 || (v2 & 0x03) != 0)
                return false;

            int v = (v0 << 12) | (v1 << 6) | v2;
            destination[o] = (byte)(v >> 10);
            destination[o + 1] = (byte)(v >> 2);
            o += 2;
        }

        written = o;
        return true;
    }
}
