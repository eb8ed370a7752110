using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OneAuth.Keys;

namespace OneAuth.Testing.Tests;

/// <summary>
/// OneAuth's rules for an acceptable JWKS (DESIGN §5), checked independently of any key source: RSA keys only,
/// use "sig" or absent, alg "RS256" or absent, 2048-4096-bit modulus, e = 65537, well-formed unique kids, no
/// private members.
/// </summary>
internal static class JwksRules
{
    private static readonly string[] PrivateMembers = { "d", "p", "q", "dp", "dq", "qi", "oth", "k" };

    public static IReadOnlyList<string> Problems(string jwks)
    {
        var problems = new List<string>();
        using JsonDocument document = JsonDocument.Parse(jwks);
        if (!document.RootElement.TryGetProperty("keys", out JsonElement keys) || keys.ValueKind != JsonValueKind.Array)
            return new[] { "no keys array" };

        var kids = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement key in keys.EnumerateArray())
        {
            string? kid = key.TryGetProperty("kid", out JsonElement k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            string name = kid ?? "(no kid)";
            if (!KeyIds.IsWellFormed(kid))
                problems.Add($"{name}: kid not well formed");
            else if (!kids.Add(kid!))
                problems.Add($"{name}: duplicate kid");
            if (Text(key, "kty") != "RSA")
                problems.Add($"{name}: kty is not RSA");
            if (Text(key, "use") is { } use && use != "sig")
                problems.Add($"{name}: use is '{use}'");
            if (Text(key, "alg") is { } alg && alg != "RS256")
                problems.Add($"{name}: alg is '{alg}'");
            if (Text(key, "e") != "AQAB")
                problems.Add($"{name}: e is not 65537");
            int bits = Text(key, "n") is { } n ? Base64UrlEncoder.DecodeBytes(n).SkipWhile(b => b == 0).Count() * 8 : 0;
            if (bits < 2048 || bits > 4096)
                problems.Add($"{name}: modulus is {bits} bits");
            foreach (string member in PrivateMembers)
            {
                if (key.TryGetProperty(member, out _))
                    problems.Add($"{name}: private member '{member}' published");
            }
        }

        return problems;
    }

    private static string? Text(JsonElement key, string name)
        => key.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
