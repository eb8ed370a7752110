using System;
using System.Text;

namespace OneAuth.Validation;

/// <summary>
/// Media-type comparison for the <c>typ</c> and <c>cty</c> headers (RFC 7515 §4.1.9-10): a value without a
/// <c>/</c> means <c>application/</c> + value, and type names compare ASCII case-insensitively.
/// </summary>
internal static class MediaTypes
{
    private const string ApplicationPrefix = "application/";

    /// <summary>The canonical form of <c>cty: JWT</c>, a nested token, which the policy rejects.</summary>
    public static readonly byte[] NestedJwt = Canonical("JWT");

    public static bool IsValidTokenType(string? value, out string? problem)
    {
        string? found = Shared.AppScopeValues.DescribeTokenTypeProblem(value);
        problem = found is null ? null : "The token type " + found + ".";
        return found is null;
    }

    /// <summary>Lower-cased ASCII bytes of the full media type (with <c>application/</c> added when there is no <c>/</c>).</summary>
    public static byte[] Canonical(string value)
    {
        string full = value.IndexOf('/') >= 0 ? value : ApplicationPrefix + value;
        byte[] bytes = Encoding.ASCII.GetBytes(full);
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = ToLower(bytes[i]);

        return bytes;
    }

    /// <summary>True when the header value <paramref name="value"/> (unescaped UTF-8) names the media type <paramref name="canonical"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> value, byte[] canonical)
    {
        ReadOnlySpan<byte> expected = canonical;
        if (value.IndexOf((byte)'/') < 0)
        {
            // A value without '/' stands for application/<value>.
            if (expected.Length <= ApplicationPrefix.Length || !StartsWithApplication(expected))
                return false;

            expected = expected.Slice(ApplicationPrefix.Length);
        }

        if (value.Length != expected.Length)
            return false;

        for (int i = 0; i < value.Length; i++)
        {
            byte b = value[i];
            if (b >= 0x80 || ToLower(b) != expected[i])
                return false;
        }

        return true;
    }

    private static bool StartsWithApplication(ReadOnlySpan<byte> value)
    {
        for (int i = 0; i < ApplicationPrefix.Length; i++)
        {
            if (value[i] != (byte)ApplicationPrefix[i])
                return false;
        }

        return true;
    }

    private static byte ToLower(byte b) => b >= (byte)'A' && b <= (byte)'Z' ? (byte)(b | 0x20) : b;
}
