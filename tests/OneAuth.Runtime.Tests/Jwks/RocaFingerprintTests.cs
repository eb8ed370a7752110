using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>The ROCA (CVE-2017-15361) fingerprint test on moduli built here, and its silence on ordinary ones.</summary>
public class RocaFingerprintTests
{
    [Theory]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(3072)]
    [InlineData(4096)]
    public void Moduli_that_are_powers_of_65537_modulo_every_small_prime_are_flagged(int bits)
    {
        for (int i = 0; i < 5; i++)
            Assert.True(RocaFingerprint.IsPresent(RocaModuli.Fingerprinted(bits)));
    }

    [Fact]
    public void The_runtime_tests_the_same_primes_and_subgroups_as_the_description()
    {
        Assert.Equal(RocaModuli.SmallPrimes, RocaFingerprint.TestedPrimes.ToArray());
        foreach (int prime in RocaModuli.SmallPrimes)
        {
            HashSet<int> powers = RocaModuli.PowersOf65537(prime);
            for (int r = 0; r < prime; r++)
                Assert.Equal(powers.Contains(r), RocaFingerprint.IsPowerOfGenerator(r, prime));
        }
    }

    [Fact]
    public void One_residue_outside_its_subgroup_is_enough_to_clear_a_modulus()
    {
        // Only primes where 65537 does not generate every non-zero residue can tell; e.g. 11, 13, 17, 37, 97, 157.
        int[] telling = RocaModuli.SmallPrimes.Where(p => RocaModuli.PowersOf65537(p).Count < p - 1).ToArray();
        Assert.Contains(11, telling);
        Assert.Contains(157, telling);
        foreach (int prime in telling)
            Assert.False(RocaFingerprint.IsPresent(RocaModuli.AlmostFingerprinted(2048, prime)), $"flagged although off at {prime}");
    }

    [Fact]
    public void Generated_and_random_moduli_are_not_flagged()
    {
        Assert.False(RocaFingerprint.IsPresent(JwksTestKeys.Modulus(JwksTestKeys.A)));
        Assert.False(RocaFingerprint.IsPresent(JwksTestKeys.Modulus(JwksTestKeys.B)));
        Assert.False(RocaFingerprint.IsPresent(JwksTestKeys.Modulus(JwksTestKeys.C)));
        Assert.False(RocaFingerprint.IsPresent(JwksTestKeys.Modulus(JwksTestKeys.Weak1024)));
        for (int i = 0; i < 1000; i++)
        {
            JwksTestKeys.SyntheticJwk(2048, "k", out byte[] modulus);
            Assert.False(RocaFingerprint.IsPresent(modulus));
        }
    }

    [Fact]
    public void Leading_zero_bytes_do_not_change_the_verdict()
    {
        byte[] roca = RocaModuli.Fingerprinted(2048);
        Assert.True(RocaFingerprint.IsPresent([0, 0, .. roca]));
        Assert.False(RocaFingerprint.IsPresent(ReadOnlySpan<byte>.Empty));
        Assert.False(RocaFingerprint.IsPresent(new byte[256]));
    }
}
