using System;
using System.Collections.Generic;
using System.Text.Json;

namespace OneAuth.Keys;

/// <summary>
/// A JWKS body judged against the key policy: either rejected whole (<see cref="FailureTag"/> set) or a
/// list of acceptable RSA verification keys plus the entries that were skipped and why.
/// </summary>
internal sealed class JwksDocument
{
    private static readonly string[] PrivateMembers = { "d", "p", "q", "dp", "dq", "qi", "oth", "k" };

    private static readonly byte[] Exponent65537 = { 0x01, 0x00, 0x01 };

    private JwksDocument(string? failureTag, string? failureReason, List<AcceptedJwk> keys, List<SkippedJwk> skipped)
    {
        FailureTag = failureTag;
        FailureReason = failureReason;
        Keys = keys;
        Skipped = skipped;
    }

    /// <summary>Short, stable, low-cardinality reason for rejecting the whole set (metric tag); null when accepted.</summary>
    public string? FailureTag { get; }

    /// <summary>Human-readable reason for rejecting the whole set; never contains key material.</summary>
    public string? FailureReason { get; }

    /// <summary>The keys that passed every rule, in document order.</summary>
    public List<AcceptedJwk> Keys { get; }

    /// <summary>Entries that failed a rule. Reported even when the set is later rejected.</summary>
    public List<SkippedJwk> Skipped { get; }

    /// <summary>Judges a JWKS body (already size-capped by the caller).</summary>
    public static JwksDocument Parse(ReadOnlyMemory<byte> body)
    {
        var keys = new List<AcceptedJwk>();
        var skipped = new List<SkippedJwk>();

        // A UTF-8 byte order mark is tolerated (the reader itself refuses it); nothing else is.
        ReadOnlySpan<byte> start = body.Span;
        if (start.Length >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF)
            body = body.Slice(3);

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return Fail("invalid_json", $"the body is not valid JSON (line {e.LineNumber}, byte {e.BytePositionInLine})");
        }

        using (json)
        {
            JsonElement root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Fail("invalid_set", "the body is not a JSON object");

            JsonElement keysElement = default;
            int keysMembers = 0;
            var rootNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty member in root.EnumerateObject())
            {
                if (!rootNames.Add(member.Name))
                    return Fail("invalid_set", "the JSON object has a duplicate member name");
                if (member.NameEquals("keys"))
                {
                    keysElement = member.Value;
                    keysMembers++;
                }
            }

            if (keysMembers == 0)
                return Fail("invalid_set", "the JSON object has no \"keys\" member");
            if (keysElement.ValueKind != JsonValueKind.Array)
                return Fail("invalid_set", "the \"keys\" member is not an array");

