using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OneAuth.Keys;

/// <summary>
/// The keys of one installed set, found by the ASCII bytes of their kid, so that a verifier can look a token's
/// kid up without turning it into a string first. Immutable once built.
/// </summary>
/// <remarks>
/// Open addressing with linear probing, at most half full. Only the issuer's own kids are ever stored, so a
/// token's kid cannot lengthen a probe: whatever it hashes to, the walk ends at the first empty slot, after at
/// most the longest run of the issuer's own entries. Kids are compared byte for byte, never by hash alone.
/// </remarks>
internal sealed class KidTable
{
    private readonly byte[]?[] _kids;
    private readonly RSA?[] _keys;
    private readonly int _mask;

    public KidTable(Dictionary<string, JwksKey> keys)
    {
        int capacity = 4;
        while (capacity < keys.Count * 2)
            capacity *= 2;

        _kids = new byte[capacity][];
        _keys = new RSA[capacity];
        _mask = capacity - 1;
        foreach (KeyValuePair<string, JwksKey> entry in keys)
        {
            byte[] kid = ToAscii(entry.Key);
            int slot = Hash(kid) & _mask;
            while (_kids[slot] is not null)
                slot = (slot + 1) & _mask;

            _kids[slot] = kid;
            _keys[slot] = entry.Value.Rsa;
        }
    }

    /// <summary>The key whose kid is exactly <paramref name="kid"/> (ASCII bytes), if there is one.</summary>
    public bool TryGetKey(ReadOnlySpan<byte> kid, out RSA? key)
    {
        int slot = Hash(kid) & _mask;
        while (_kids[slot] is { } stored)
        {
            if (kid.SequenceEqual(stored))
            {
                key = _keys[slot];
                return true;
            }

            slot = (slot + 1) & _mask;
        }

        key = null;
        return false;
    }

    /// <summary>A fast, well-spread hash of a short byte string: eight bytes per step, then the tail.</summary>
    internal static int Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        ulong h = (ulong)bytes.Length * Multiplier;
        while (bytes.Length >= 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(bytes)) * Multiplier;
            h ^= h >> 29;
            bytes = bytes.Slice(8);
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            h = (h ^ bytes[i]) * Multiplier;
            h ^= h >> 29;
        }

        return (int)(h ^ (h >> 32));
    }

    /// <summary>A stored kid's bytes. Installed kids are well formed, so every character is printable ASCII.</summary>
    private static byte[] ToAscii(string kid)
    {
        var bytes = new byte[kid.Length];
        for (int i = 0; i < kid.Length; i++)
        {
            char c = kid[i];
            if (c < '!' || c > '~')
                throw new ArgumentException("An installed key id must be well formed.", nameof(kid));
            bytes[i] = (byte)c;
        }

        return bytes;
    }
}
