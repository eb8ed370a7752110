using System.Text.Json;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>
/// The real identity providers' JWKS documents kept outside the repository, in <c>shared/interop/jwks</c> beside the
/// clone (never copied into it). Found by walking up from the test assembly's folder; absent on machines without it.
/// </summary>
public static class ProviderKeySets
{
    private const string RelativePath = "shared/interop/jwks";

    private static readonly Lazy<string?> LazyDirectory = new(Find);

    /// <summary>The folder, or null when no ancestor of the test assembly's folder has it.</summary>
    public static string? Directory => LazyDirectory.Value;

    public static string SkipReason =>
        $"No '{RelativePath}' folder next to the repository (looked upwards from {AppContext.BaseDirectory}); the provider key-set interop test needs it.";

    /// <summary>The documents' file names (sorted), or none when the folder is absent.</summary>
    public static IReadOnlyList<string> FileNames() =>
        Directory is { } dir
            ? System.IO.Directory.GetFiles(dir, "*.json").Select(Path.GetFileName).Select(n => n!).Order(StringComparer.Ordinal).ToList()
            : [];

    public static byte[] Read(string fileName) => File.ReadAllBytes(Path.Combine(Directory!, fileName));

    /// <summary>
    /// What the key policy must make of a document, worked out independently of the runtime: the kids (and moduli) of
    /// its public RS256 signature keys of 2048-4096 bits with e = 65537 and a printable kid, among which no kid
    /// repeats; and for a set without one, whether it holds RSA keys at all and whether every one of them is only too
    /// small or too big.
    /// </summary>
    public static Expectation Expect(byte[] document)
    {
        using JsonDocument json = JsonDocument.Parse(document);
        var usable = new List<(string Kid, byte[] Modulus)>();
        int rsa = 0;
        int wrongSize = 0;
        foreach (JsonElement key in json.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (Text(key, "kty") != "RSA")
                continue;
            rsa++;
            byte[] modulus = Number(Text(key, "n"));
            int bits = BitLength(modulus);
            bool signature = Text(key, "use") is null or "sig" && Text(key, "alg") is null or "RS256" && AllowsVerify(key);
            bool sized = bits is >= 2048 and <= 4096;
            if (signature && !sized)
                wrongSize++;
            bool publicOnly = !new[] { "d", "p", "q", "dp", "dq", "qi", "oth", "k" }.Any(m => key.TryGetProperty(m, out _));
            if (signature && sized && Text(key, "e") == "AQAB" && publicOnly && Text(key, "kid") is { } kid && IsPrintableKid(kid))
                usable.Add((kid, modulus));
        }

        var twins = usable.GroupBy(k => k.Kid).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return new Expectation(usable.Where(k => !twins.Contains(k.Kid)).ToList(), rsa, wrongSize > 0 && wrongSize == rsa);
    }

    private static bool AllowsVerify(JsonElement key) =>
        !key.TryGetProperty("key_ops", out JsonElement ops)
        || (ops.ValueKind == JsonValueKind.Array && ops.EnumerateArray().Any(op => op.ValueKind == JsonValueKind.String && op.GetString() == "verify"));

    private static bool IsPrintableKid(string kid) => kid.Length is >= 1 and <= 128 && kid.All(c => c is >= '!' and <= '~');

    private static string? Text(JsonElement key, string name) =>
        key.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>base64url or standard base64, padded or not, without leading zero bytes.</summary>
    private static byte[] Number(string? text)
    {
        if (text is null)
            return [];
        string standard = text.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        byte[] bytes = Convert.FromBase64String(standard + new string('=', (4 - standard.Length % 4) % 4));
        return bytes.SkipWhile(b => b == 0).ToArray();
    }

    private static int BitLength(byte[] number) =>
        number.Length == 0 ? 0 : ((number.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount(number[0]));

    private static string? Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            if (System.IO.Directory.Exists(candidate))
                return candidate;
        }

        return null;
    }

    /// <param name="Installed">The keys that must be installed, by kid.</param>
    /// <param name="RsaKeys">RSA entries in the document.</param>
    /// <param name="OnlyWrongSize">There are RSA entries, and every one is an RS256 signature key refused only for its size.</param>
    public sealed record Expectation(IReadOnlyList<(string Kid, byte[] Modulus)> Installed, int RsaKeys, bool OnlyWrongSize);
}
