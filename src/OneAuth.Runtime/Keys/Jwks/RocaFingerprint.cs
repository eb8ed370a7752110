using System;

namespace OneAuth.Keys;

/// <summary>
/// Recognises RSA moduli made by the Infineon RSALib prime generator (ROCA, CVE-2017-15361), which can be
/// factored in practice. That generator builds each prime as <c>k*M + (65537^a mod M)</c>, with <c>M</c> the
/// product of the first small primes, so the modulus is congruent to a power of 65537 modulo every one of
/// them. The published fingerprint test checks this for the primes 3 to 167: for each such prime <c>r</c>,
/// <c>n mod r</c> must lie in the multiplicative subgroup that 65537 generates modulo <c>r</c>. A random
/// modulus passes every check with probability of about 2^-27.8, so a false refusal is practically
/// impossible, while every RSALib modulus passes.
/// </summary>
internal static class RocaFingerprint
{
    private const int Generator = 65537;

    private static readonly int[] Primes =
    {
        3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
        73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
    };

    // For each prime r of Primes, Subgroups[i][x] is true when x is a power of 65537 modulo r.
    private static readonly bool[][] Subgroups = BuildSubgroups();

    /// <summary>The small primes the test looks at (tests build fingerprinted moduli from them).</summary>
    internal static ReadOnlySpan<int> TestedPrimes => Primes;

    /// <summary>True when the big-endian <paramref name="modulus"/> has the RSALib fingerprint.</summary>
    public static bool IsPresent(ReadOnlySpan<byte> modulus)
    {
        if (modulus.IsEmpty)
            return false;

        for (int i = 0; i < Primes.Length; i++)
        {
            if (!Subgroups[i][Remainder(modulus, Primes[i])])
                return false;
        }

        return true;
    }

    /// <summary>True when <paramref name="residue"/> is a power of 65537 modulo <paramref name="prime"/> (one of <see cref="TestedPrimes"/>).</summary>
    internal static bool IsPowerOfGenerator(int residue, int prime)
    {
        int i = Array.IndexOf(Primes, prime);
        if (i < 0)
            throw new ArgumentOutOfRangeException(nameof(prime), prime, "not one of the tested primes");
        return residue >= 0 && residue < prime && Subgroups[i][residue];
    }

    private static int Remainder(ReadOnlySpan<byte> bigEndian, int prime)
    {
        int remainder = 0;
        foreach (byte b in bigEndian)
            remainder = ((remainder << 8) | b) % prime;
        return remainder;
    }

    private static bool[][] BuildSubgroups()
    {
        var subgroups = new bool[Primes.Length][];
        for (int i = 0; i < Primes.Length; i++)
        {
            int prime = Primes[i];
            var members = new bool[prime];
            int g = Generator % prime;
            int power = 1;
            // Walk 1, g, g^2, ... until the cycle closes; 0 is never reached because r does not divide 65537.
            while (!members[power])
            {
                members[power] = true;
                power = power * g % prime;
            }

            subgroups[i] = members;
        }

        return subgroups;
    }
}
