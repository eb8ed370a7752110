using System.Numerics;
using System.Security.Cryptography;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>
/// Moduli with (and without) the ROCA fingerprint, built here from its public description rather than taken from a
/// vulnerable device: the Infineon RSALib generator makes primes k*M + (65537^a mod M), M a product of small primes, so
/// the modulus is a power of 65537 modulo each of them. We pick one power of 65537 for every odd prime from 3 to 167,
/// solve for a residue modulo 2*M with the Chinese remainder theorem (odd, like any RSA modulus), and add a random
/// multiple of 2*M to reach the wanted size. The result is no product of two primes; it only needs to carry the
/// fingerprint, which is all the key rules look at before refusing it.
/// </summary>
public static class RocaModuli
{
    /// <summary>The odd primes 3..167, found by trial division (independently of the runtime's own list).</summary>
    public static readonly int[] SmallPrimes = Enumerable.Range(3, 165).Where(IsPrime).ToArray();

    /// <summary>A random odd modulus of exactly <paramref name="bits"/> bits with the fingerprint.</summary>
    public static byte[] Fingerprinted(int bits) => Build(bits, offPrime: 0);

    /// <summary>
    /// A random odd modulus of <paramref name="bits"/> bits that is a power of 65537 modulo every small prime except
    /// <paramref name="offPrime"/>, where its residue is outside that subgroup (and not zero).
    /// </summary>
    public static byte[] AlmostFingerprinted(int bits, int offPrime) => Build(bits, offPrime);

    /// <summary>The powers of 65537 modulo <paramref name="prime"/>.</summary>
    public static HashSet<int> PowersOf65537(int prime)
    {
        var powers = new HashSet<int>();
        int x = 1;
        while (powers.Add(x))
            x = (int)(x * (65537L % prime) % prime);
        return powers;
    }

    private static byte[] Build(int bits, int offPrime)
    {
        // The same exponent a for every prime, as the generator's 65537^a mod M gives.
        int a = RandomNumberGenerator.GetInt32(1, 1 << 20);
        BigInteger residue = 1;         // modulo 2: odd
        BigInteger modulus = 2;
        foreach (int prime in SmallPrimes)
        {
            int target = (int)BigInteger.ModPow(65537, a, prime);
            if (prime == offPrime)
            {
                HashSet<int> powers = PowersOf65537(prime);
                target = Enumerable.Range(1, prime - 1).First(r => !powers.Contains(r));
            }

            // Combine x = residue (mod modulus) with x = target (mod prime).
            BigInteger inverse = BigInteger.ModPow(modulus % prime, prime - 2, prime);
            BigInteger step = ((target - residue) % prime + prime) % prime * inverse % prime;
            residue += modulus * step;
            modulus *= prime;
        }

        while (true)
        {
            byte[] random = RandomNumberGenerator.GetBytes((bits + 7) / 8 + 1);
            random[^1] = 0;                                                        // little-endian, positive
            BigInteger r = new BigInteger(random) % BigInteger.Pow(2, bits - 1) + BigInteger.Pow(2, bits - 1);
            BigInteger n = r - (r % modulus) + residue;
            if (n.GetBitLength() == bits)
                return n.ToByteArray(isUnsigned: true, isBigEndian: true);
        }
    }

    private static bool IsPrime(int n)
    {
        for (int d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
                return false;
        }

        return n >= 2;
    }
}
