namespace OneAuth.Keys;

/// <summary>A JWK that passed every rule: its position, kid and modulus without leading zero bytes (the exponent is always 65537).</summary>
internal sealed class AcceptedJwk
{
    public AcceptedJwk(int index, string kid, byte[] modulus, int modulusBits)
    {
        Index = index;
        Kid = kid;
        Modulus = modulus;
        ModulusBits = modulusBits;
    }

    /// <summary>The entry's position in the <c>keys</c> array.</summary>
    public int Index { get; }

    public string Kid { get; }

    public byte[] Modulus { get; }

    public int ModulusBits { get; }
}
