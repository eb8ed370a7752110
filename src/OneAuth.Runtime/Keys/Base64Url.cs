namespace OneAuth.Keys
{
    /// <summary>Strict base64url (RFC 7515 §2): no padding, no whitespace, and zero unused trailing bits.</summary>
    internal static class Base64Url
    {
        /// <summary>Decodes <paramref name="text"/> when it is the one canonical encoding of some non-empty byte string.</summary>
        public static byte[]? DecodeCanonical(string text)
        {
            int length = text.Length;
            if (length == 0 || length % 4 == 1)
                return null;

            int tail = length % 4;
            var output = new byte[(length / 4 * 3) + (tail == 0 ? 0 : tail - 1)];
            int o = 0;
            int i = 0;
            for (; i + 4 <= length; i += 4)
            {
                int a = Value(text[i]), b = Value(text[i + 1]), c = Value(text[i + 2]), d = Value(text[i + 3]);
                if ((a | b | c | d) < 0)
                    return null;
                int group = (a << 18) | (b << 12) | (c << 6) | d;
                output[o++] = (byte)(group >> 16);
                output[o++] = (byte)(group >> 8);
                output[o++] = (byte)group;
            }

            if (tail == 2)
            {
                int a = Value(text[i]), b = Value(text[i + 1]);
                if ((a | b) < 0 || (b & 0x0F) != 0)
                    return null;
                output[o] = (byte)((a << 2) | (b >> 4));
            }
            else if (tail == 3)
            {
                int a = Value(text[i]), b = Value(text[i + 1]), c = Value(text[i + 2]);
                if ((a | b | c) < 0 || (c & 0x03) != 0)
                    return null;
                int group = (a << 12) | (b << 6) | c;
                output[o++] = (byte)(group >> 10);
                output[o] = (byte)(group >> 2);
            }

            return output;
        }

        private static int Value(char c)
        {
            if (c >= 'A' && c <= 'Z')
                return c - 'A';
            if (c >= 'a' && c <= 'z')
                return c - 'a' + 26;
            if (c >= '0' && c <= '9')
                return c - '0' + 52;
            if (c == '-')
                return 62;
            if (c == '_')
                return 63;
            return -1;
        }
    }
}
