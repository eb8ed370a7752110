namespace OneAuth.Keys
{
    /// <summary>A JWK that passed every rule: its kid and its modulus (the exponent is always 65537).</summary>
    internal sealed class AcceptedJwk
    {
        public AcceptedJwk(string kid, byte[] modulus, int modulusBits)
        {
            Kid = kid;
            Modulus = modulus;
            ModulusBits = modulusBits;
        }

        public string Kid { get; }

        public byte[] Modulus { get; }

        public int ModulusBits { get; }
    }
}
