using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

/// <summary>
/// Mutated tokens go through our verifier and through a strictly configured JsonWebTokenHandler (plus the
/// app_id check it lacks). Ours must never accept a token the reference rejects.
/// </summary>
public class DifferentialTests
{
    private readonly VerifierFixture _f = new();
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    private readonly TokenValidationParameters _parameters = new()
    {
        ValidIssuer = TokenMinter.Issuer,
        ValidAudience = TokenMinter.Audience,
        ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
        IssuerSigningKey = new RsaSecurityKey(VerifierTestKeys.PublicOf(VerifierTestKeys.Primary)) { KeyId = VerifierTestKeys.Kid },
        TryAllIssuerSigningKeys = false,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        RequireAudience = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        LifetimeValidator = null,
    };

    private async Task<bool> ReferenceAcceptsAsync(string token)
    {
        // The reference reads the wall clock; shift our fixed test time by validating relative to it.
        TokenValidationResult r = await _handler.ValidateTokenAsync(token, _parameters);
        if (!r.IsValid)
            return false;

        return r.Claims.TryGetValue("app_id", out object? app) && app is string s && string.Equals(s, TokenMinter.AppId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_accepts_what_a_strict_JsonWebTokenHandler_rejects()
    {
        // Tokens are minted around the real clock, so both sides see the same time.
        _f.Time.SetUtcNow(DateTimeOffset.UtcNow);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var random = new Random(20260501);
        int oursAccepted = 0, bothAccepted = 0, total = 0;

        foreach (string token in Corpus(random, now))
        {
            total++;
            AppTokenValidationResult ours = await _f.ValidateAsync(token);
            bool reference = await ReferenceAcceptsAsync(token);
            if (ours.IsValid)
            {
                oursAccepted++;
                Assert.True(reference, "accepted a token the reference rejects: " + token);
            }

            if (ours.IsValid && reference)
                bothAccepted++;
        }

        Assert.True(total >= 400, total.ToString());
        Assert.True(oursAccepted >= 20, $"only {oursAccepted} of {total} accepted: the corpus does not exercise acceptance");
        Assert.Equal(oursAccepted, bothAccepted);
    }

    private static IEnumerable<string> Corpus(Random random, long now)
    {
        JsonObject Claims() => new()
        {
            ["iss"] = TokenMinter.Issuer,
            ["sub"] = "user-42",
            ["aud"] = TokenMinter.Audience,
            ["app_id"] = TokenMinter.AppId,
            ["iat"] = now - 10,
            ["nbf"] = now - 10,
            ["exp"] = now + 600,
        };

        string baseline = TokenMinter.Sign(TokenMinter.Header().ToJsonString(), Claims().ToJsonString());
        yield return baseline;

        // 1. Bit flips and character edits of a valid token (almost all break the signature).
        for (int i = 0; i < 1500; i++)
        {
            char[] chars = baseline.ToCharArray();
            int at = random.Next(chars.Length);
            chars[at] = (char)(chars[at] ^ (1 << random.Next(7)));
            yield return new string(chars);
        }

        // 2. Segment swaps, drops and duplications.
        string[] p = TokenMinter.Split(baseline);
        string other = TokenMinter.Sign(TokenMinter.Header().ToJsonString(), ClaimsWith(Claims(), "app_id", "payments"));
        string[] q = TokenMinter.Split(other);
        yield return string.Join(".", p[1], p[0], p[2]);
        yield return string.Join(".", p[0], q[1], p[2]);
        yield return string.Join(".", q[0], p[1], q[2]);
        yield return string.Join(".", p[0], p[1], q[2]);
        yield return string.Join(".", p[0], p[1]);
        yield return string.Join(".", p[0], p[1], p[2], p[2]);
        yield return string.Join(".", p[0], p[0], p[2]);
        yield return string.Join(".", p[0], p[1], "");

        // 3. Properly signed tokens whose claims or header were mutated at random.
        string[] claimNames = { "iss", "aud", "app_id", "exp", "nbf", "iat", "sub" };
        JsonNode?[] values =
        {
            null, "", "billing", "payments", "Billing", TokenMinter.Issuer, TokenMinter.Issuer + "/", TokenMinter.Audience,
            new JsonArray(TokenMinter.Audience), new JsonArray("x", TokenMinter.Audience), new JsonArray(),
            now - 3600, now - 31, now - 29, now + 29, now + 31, now + 600, 1.5, -1, "123", true, new JsonObject(),
        };
        for (int i = 0; i < 1500; i++)
        {
            JsonObject claims = Claims();
            int edits = 1 + random.Next(2);
            for (int e = 0; e < edits; e++)
            {
                string name = claimNames[random.Next(claimNames.Length)];
                if (random.Next(5) == 0)
                    claims.Remove(name);
                else
                    claims[name] = values[random.Next(values.Length)]?.DeepClone();
            }

            JsonObject header = TokenMinter.Header();
            switch (random.Next(12))
            {
                case 0: header["alg"] = "none"; break;
                case 1: header["alg"] = "HS256"; break;
                case 2: header["kid"] = "unknown"; break;
                case 3: header["typ"] = "at+jwt"; break;
                case 4: header["cty"] = "JWT"; break;
                case 5: header["crit"] = new JsonArray("exp"); break;
                case 6: header.Remove("kid"); break;
            }

            yield return TokenMinter.Sign(header.ToJsonString(), claims.ToJsonString());
        }

        // 4. Raw-text oddities: duplicate members, escaped names, trailing data.
        string c = Claims().ToJsonString();
        yield return TokenMinter.Sign(TokenMinter.Header().ToJsonString(), c.TrimEnd('}') + ",\"app_id\":\"billing\"}");
        yield return TokenMinter.Sign(TokenMinter.Header().ToJsonString(), c.TrimEnd('}') + ",\"app\\u005fid\":\"payments\"}");
        yield return TokenMinter.Sign(TokenMinter.Header().ToJsonString(), c + " ");
        yield return TokenMinter.Sign(TokenMinter.Header().ToJsonString(), c + "{}");
        yield return TokenMinter.Sign("{\"alg\":\"RS256\",\"alg\":\"none\",\"kid\":\"test-key-1\"}", c);
        yield return TokenMinter.Sign("{\"alg\":\"RS256\",\"kid\":\"test-key-1\"}", c);
        yield return TokenMinter.Sign("{\"alg\":\"RS256\",\"kid\":\"test-key-1\"}", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(c)));
    }

    private static string ClaimsWith(JsonObject claims, string name, JsonNode? value)
    {
        claims[name] = value;
        return claims.ToJsonString();
    }
}
