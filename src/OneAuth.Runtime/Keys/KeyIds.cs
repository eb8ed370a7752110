namespace OneAuth.Keys
{
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
    }
}