            int index = 0;
            foreach (JsonElement entry in keysElement.EnumerateArray())
            {
                string? kid = ReadKid(entry);
                if (Judge(entry, index, kid, out AcceptedJwk? accepted, out string tag, out string reason))
                    keys.Add(accepted!);
                else
                    skipped.Add(new SkippedJwk(index, DisplayKid(kid), tag, reason));
                index++;
            }
        }

        // Twins are looked for among usable keys only: an encryption key or a weak key that shares a kid with
        // the signing key is skipped anyway and cannot make the signing key ambiguous. Two usable keys under
        // one kid can: neither is used (picking one would be a guess), and the rest of the set stands.
        RemoveTwins(keys, skipped);

        if (keys.Count == 0)
            return new JwksDocument("no_usable_keys", NoUsableKeyReason(skipped), keys, skipped);

        return new JwksDocument(null, null, keys, skipped);

        JwksDocument Fail(string tag, string reason) => new(tag, reason, keys, skipped);
    }

    /// <summary>The kid when the entry is an object whose <c>kid</c> member is a string (possibly malformed).</summary>
    private static string? ReadKid(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            return null;

        string? kid = null;
        foreach (JsonProperty member in entry.EnumerateObject())
        {
            if (member.NameEquals("kid") && member.Value.ValueKind == JsonValueKind.String)
                kid = member.Value.GetString();
        }

        return kid;
    }

    private static string DisplayKid(string? kid)
    {
        if (kid is null)
            return "(none)";
        return KeyIds.IsWellFormed(kid) ? kid : "(malformed)";
    }

    /// <summary>
    /// Judges one entry. When several rules fail, the reason given is the most telling one, in this order:
    /// what the key is (<c>kty</c>), what it is for (<c>use</c>, <c>alg</c>, <c>key_ops</c>), its size, its
    /// exponent, a known weakness, then how it is written (encoding), a private member, and its kid. So a set
    /// of 1024-bit keys is reported as <c>key_size</c>, and an encryption key as <c>wrong_use</c>, whatever
    /// else is wrong with them.
    /// </summary>
    private static bool Judge(JsonElement entry, int index, string? kid, out AcceptedJwk? accepted, out string tag, out string reason)
    {
        accepted = null;
        tag = reason = string.Empty;

        if (entry.ValueKind != JsonValueKind.Object)
            return Skip("not_object", "the entry is not a JSON object", out tag, out reason);

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty member in entry.EnumerateObject())
        {
            if (!names.Add(member.Name))
                return Skip("duplicate_member", $"member \"{Printable(member.Name)}\" appears more than once", out tag, out reason);
        }

        // A private member is the last reason given, but never hidden: whatever the entry is skipped for, the
        // log says that the issuer publishes private key material.
        string? leaked = null;
        foreach (string name in PrivateMembers)
        {
            if (names.Contains(name))
            {
                leaked = name;
                break;
            }
        }

        if (!TryGetString(entry, "kty", out string? kty) || kty != "RSA")
            return SkipNoting(leaked, "unsupported_kty", $"\"kty\" is {Describe(entry, "kty")}, only \"RSA\" is accepted", out tag, out reason);

        if (entry.TryGetProperty("use", out _) && (!TryGetString(entry, "use", out string? use) || use != "sig"))
            return SkipNoting(leaked, "wrong_use", $"\"use\" is {Describe(entry, "use")}, only \"sig\" is accepted", out tag, out reason);

        if (entry.TryGetProperty("alg", out _) && (!TryGetString(entry, "alg", out string? alg) || alg != "RS256"))
            return SkipNoting(leaked, "wrong_alg", $"\"alg\" is {Describe(entry, "alg")}, only \"RS256\" is accepted", out tag, out reason);

        if (entry.TryGetProperty("key_ops", out JsonElement ops) && !AllowsVerify(ops))
            return SkipNoting(leaked, "no_verify_op", "\"key_ops\" is not an array of strings containing \"verify\"", out tag, out reason);

        // The numbers are read leniently first (base64url or standard base64, leading zeros of n ignored), so
        // that a key is judged on what it is before how it is written.
        byte[]? nBytes = TryGetString(entry, "n", out string? n) ? KeyMemberBase64.Decode(n!) : null;
        byte[]? eBytes = TryGetString(entry, "e", out string? e) ? KeyMemberBase64.Decode(e!) : null;
        ReadOnlySpan<byte> modulus = nBytes is null ? default : KeyMemberBase64.WithoutLeadingZeros(nBytes);
        int bits = nBytes is null ? 0 : BitLength(modulus);

        if (nBytes is not null && (bits < JwksLimits.MinModulusBits || bits > JwksLimits.MaxModulusBits))
            return SkipNoting(leaked, "key_size", $"the modulus has {bits} bits; {JwksLimits.MinModulusBits}-{JwksLimits.MaxModulusBits} are accepted", out tag, out reason);

        if (eBytes is not null && !eBytes.AsSpan().SequenceEqual(Exponent65537))
            return SkipNoting(leaked, "unsupported_e", "the public exponent is not 65537 (encoded minimally as \"AQAB\")", out tag, out reason);

        if (nBytes is not null && RocaFingerprint.IsPresent(modulus))
            return SkipNoting(leaked, "weak_key", "the modulus has the ROCA fingerprint (CVE-2017-15361: made by a key generator whose keys can be factored)", out tag, out reason);

        if (nBytes is null)
            return SkipNoting(leaked, "malformed_n", "\"n\" is missing, not a string, or not base64url or base64 without stray characters", out tag, out reason);
        if ((modulus[modulus.Length - 1] & 1) == 0)
            return SkipNoting(leaked, "malformed_n", "the modulus is even, so it cannot be an RSA modulus", out tag, out reason);
        if (eBytes is null)
            return SkipNoting(leaked, "malformed_e", "\"e\" is missing, not a string, or not base64url or base64 without stray characters", out tag, out reason);

        if (leaked is not null)
            return Skip("private_key", $"it carries private key member \"{leaked}\" (a JWKS must hold public keys only)", out tag, out reason);

        if (kid is null)
            return Skip("missing_kid", "it has no string \"kid\"", out tag, out reason);
        if (!KeyIds.IsWellFormed(kid))
            return Skip("malformed_kid", "its \"kid\" is not 1-128 printable ASCII characters", out tag, out reason);

        accepted = new AcceptedJwk(index, kid, modulus.ToArray(), bits);
        return true;
    }

    /// <summary>Moves every usable key whose kid another usable key also has to <paramref name="skipped"/> (document order kept).</summary>
    private static void RemoveTwins(List<AcceptedJwk> keys, List<SkippedJwk> skipped)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (AcceptedJwk key in keys)
            counts[key.Kid] = counts.TryGetValue(key.Kid, out int seen) ? seen + 1 : 1;

        if (counts.Count == keys.Count)
            return;

        for (int i = keys.Count - 1; i >= 0; i--)
        {
            AcceptedJwk key = keys[i];
            int twins = counts[key.Kid];
            if (twins < 2)
                continue;

            keys.RemoveAt(i);
            skipped.Add(new SkippedJwk(
                key.Index,
                key.Kid,
                "duplicate_kid",
                $"{twins} usable keys have kid \"{key.Kid}\"; a kid must name one key, so none of them is used"));
        }

        skipped.Sort(static (x, y) => x.Index.CompareTo(y.Index));
    }

    /// <summary>Why a set without a usable key is refused: each skip reason with its count, in order of first appearance.</summary>
    private static string NoUsableKeyReason(List<SkippedJwk> skipped)
    {
        if (skipped.Count == 0)
            return "the set has no keys";

        var order = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (SkippedJwk entry in skipped)
        {
            if (counts.TryGetValue(entry.Tag, out int count))
            {
                counts[entry.Tag] = count + 1;
            }
            else
            {
                counts[entry.Tag] = 1;
                order.Add(entry.Tag);
            }
        }

        var text = new System.Text.StringBuilder("the set has no usable RS256 verification key; ");
        text.Append(skipped.Count).Append(skipped.Count == 1 ? " entry" : " entries").Append(" skipped (");
        for (int i = 0; i < order.Count; i++)
        {
            if (i > 0)
                text.Append(", ");
            text.Append(order[i]).Append(": ").Append(counts[order[i]]);
        }

        if (order.Count == 1 && skipped.Count == 1)
            text.Append(" - ").Append(skipped[0].Reason);
        return text.Append(')').ToString();
    }

    /// <summary><see cref="Skip"/>, adding that the entry also carries private member <paramref name="leaked"/> when it does.</summary>
    private static bool SkipNoting(string? leaked, string tagIn, string reasonIn, out string tag, out string reason) =>
        Skip(tagIn, leaked is null ? reasonIn : $"{reasonIn}; it also carries private key member \"{leaked}\" (a JWKS must hold public keys only)", out tag, out reason);

    private static bool Skip(string tagIn, string reasonIn, out string tag, out string reason)
    {
        tag = tagIn;
        reason = reasonIn;
        return false;
    }

    private static bool TryGetString(JsonElement entry, string name, out string? value)
    {
        if (entry.TryGetProperty(name, out JsonElement element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString();
            return value is not null;
        }

        value = null;
        return false;
    }

    /// <summary>A loggable description of a short public parameter (kty, use, alg): never more than a few printable characters.</summary>
    private static string Describe(JsonElement entry, string name)
    {
        if (!entry.TryGetProperty(name, out JsonElement element))
            return "absent";
        if (element.ValueKind != JsonValueKind.String)
            return "not a string";
        string value = element.GetString() ?? string.Empty;
        return value.Length <= 16 && KeyIds.IsWellFormed(value) ? "\"" + value + "\"" : "an unprintable or long string";
    }

    private static string Printable(string name) => name.Length <= 16 && KeyIds.IsWellFormed(name) ? name : "(unprintable)";

    private static bool AllowsVerify(JsonElement ops)
    {
        if (ops.ValueKind != JsonValueKind.Array)
            return false;

        bool verify = false;
        foreach (JsonElement op in ops.EnumerateArray())
        {
            if (op.ValueKind != JsonValueKind.String)
                return false;
            if (op.ValueEquals("verify"))
                verify = true;
        }

        return verify;
    }

    private static int BitLength(ReadOnlySpan<byte> bigEndianNoLeadingZero)
    {
        if (bigEndianNoLeadingZero.IsEmpty)
            return 0;

        int top = bigEndianNoLeadingZero[0];
        int bits = 0;
        while (top != 0)
        {
            bits++;
            top >>= 1;
        }

        return ((bigEndianNoLeadingZero.Length - 1) * 8) + bits;
    }
}
