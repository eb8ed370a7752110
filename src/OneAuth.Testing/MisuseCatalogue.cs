using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using OneAuth.Keys;

namespace OneAuth.Testing;

/// <summary>
/// Builds the entries of <see cref="MisuseTokens"/>. Each token differs from a valid token for the target app in
/// one respect only, except a few attacks that need two (attacker-signed tokens with embedded keys or jku/x5u/x5c,
/// alg confusion without a kid), which expect the failure of the earlier check: shape and header parameters, alg,
/// kid, signature, claims. Tokens whose defect is not about the signature are validly signed by the issuer's
/// current key, so their expected failure holds whether a verifier checks the signature before or after the defect.
/// </summary>
internal sealed class MisuseCatalogue
{
    private const string AttackerUrl = "https://attacker.example/.well-known/jwks.json";

    private readonly TestIssuer _issuer;
    private readonly string _appId;
    private readonly string _audience;
    private readonly string? _tokenType;
    private readonly string _expectedType;
    private readonly TestIssuerKey _key;
    private readonly List<MisuseToken> _entries = new List<MisuseToken>();
    private readonly string _otherApp;

    public MisuseCatalogue(TestIssuer issuer, string appId, string audience, string? tokenType)
    {
        _issuer = issuer;
        _appId = appId;
        _audience = audience;
        _tokenType = tokenType;
        _expectedType = tokenType ?? MisuseTokens.AssumedTokenType;
        _key = issuer.CurrentKey;
        _otherApp = string.Equals(appId, "payments", StringComparison.Ordinal) ? "invoices" : "payments";
        ValidToken = Mint(_ => { });
    }

    public string ValidToken { get; }

    public IReadOnlyList<MisuseToken> Build()
    {
        using var attacker = new TestIssuerKey("attacker-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        WrongApp();
        MissingClaims();
        Lifetime();
        IssuerAndAudience();
        AlgNone();
        KeyConfusion();
        OtherAlgorithms();
        KeyIds(attacker);
        EmbeddedKeys(attacker);
        ForbiddenHeaders();
        Signatures(attacker);
        Encodings();
        DuplicateMembers();
        ClaimTypes();
        Shapes();
        TokenTypes();
        return _entries.ToArray();
    }

    private void WrongApp()
    {
        const string c = "wrong-app";
        Add("app-id-other-app", c, AppTokenFailure.WrongApp, $"A valid token minted for another app ('{_otherApp}'), same issuer, key and audience: the cross-app replay the app_id check exists for.",
            Mint(t => t.AppId(_otherApp)));
        Add("app-id-issuer-admin-app", c, AppTokenFailure.WrongApp, "A valid token minted for the issuer's own administration app.",
            Mint(t => t.AppId("oneauth-admin")));
        Add("app-id-uppercase", c, AppTokenFailure.WrongApp, "app_id differs only in case; the comparison is ordinal.",
            Mint(t => t.AppId(OtherCase(_appId, "X"))));
        Add("app-id-first-letter-uppercase", c, AppTokenFailure.WrongApp, "app_id with its first letter upper-cased.",
            Mint(t => t.AppId(char.ToUpperInvariant(_appId[0]) + _appId.Substring(1) is var v && v != _appId ? v : "X" + _appId)));
        Add("app-id-trailing-space", c, AppTokenFailure.WrongApp, "app_id followed by a space; no trimming.",
            Mint(t => t.AppId(_appId + " ")));
        Add("app-id-leading-space", c, AppTokenFailure.WrongApp, "app_id preceded by a space; no trimming.",
            Mint(t => t.AppId(" " + _appId)));
        Add("app-id-trailing-nul", c, AppTokenFailure.WrongApp, "app_id followed by a NUL character (\\u0000), which C-string comparisons would cut off.",
            Mint(t => t.AppId(_appId + "\u0000")));
        Add("app-id-prefix", c, AppTokenFailure.WrongApp, "app_id that merely starts with the target app id.",
            Mint(t => t.AppId(_appId + "-admin")));
        Add("app-id-truncated", c, AppTokenFailure.WrongApp, "app_id that is a prefix of the target app id (or empty for a one-letter id).",
            Mint(t => t.AppId(_appId.Substring(0, _appId.Length - 1))));
        Add("app-id-empty", c, AppTokenFailure.WrongApp, "app_id is the empty string.",
            Mint(t => t.AppId("")));
        Add("app-id-homoglyph", c, AppTokenFailure.WrongApp, "app_id with its first letter replaced by a look-alike Unicode letter.",
            Mint(t => t.AppId(Homoglyph(_appId))));
        Add("app-id-array", c, AppTokenFailure.WrongApp, "app_id is a JSON array holding the target app id, not a string.",
            Mint(t => t.ClaimJson("app_id", JsonText.StringArray(_appId))));
        Add("app-id-array-with-other-app", c, AppTokenFailure.WrongApp, "app_id is an array of the target and another app.",
            Mint(t => t.ClaimJson("app_id", JsonText.StringArray(_otherApp, _appId))));
        Add("app-id-null", c, AppTokenFailure.WrongApp, "app_id is JSON null.",
            Mint(t => t.ClaimJson("app_id", "null")));
        Add("app-id-number", c, AppTokenFailure.WrongApp, "app_id is a number.",
            Mint(t => t.ClaimJson("app_id", "1")));
        Add("app-id-object", c, AppTokenFailure.WrongApp, "app_id is an object holding the target app id.",
            Mint(t => t.ClaimJson("app_id", "{\"id\":" + JsonText.String(_appId) + "}")));
        Add("app-id-bool", c, AppTokenFailure.WrongApp, "app_id is true.",
            Mint(t => t.ClaimJson("app_id", "true")));
    }

    private void MissingClaims()
    {
        const string c = "missing-claim";
        foreach (string claim in new[] { "app_id", "exp", "iss", "aud" })
        {
            Add("missing-" + claim.Replace('_', '-'), c, AppTokenFailure.MissingClaim, $"The required claim '{claim}' is absent; everything else is valid.",
                Mint(t => t.RemoveClaim(claim)));
        }
    }

    private void Lifetime()
    {
        const string c = "lifetime";
        DateTimeOffset now = _issuer.Now;
        Add("expired", c, AppTokenFailure.Expired, "exp ten minutes ago, beyond any allowed clock skew (at most 60 s).",
            Mint(t => t.IssuedAt(now.AddHours(-1)).NotBefore(now.AddHours(-1)).ExpiresAt(now.AddMinutes(-10))));
        Add("expired-long-ago", c, AppTokenFailure.Expired, "exp at the Unix epoch plus one second.",
            Mint(t => t.IssuedAt(now.AddHours(-1)).NotBefore(now.AddHours(-1)).ClaimJson("exp", "1")));
        Add("expired-zero", c, AppTokenFailure.Expired, "exp is 0.",
            Mint(t => t.IssuedAt(now.AddHours(-1)).NotBefore(now.AddHours(-1)).ClaimJson("exp", "0")));
        Add("expired-negative", c, AppTokenFailure.Malformed, "exp is negative.",
            Mint(t => t.IssuedAt(now.AddHours(-1)).NotBefore(now.AddHours(-1)).ClaimJson("exp", "-1")));
        Add("not-yet-valid", c, AppTokenFailure.NotYetValid, "nbf ten minutes ahead, beyond any allowed clock skew.",
            Mint(t => t.NotBefore(now.AddMinutes(10))));
        Add("not-yet-valid-far", c, AppTokenFailure.NotYetValid, "nbf a day ahead (exp after it).",
            Mint(t => t.NotBefore(now.AddDays(1)).ExpiresAt(now.AddDays(2))));
        Add("issued-in-future", c, AppTokenFailure.NotYetValid, "iat an hour ahead (no nbf): the token claims to be issued in the future.",
            Mint(t => t.RemoveClaim("nbf").IssuedAt(now.AddHours(1)).ExpiresAt(now.AddHours(2))),
            identityModelAccepts: true);
    }

    private void IssuerAndAudience()
    {
        const string ci = "wrong-issuer";
        string iss = _issuer.Issuer;
        Add("issuer-other", ci, AppTokenFailure.WrongIssuer, "iss names another issuer; key and everything else are valid.",
            Mint(t => t.Issuer("https://attacker.example")));
        Add("issuer-trailing-slash", ci, AppTokenFailure.WrongIssuer, "iss with a trailing '/' added; the comparison is ordinal.",
            Mint(t => t.Issuer(iss.EndsWith("/", StringComparison.Ordinal) ? iss.TrimEnd('/') : iss + "/")));
        Add("issuer-uppercase", ci, AppTokenFailure.WrongIssuer, "iss upper-cased.",
            Mint(t => t.Issuer(OtherCase(iss, "x"))));
        Add("issuer-trailing-space", ci, AppTokenFailure.WrongIssuer, "iss followed by a space.",
            Mint(t => t.Issuer(iss + " ")));
        Add("issuer-prefix", ci, AppTokenFailure.WrongIssuer, "iss that starts with the issuer but continues (a look-alike host).",
            Mint(t => t.Issuer(iss + ".attacker.example")));
        Add("issuer-array", ci, AppTokenFailure.WrongIssuer, "iss is an array holding the issuer, not a string.",
            Mint(t => t.ClaimJson("iss", JsonText.StringArray(iss))));
        Add("issuer-empty", ci, AppTokenFailure.WrongIssuer, "iss is the empty string.",
            Mint(t => t.Issuer("")));

        const string ca = "wrong-audience";
        Add("audience-other", ca, AppTokenFailure.WrongAudience, "aud names another audience.",
            Mint(t => t.Audience(_otherApp + "-api")));
        Add("audience-array-without-target", ca, AppTokenFailure.WrongAudience, "aud is an array of other audiences.",
            Mint(t => t.Audience(_otherApp + "-api", "reports-api")));
        Add("audience-empty-array", ca, AppTokenFailure.WrongAudience, "aud is an empty array.",
            Mint(t => t.Audience()));
        Add("audience-uppercase", ca, AppTokenFailure.WrongAudience, "aud differs only in case; the comparison is ordinal.",
            Mint(t => t.Audience(OtherCase(_audience, "x"))));
        Add("audience-trailing-space", ca, AppTokenFailure.WrongAudience, "aud followed by a space.",
            Mint(t => t.Audience(_audience + " ")));
        Add("audience-empty-string", ca, AppTokenFailure.WrongAudience, "aud is the empty string.",
            Mint(t => t.Audience("")));
        Add("audience-number", ca, AppTokenFailure.WrongAudience, "aud is a number.",
            Mint(t => t.ClaimJson("aud", "1")));
        Add("audience-object", ca, AppTokenFailure.WrongAudience, "aud is an object holding the audience, neither string nor array.",
            Mint(t => t.ClaimJson("aud", "{\"aud\":" + JsonText.String(_audience) + "}")));
        Add("audience-nested-array", ca, AppTokenFailure.WrongAudience, "aud is an array whose only element is an array holding the audience.",
            Mint(t => t.ClaimJson("aud", "[" + JsonText.StringArray(_audience) + "]")));
    }

    private void AlgNone()
    {
        const string c = "alg-none";
        foreach (var (name, none) in new[] { ("alg-none", "none"), ("alg-none-capitalized", "None"), ("alg-none-uppercase", "NONE"), ("alg-none-mixed-case", "nOnE") })
        {
            string header = Header(h => h.Set("alg", JsonText.String(none)));
            string unsigned = Base64Url.Encode(header) + "." + Base64Url.Encode(Payload()) + ".";
            Add(name, c, AppTokenFailure.UnsupportedAlgorithm, $"Unsigned token: alg '{none}' and an empty signature segment.", unsigned);
        }

        string noneHeader = Header(h => h.Set("alg", JsonText.String("none")));
        string noneSegments = Base64Url.Encode(noneHeader) + "." + Base64Url.Encode(Payload());
        Add("alg-none-two-segments", c, AppTokenFailure.Malformed, "Unsigned token without a signature segment at all (two segments).",
            noneSegments);
        Add("alg-none-kept-signature", c, AppTokenFailure.UnsupportedAlgorithm, "alg 'none' with the signature segment of a valid token left in place.",
            noneSegments + "." + SignatureOf(ValidToken));
        Add("alg-none-without-kid", c, AppTokenFailure.UnsupportedAlgorithm, "alg 'none' and no kid, as most none-attack tools send it. Two defects: alg is checked before kid.",
            Base64Url.Encode(Header(h => h.Set("alg", JsonText.String("none")).Remove("kid"))) + "." + Base64Url.Encode(Payload()) + ".");
    }

    private void KeyConfusion()
    {
        const string c = "key-confusion";
        RSAParameters key = _key.PublicParameters;
        byte[] spki = PublicKeyEncoding.SubjectPublicKeyInfoDer(key);
        byte[] pkcs1 = PublicKeyEncoding.Pkcs1Der(key);
        var secrets = new (string Name, string Description, byte[] Secret)[]
        {
            ("pem", "the PEM text (SubjectPublicKeyInfo, LF line ends, trailing newline)", Encoding.UTF8.GetBytes(PublicKeyEncoding.Pem("PUBLIC KEY", spki))),
            ("pem-no-trailing-newline", "the PEM text without its trailing newline", Encoding.UTF8.GetBytes(PublicKeyEncoding.Pem("PUBLIC KEY", spki, trailingNewline: false))),
            ("pem-crlf", "the PEM text with CRLF line ends", Encoding.UTF8.GetBytes(PublicKeyEncoding.Pem("PUBLIC KEY", spki, "\r\n"))),
            ("pem-pkcs1", "the PKCS#1 'RSA PUBLIC KEY' PEM text", Encoding.UTF8.GetBytes(PublicKeyEncoding.Pem("RSA PUBLIC KEY", pkcs1))),
            ("der", "the DER bytes of the SubjectPublicKeyInfo", spki),
            ("der-pkcs1", "the DER bytes of the PKCS#1 RSAPublicKey", pkcs1),
            ("jwk", "the JWK JSON text exactly as published in the JWKS", Encoding.UTF8.GetBytes(_key.Jwk)),
            ("jwks", "the whole JWKS document text", Encoding.UTF8.GetBytes(_issuer.Jwks)),
            ("modulus", "the raw modulus bytes", key.Modulus!),
        };

        foreach (var (name, description, secret) in secrets)
        {
            Add("hs256-public-key-" + name, c, AppTokenFailure.UnsupportedAlgorithm,
                $"RS/HS key confusion: alg HS256, kid of the issuer's key, HMAC keyed with {description}. A verifier that lets the token pick the algorithm verifies it with the public key as an HMAC secret.",
                Hmac("HS256", secret, h => { }));
        }

        byte[] pem = secrets[0].Secret;
        Add("hs384-public-key-pem", c, AppTokenFailure.UnsupportedAlgorithm, "Key confusion with HS384 and the PEM text as secret.",
            Hmac("HS384", pem, h => { }));
        Add("hs512-public-key-pem", c, AppTokenFailure.UnsupportedAlgorithm, "Key confusion with HS512 and the PEM text as secret.",
            Hmac("HS512", pem, h => { }));
        Add("hs256-public-key-pem-without-kid", c, AppTokenFailure.UnsupportedAlgorithm, "Key confusion (HS256, PEM secret) with no kid, for verifiers that try every key. Two defects: alg is checked before kid.",
            Hmac("HS256", pem, h => h.Remove("kid")));
        Add("hs256-lowercase-public-key-pem", c, AppTokenFailure.UnsupportedAlgorithm, "Key confusion with alg 'hs256' (lower case).",
            Hmac("hs256", pem, h => { }));
    }

    private void OtherAlgorithms()
    {
        const string c = "algorithm";
        string payload = Base64Url.Encode(Payload());
        string Rsa(string alg, HashAlgorithmName hash, RSASignaturePadding padding)
            => _key.SignCompact(Base64Url.Encode(Header(h => h.Set("alg", JsonText.String(alg)))), payload, hash, padding);

        Add("alg-rs384", c, AppTokenFailure.UnsupportedAlgorithm, "alg RS384 with a real RS384 signature by the issuer's key: only RS256 is accepted.",
            Rsa("RS384", HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1));
        Add("alg-rs512", c, AppTokenFailure.UnsupportedAlgorithm, "alg RS512 with a real RS512 signature by the issuer's key.",
            Rsa("RS512", HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1));
        if (TrySign(() => Rsa("PS256", HashAlgorithmName.SHA256, RSASignaturePadding.Pss)) is { } ps256)
            Add("alg-ps256", c, AppTokenFailure.UnsupportedAlgorithm, "alg PS256 with a real RSASSA-PSS signature by the issuer's key.", ps256);
        Add("alg-rs256-lowercase", c, AppTokenFailure.UnsupportedAlgorithm, "alg 'rs256' (lower case) over a real RS256 signature: alg must be exactly 'RS256'.",
            Rsa("rs256", HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Add("alg-rs256-trailing-space", c, AppTokenFailure.UnsupportedAlgorithm, "alg 'RS256 ' (trailing space) over a real RS256 signature.",
            Rsa("RS256 ", HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Add("alg-missing", c, AppTokenFailure.UnsupportedAlgorithm, "No alg header at all, over a real RS256 signature.",
            Signed(Header(h => h.Remove("alg")), Payload()));
        Add("alg-array", c, AppTokenFailure.UnsupportedAlgorithm, "alg is the array [\"RS256\"], not the string.",
            Signed(Header(h => h.Set("alg", JsonText.StringArray("RS256"))), Payload()));
        Add("alg-null", c, AppTokenFailure.UnsupportedAlgorithm, "alg is JSON null.",
            Signed(Header(h => h.Set("alg", "null")), Payload()));

        string es256Zero = Base64Url.Encode(Header(h => h.Set("alg", JsonText.String("ES256")))) + "." + payload + "." + Base64Url.Encode(new byte[64]);
        Add("es256-zero-signature", c, AppTokenFailure.UnsupportedAlgorithm, "alg ES256 with an all-zero 64-byte signature (r = s = 0, the 'psychic signature' of CVE-2022-21449).",
            es256Zero);
        string es256ZeroDer = Base64Url.Encode(Header(h => h.Set("alg", JsonText.String("ES256")))) + "." + payload + "." + Base64Url.Encode(new byte[] { 0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00 });
        Add("es256-zero-signature-der", c, AppTokenFailure.UnsupportedAlgorithm, "alg ES256 with a DER-encoded zero signature (SEQUENCE { 0, 0 }).",
            es256ZeroDer);
    }

    private void KeyIds(TestIssuerKey attacker)
    {
        const string c = "kid";
        Add("kid-unknown", c, AppTokenFailure.UnknownKey, "Signed by a key the issuer never published, named by its own well-formed kid.",
            Sign(attacker, Header(h => h.Set("kid", JsonText.String(attacker.Kid))), Payload()));

        var injections = new (string Name, string Kid, string Why)[]
        {
            ("path-traversal", "../../../../../../dev/null", "path traversal (a key loaded from a file named by kid)"),
            ("path-traversal-encoded", "..%2F..%2F..%2Fetc%2Fpasswd", "URL-encoded path traversal"),
            ("sql", "' OR '1'='1", "SQL injection (a key looked up in a database by kid)"),
            ("sql-union", "x' UNION SELECT 'secret' --", "SQL UNION injection returning an attacker-chosen key"),
            ("command", "|/usr/bin/id", "shell command injection"),
            ("nul", _key.Kid + "\u0000", "the issuer's kid followed by NUL (C-string truncation)"),
            ("newline", _key.Kid + "\n", "the issuer's kid followed by a newline (log injection)"),
            ("long", new string('k', 10000), "10,000 characters (cache and log amplification)"),
            ("one-over-limit", new string('k', KeyIdsMax + 1), "one character more than the longest accepted kid"),
            ("empty", "", "the empty string"),
            ("space", " ", "a single space"),
            ("unicode", "kéy", "a non-ASCII character"),
            ("issuer-kid-uppercase", _key.Kid.ToUpperInvariant(), "the issuer's kid in upper case (kid comparison is ordinal)"),
        };

        foreach (var (name, kid, why) in injections)
        {
            bool wellFormed = Keys.KeyIds.IsWellFormed(kid);
            Add("kid-" + name, c, wellFormed ? AppTokenFailure.UnknownKey : AppTokenFailure.Malformed,
                $"kid injection: {why}, on a token signed by the issuer's current key. " +
                (wellFormed ? "A well-formed kid that names no published key." : "Not a well-formed kid (1-128 printable ASCII characters), so it is rejected before any key lookup."),
                Signed(Header(h => h.Set("kid", JsonText.String(kid))), Payload()));
        }

        Add("kid-missing", c, AppTokenFailure.Malformed, "No kid header; the verifier never tries every key.",
            Signed(Header(h => h.Remove("kid")), Payload()));
        Add("kid-number", c, AppTokenFailure.Malformed, "kid is a number, not a string.",
            Signed(Header(h => h.Set("kid", "1")), Payload()));
        Add("kid-array", c, AppTokenFailure.Malformed, "kid is an array holding the issuer's kid.",
            Signed(Header(h => h.Set("kid", JsonText.StringArray(_key.Kid))), Payload()));
    }

    private void EmbeddedKeys(TestIssuerKey attacker)
    {
        const string c = "embedded-key";
        string attackerJwk = attacker.Jwk;
        Add("jwk-header-attacker-key", c, AppTokenFailure.Malformed, "Embedded 'jwk' header carrying the attacker's public key, token signed by that key (CVE-2018-0114 style): keys never come from the token.",
            Sign(attacker, Header(h => h.Set("kid", JsonText.String(attacker.Kid)).Set("jwk", attackerJwk)), Payload()));
        Add("jwk-header-attacker-key-issuer-kid", c, AppTokenFailure.Malformed, "Embedded 'jwk' with the attacker's key under the issuer's kid, signed by the attacker.",
            Sign(attacker, Header(h => h.Set("jwk", attackerJwk.Replace(attacker.Kid, _key.Kid))), Payload()));
        Add("jku-header-attacker-signed", c, AppTokenFailure.Malformed, "'jku' header pointing at an attacker's JWKS, signed by the attacker's key; no request may be made to it.",
            Sign(attacker, Header(h => h.Set("kid", JsonText.String(attacker.Kid)).Set("jku", JsonText.String(AttackerUrl))), Payload()));
        Add("x5u-header-attacker-signed", c, AppTokenFailure.Malformed, "'x5u' header pointing at an attacker's certificate URL, signed by the attacker's key.",
            Sign(attacker, Header(h => h.Set("kid", JsonText.String(attacker.Kid)).Set("x5u", JsonText.String("https://attacker.example/cert.pem"))), Payload()));
        string x5c = JsonText.StringArray(Convert.ToBase64String(PublicKeyEncoding.SubjectPublicKeyInfoDer(attacker.PublicParameters)));
        Add("x5c-header-attacker-signed", c, AppTokenFailure.Malformed, "'x5c' header carrying the attacker's key (DER, base64), signed by the attacker's key.",
            Sign(attacker, Header(h => h.Set("kid", JsonText.String(attacker.Kid)).Set("x5c", x5c)), Payload()));

        Add("jwk-header-on-valid-token", c, AppTokenFailure.Malformed, "An otherwise valid token carrying an embedded 'jwk' (of the issuer's own key): the header is forbidden whatever it holds.",
            Signed(Header(h => h.Set("jwk", _key.Jwk)), Payload()), identityModelAccepts: true);
        Add("jku-header-on-valid-token", c, AppTokenFailure.Malformed, "An otherwise valid token carrying a 'jku' header.",
            Signed(Header(h => h.Set("jku", JsonText.String(AttackerUrl))), Payload()), identityModelAccepts: true);
        Add("x5u-header-on-valid-token", c, AppTokenFailure.Malformed, "An otherwise valid token carrying an 'x5u' header.",
            Signed(Header(h => h.Set("x5u", JsonText.String("https://attacker.example/cert.pem"))), Payload()), identityModelAccepts: true);
        Add("x5c-header-on-valid-token", c, AppTokenFailure.Malformed, "An otherwise valid token carrying an 'x5c' header.",
            Signed(Header(h => h.Set("x5c", x5c)), Payload()), identityModelAccepts: true);
    }

    private void ForbiddenHeaders()
    {
        const string c = "forbidden-header";
        var crit = new (string Name, Action<JsonObjectText> Edit, string Description)[]
        {
            ("crit-unknown-extension", h => h.Set("crit", JsonText.StringArray("x-oneauth-test")).Set("x-oneauth-test", "true"), "'crit' naming an extension the verifier does not understand"),
            ("crit-empty", h => h.Set("crit", "[]"), "'crit' as an empty array (forbidden by RFC 7515 §4.1.11)"),
            ("crit-registered-name", h => h.Set("crit", JsonText.StringArray("alg")), "'crit' naming a registered parameter (forbidden)"),
            ("crit-missing-parameter", h => h.Set("crit", JsonText.StringArray("x-absent")), "'crit' naming a parameter that is not in the header"),
            ("crit-string", h => h.Set("crit", JsonText.String("exp")), "'crit' as a string instead of an array"),
            ("crit-b64", h => h.Set("b64", "false").Set("crit", JsonText.StringArray("b64")), "'b64: false' made critical (RFC 7797 unencoded payload)"),
        };

        foreach (var (name, edit, description) in crit)
        {
            Add(name, c, AppTokenFailure.Malformed, $"An otherwise valid token with {description}. 'crit' is never accepted.",
                Signed(Header(edit), Payload()), identityModelAccepts: true);
        }

        Add("b64-false", c, AppTokenFailure.Malformed, "An otherwise valid token with 'b64: false' (no crit); unencoded payloads are never accepted.",
            Signed(Header(h => h.Set("b64", "false")), Payload()), identityModelAccepts: true);
        Add("zip-deflate", c, AppTokenFailure.Malformed, "An otherwise valid token with 'zip: DEF' (compression is a JWE feature; decompression bombs).",
            Signed(Header(h => h.Set("zip", JsonText.String("DEF"))), Payload()), identityModelAccepts: true);
        Add("enc-on-jws", c, AppTokenFailure.Malformed, "An otherwise valid token with an 'enc' header (a JWE parameter).",
            Signed(Header(h => h.Set("enc", JsonText.String("A256GCM"))), Payload()), identityModelAccepts: true);
        Add("cty-jwt-json-payload", c, AppTokenFailure.Malformed, "An otherwise valid token with 'cty: JWT' (announces a nested token).",
            Signed(Header(h => h.Set("cty", JsonText.String("JWT"))), Payload()), identityModelAccepts: true);

        string inner = Mint(_ => { });
        Add("cty-jwt-nested", c, AppTokenFailure.Malformed, "'cty: JWT' with a nested token as payload: the outer token, signed by the issuer, carries a whole inner JWS instead of claims.",
            Signed(Header(h => h.Set("cty", JsonText.String("JWT"))), inner));
    }

    private void Signatures(TestIssuerKey attacker)
    {
        const string c = "signature";
        string h = HeaderSegment(ValidToken);
        string p = PayloadSegment(ValidToken);
        string s = SignatureOf(ValidToken);

        string otherAppToken = Mint(t => t.AppId(_otherApp));
        Add("tampered-payload-app-id", c, AppTokenFailure.InvalidSignature, $"A valid token for '{_otherApp}' whose payload was replaced by one for the target app; the original signature kept.",
            HeaderSegment(otherAppToken) + "." + p + "." + SignatureOf(otherAppToken));
        Add("tampered-payload-exp", c, AppTokenFailure.InvalidSignature, "A valid token whose exp was pushed a year out after signing.",
            h + "." + Base64Url.Encode(Payload(t => t.ExpiresAt(_issuer.Now.AddYears(1)))) + "." + s);
        Add("tampered-header", c, AppTokenFailure.InvalidSignature, "A valid token whose header gained a member after signing.",
            Base64Url.Encode(Header(x => x.Set("x-tampered", "true"))) + "." + p + "." + s);
        Add("signature-bit-flipped", c, AppTokenFailure.InvalidSignature, "One bit of the signature flipped.",
            h + "." + p + "." + FlipBit(s));
        Add("signature-empty", c, AppTokenFailure.InvalidSignature, "alg RS256 with an empty signature segment (the signature stripped).",
            h + "." + p + ".");
        Add("signature-truncated", c, AppTokenFailure.InvalidSignature, "The signature with its last byte removed (255 bytes).",
            h + "." + p + "." + Base64Url.Encode(Base64Url.Decode(s).Take(255).ToArray()));
        Add("signature-extended", c, AppTokenFailure.InvalidSignature, "The signature with a zero byte appended (257 bytes).",
            h + "." + p + "." + Base64Url.Encode(Base64Url.Decode(s).Concat(new byte[1]).ToArray()));
        Add("signature-zero", c, AppTokenFailure.InvalidSignature, "A 256-byte all-zero signature.",
            h + "." + p + "." + Base64Url.Encode(new byte[256]));
        Add("signature-from-other-token", c, AppTokenFailure.InvalidSignature, "The signature of another valid token by the same key.",
            h + "." + p + "." + SignatureOf(Mint(_ => { })));
        Add("signature-attacker-key-issuer-kid", c, AppTokenFailure.InvalidSignature, "Signed by an attacker's key but naming the issuer's kid.",
            Sign(attacker, Header(_ => { }), Payload()));
    }

    private void Encodings()
    {
        const string c = "encoding";
        string token = ValidTokenWhere(t => SignatureOf(t).IndexOfAny(UrlSafeBase64Characters) >= 0);
        string h = HeaderSegment(token);
        string p = PayloadSegment(token);
        string s = SignatureOf(token);

        Add("signature-padded", c, AppTokenFailure.Malformed, "The signature segment with '=' padding: base64url in a JWS has none.",
            h + "." + p + "." + Base64Url.ToPadded(s), identityModelAccepts: true);
        Add("signature-standard-alphabet", c, AppTokenFailure.Malformed, "The signature in the standard base64 alphabet ('+' and '/' for '-' and '_').",
            h + "." + p + "." + s.Replace('-', '+').Replace('_', '/'), identityModelAccepts: false);
        string? nonCanonical = Base64Url.WithNonCanonicalTrailingBits(s);
        if (nonCanonical is not null)
        {
            Add("signature-non-canonical-trailing-bits", c, AppTokenFailure.Malformed, "The signature with unused trailing bits set in its last character: decodes to the same bytes, but is not canonical base64url.",
                h + "." + p + "." + nonCanonical);
        }

        // Segments re-encoded and then signed as written: only the encoding is wrong.
        string paddedHeader = Base64Url.ToPadded(Base64Url.Encode(HeaderWhere(x => Base64Url.Encode(x).Length % 4 != 0)));
        Add("header-padded", c, AppTokenFailure.Malformed, "The header segment with '=' padding, signed as written.",
            _key.SignCompact(paddedHeader, p, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), identityModelAccepts: true);
        string? nonCanonicalHeader = Base64Url.WithNonCanonicalTrailingBits(Base64Url.Encode(HeaderWhere(x => Base64Url.Encode(x).Length % 4 != 0)));
        if (nonCanonicalHeader is not null)
        {
            Add("header-non-canonical-trailing-bits", c, AppTokenFailure.Malformed, "The header segment with unused trailing bits set, signed as written.",
                _key.SignCompact(nonCanonicalHeader, p, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        string payloadJson = PayloadWhere(x => Base64Url.Encode(x).Length % 4 != 0);
        Add("payload-padded", c, AppTokenFailure.Malformed, "The payload segment with '=' padding, signed as written.",
            _key.SignCompact(h, Base64Url.ToPadded(Base64Url.Encode(payloadJson)), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), identityModelAccepts: true);
        string? nonCanonicalPayload = Base64Url.WithNonCanonicalTrailingBits(Base64Url.Encode(payloadJson));
        if (nonCanonicalPayload is not null)
        {
            Add("payload-non-canonical-trailing-bits", c, AppTokenFailure.Malformed, "The payload segment with unused trailing bits set, signed as written.",
                _key.SignCompact(h, nonCanonicalPayload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        Add("header-utf8-bom", c, AppTokenFailure.Malformed, "Header JSON preceded by a UTF-8 byte order mark, signed as written.",
            _key.SignCompact(Base64Url.Encode(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Header(_ => { }))).ToArray()), p, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Add("payload-invalid-utf8", c, AppTokenFailure.Malformed, "Payload bytes that are not valid UTF-8 inside a string, signed as written.",
            _key.SignCompact(h, Base64Url.Encode(InvalidUtf8Payload()), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Add("leading-whitespace", c, AppTokenFailure.Malformed, "A valid token preceded by a space.", " " + token);
        Add("trailing-newline", c, AppTokenFailure.Malformed, "A valid token followed by a newline.", token + "\n");
        Add("bearer-prefix", c, AppTokenFailure.Malformed, "A valid token with the 'Bearer ' scheme left on.", "Bearer " + token);
        Add("inner-whitespace", c, AppTokenFailure.Malformed, "A valid token with a space after the first dot.", h + ". " + p + "." + s);
    }

    private void DuplicateMembers()
    {
        const string c = "duplicate-member";
        string withoutAppId = Payload(t => t.RemoveClaim("app_id"));
        string app = JsonText.String(_appId);
        string other = JsonText.String(_otherApp);

        Add("duplicate-app-id-target-last", c, AppTokenFailure.Malformed, $"app_id twice: '{_otherApp}' then the target app. Parsers that keep the last member see the target app; others see '{_otherApp}'.",
            Signed(Header(_ => { }), Prepend(withoutAppId, "\"app_id\":" + other + ",\"app_id\":" + app)), identityModelAccepts: true);
        Add("duplicate-app-id-target-first", c, AppTokenFailure.Malformed, $"app_id twice: the target app then '{_otherApp}'.",
            Signed(Header(_ => { }), Prepend(withoutAppId, "\"app_id\":" + app + ",\"app_id\":" + other)));
        Add("duplicate-app-id-escaped-name", c, AppTokenFailure.Malformed, $"app_id twice, the second spelled \"app\\u005fid\": '{_otherApp}' then the target app. Duplicate detection must compare unescaped names.",
            Signed(Header(_ => { }), Prepend(withoutAppId, "\"app_id\":" + other + ",\"app\\u005fid\":" + app)), identityModelAccepts: true);
        Add("duplicate-app-id-same-value", c, AppTokenFailure.Malformed, "app_id twice with the same value: still a duplicate member.",
            Signed(Header(_ => { }), Prepend(withoutAppId, "\"app_id\":" + app + ",\"app_id\":" + app)), identityModelAccepts: true);
        Add("duplicate-iss", c, AppTokenFailure.Malformed, "iss twice: another issuer, then the right one.",
            Signed(Header(_ => { }), Prepend(Payload(t => t.RemoveClaim("iss")), "\"iss\":\"https://attacker.example\",\"iss\":" + JsonText.String(_issuer.Issuer))), identityModelAccepts: true);
        Add("duplicate-exp", c, AppTokenFailure.Malformed, "exp twice: long expired, then valid.",
            Signed(Header(_ => { }), Prepend(Payload(t => t.RemoveClaim("exp")), "\"exp\":1,\"exp\":" + JsonText.Number(_issuer.Now.AddHours(1).ToUnixTimeSeconds()))), identityModelAccepts: true);

        string headerWithoutAlg = Header(h => h.Remove("alg"));
        Add("duplicate-alg-none-then-rs256", c, AppTokenFailure.Malformed, "alg twice in the header: 'none' then 'RS256', validly signed.",
            Signed(Prepend(headerWithoutAlg, "\"alg\":\"none\",\"alg\":\"RS256\""), Payload()), identityModelAccepts: true);
        Add("duplicate-alg-rs256-then-hs256", c, AppTokenFailure.Malformed, "alg twice in the header: 'RS256' then 'HS256', validly signed (RS256).",
            Signed(Prepend(headerWithoutAlg, "\"alg\":\"RS256\",\"alg\":\"HS256\""), Payload()));
        Add("duplicate-alg-escaped-name", c, AppTokenFailure.Malformed, "alg twice, the second spelled \"\\u0061lg\": 'none' then 'RS256'.",
            Signed(Prepend(headerWithoutAlg, "\"alg\":\"none\",\"\\u0061lg\":\"RS256\""), Payload()), identityModelAccepts: true);
        Add("duplicate-kid", c, AppTokenFailure.Malformed, "kid twice in the header: an unknown kid, then the issuer's.",
            Signed(Prepend(Header(h => h.Remove("kid")), "\"kid\":\"unknown\",\"kid\":" + JsonText.String(_key.Kid)), Payload()), identityModelAccepts: true);
    }

    private void ClaimTypes()
    {
        const string c = "claim-type";
        long future = _issuer.Now.AddHours(1).ToUnixTimeSeconds();
        Add("exp-string", c, AppTokenFailure.Malformed, "exp is a string holding a future time: exp must be a JSON number.",
            Mint(t => t.ClaimJson("exp", JsonText.String(JsonText.Number(future)))), identityModelAccepts: true);
        Add("exp-overflow", c, AppTokenFailure.Malformed, "exp is 1e400, a number no double can hold (infinite): exp must be finite.",
            Mint(t => t.ClaimJson("exp", "1e400")));
        Add("exp-null", c, AppTokenFailure.Malformed, "exp is JSON null.",
            Mint(t => t.ClaimJson("exp", "null")));
        Add("exp-bool", c, AppTokenFailure.Malformed, "exp is true.",
            Mint(t => t.ClaimJson("exp", "true")));
        Add("exp-array", c, AppTokenFailure.Malformed, "exp is an array holding a future time.",
            Mint(t => t.ClaimJson("exp", "[" + JsonText.Number(future) + "]")));
    }

    private void Shapes()
    {
        const string c = "shape";
        string h = HeaderSegment(ValidToken);
        string p = PayloadSegment(ValidToken);
        string s = SignatureOf(ValidToken);

        Add("empty", c, AppTokenFailure.Malformed, "The empty string.", "");
        Add("whitespace", c, AppTokenFailure.Malformed, "Only whitespace.", " \t\r\n");
        Add("garbage", c, AppTokenFailure.Malformed, "Text that is not a token.", "not-a-token");
        Add("dots-only", c, AppTokenFailure.Malformed, "Three empty segments.", "..");
        Add("one-segment", c, AppTokenFailure.Malformed, "Only the header segment of a valid token.", h);
        Add("four-segments", c, AppTokenFailure.Malformed, "A valid token with a fourth segment appended.", ValidToken + "." + s);
        Add("many-dots", c, AppTokenFailure.Malformed, "10,000 dots.", new string('.', 10000));
        Add("segments-swapped", c, AppTokenFailure.UnsupportedAlgorithm, "Header and payload segments swapped: the claims object has no alg.", p + "." + h + "." + s);
        Add("invalid-base64url-character", c, AppTokenFailure.Malformed, "A '*' inside the payload segment.", h + "." + p.Substring(0, 10) + "*" + p.Substring(11) + "." + s);
        Add("header-not-json", c, AppTokenFailure.Malformed, "Header segment decodes to text that is not JSON, signed as written.",
            Signed("alg=RS256", Payload()));
        Add("header-json-array", c, AppTokenFailure.Malformed, "Header is a JSON array, signed as written.",
            Signed("[" + Header(_ => { }) + "]", Payload()));
        Add("header-trailing-data", c, AppTokenFailure.Malformed, "Header JSON followed by extra text, signed as written.",
            Signed(Header(_ => { }) + "x", Payload()), identityModelAccepts: true);
        Add("payload-not-json", c, AppTokenFailure.Malformed, "Payload is not JSON, signed by the issuer.",
            Signed(Header(_ => { }), "app_id=" + _appId));
        Add("payload-json-array", c, AppTokenFailure.Malformed, "Payload is a JSON array holding the claims object, signed by the issuer.",
            Signed(Header(_ => { }), "[" + Payload() + "]"));
        Add("payload-json-string", c, AppTokenFailure.Malformed, "Payload is a JSON string, signed by the issuer.",
            Signed(Header(_ => { }), JsonText.String(_appId)));
        Add("payload-trailing-data", c, AppTokenFailure.Malformed, "Payload JSON followed by a second object, signed by the issuer.",
            Signed(Header(_ => { }), Payload() + "{\"app_id\":" + JsonText.String(_otherApp) + "}"), identityModelAccepts: true);
        Add("payload-empty", c, AppTokenFailure.Malformed, "Empty payload segment, signed by the issuer.",
            Signed(Header(_ => { }), ""));
        Add("payload-deeply-nested", c, AppTokenFailure.Malformed, "A claim nested 10,000 arrays deep (parser stack exhaustion), signed by the issuer.",
            Signed(Header(_ => { }), Prepend(Payload(), "\"deep\":" + new string('[', 10000) + new string(']', 10000))));

        string jweHeader = Base64Url.Encode("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":" + JsonText.String(_key.Kid) + "}");
        string random = Base64Url.Encode(Guid.NewGuid().ToByteArray());
        Add("jwe-five-segments", c, AppTokenFailure.Malformed, "A five-segment JWE (RSA-OAEP-256, A256GCM) naming the issuer's kid: only JWS is accepted, nothing is decrypted.",
            jweHeader + "." + random + "." + random + "." + p + "." + random);
        Add("jwe-dir-empty-key", c, AppTokenFailure.Malformed, "A five-segment JWE with alg 'dir' and an empty encrypted-key segment.",
            Base64Url.Encode("{\"alg\":\"dir\",\"enc\":\"A128CBC-HS256\"}") + ".." + random + "." + p + "." + random);
        Add("jwe-shape-of-valid-token", c, AppTokenFailure.Malformed, "A valid token's three segments padded out to five with empty segments.",
            ValidToken + "..");

        string big = new string('A', 760 * 1024);
        Add("oversized-1mb", c, AppTokenFailure.Malformed, "A validly signed token of about 1 MB (a large claim): rejected by the size cap before decoding.",
            Mint(t => t.Claim("pad", big)));
    }

    private void TokenTypes()
    {
        const string c = "token-type";
        string type = _expectedType;
        var variants = new (string Name, Action<JsonObjectText> Edit, string Description)[]
        {
            ("typ-missing", h => h.Remove("typ"), "no typ header"),
            ("typ-jwt", h => h.Set("typ", JsonText.String(string.Equals(type, "JWT", StringComparison.Ordinal) ? "at+jwt" : "JWT")), "another token type (e.g. an ID token's 'JWT' where an access token is required)"),
            ("typ-id-token", h => h.Set("typ", JsonText.String("id+jwt")), "typ 'id+jwt'"),
            ("typ-trailing-space", h => h.Set("typ", JsonText.String(type + " ")), "the required typ followed by a space"),
        };

        foreach (var (name, edit, description) in variants)
        {
            Add(name, c, AppTokenFailure.WrongTokenType, $"Token type confusion: {description}, on an otherwise valid token, where the verifier requires typ '{type}'.",
                Signed(Header(h => { h.Set("typ", JsonText.String(type)); edit(h); }), Payload()),
                requiresTokenType: true);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private const int KeyIdsMax = Keys.KeyIds.MaxLength;

    private void Add(string name, string category, AppTokenFailure failure, string description, string token,
        bool identityModelAccepts = false, bool requiresTokenType = false)
    {
        if (_entries.Exists(e => string.Equals(e.Name, name, StringComparison.Ordinal)))
            throw new InvalidOperationException($"Duplicate misuse token name '{name}'.");
        _entries.Add(new MisuseToken(name, category, description, token, failure, requiresTokenType, identityModelAccepts));
    }

    private TokenBuilder Baseline()
    {
        var builder = new TokenBuilder(_issuer, _appId, _audience);
        if (_tokenType is not null)
            builder.Type(_tokenType);
        return builder;
    }

    private string Mint(Action<TokenBuilder> configure)
    {
        TokenBuilder builder = Baseline();
        configure(builder);
        return builder.Build();
    }

    private string Payload(Action<TokenBuilder>? configure = null)
    {
        TokenBuilder builder = Baseline();
        configure?.Invoke(builder);
        return builder.PayloadJson;
    }

    private string Header(Action<JsonObjectText> edit)
    {
        var header = new JsonObjectText().Set("alg", JsonText.String("RS256")).Set("kid", JsonText.String(_key.Kid));
        string? typ = _tokenType ?? _issuer.TokenType;
        if (typ is not null)
            header.Set("typ", JsonText.String(typ));
        edit(header);
        return header.ToString();
    }

    private string Signed(string headerJson, string payloadJson) => _key.SignCompact(headerJson, payloadJson);

    /// <summary>Null where the platform cannot make the signature (RSASSA-PSS with .NET Framework's CSP keys).</summary>
    private static string? TrySign(Func<string> sign)
    {
        try
        {
            return sign();
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string Sign(TestIssuerKey key, string headerJson, string payloadJson) => key.SignCompact(headerJson, payloadJson);

    private string Hmac(string alg, byte[] secret, Action<JsonObjectText> edit)
    {
        string signingInput = Base64Url.Encode(Header(h => { h.Set("alg", JsonText.String(alg)); edit(h); })) + "." + Base64Url.Encode(Payload());
        byte[] data = Encoding.UTF8.GetBytes(signingInput);
        using HMAC hmac = alg.ToUpperInvariant() switch
        {
            "HS384" => new HMACSHA384(secret),
            "HS512" => new HMACSHA512(secret),
            _ => new HMACSHA256(secret),
        };
        return signingInput + "." + Base64Url.Encode(hmac.ComputeHash(data));
    }

    /// <summary>A header variant (adding jti-like padding) whose encoded length is not a multiple of 4.</summary>
    private string HeaderWhere(Func<string, bool> accept)
    {
        for (int i = 0; i < 8; i++)
        {
            string header = Header(h => { if (i > 0) h.Set("x-pad", JsonText.String(new string('p', i))); });
            if (accept(header))
                return header;
        }

        throw new InvalidOperationException("No header variant matched.");
    }

    private string PayloadWhere(Func<string, bool> accept)
    {
        for (int i = 0; i < 8; i++)
        {
            string payload = Payload(t => { if (i > 0) t.Claim("x-pad", new string('p', i)); });
            if (accept(payload))
                return payload;
        }

        throw new InvalidOperationException("No payload variant matched.");
    }

    private string ValidTokenWhere(Func<string, bool> accept)
    {
        for (int i = 0; i < 64; i++)
        {
            string token = Mint(_ => { });
            if (accept(token))
                return token;
        }

        throw new InvalidOperationException("No valid token variant matched.");
    }

    private byte[] InvalidUtf8Payload()
    {
        string payload = Prepend(Payload(), "\"note\":\"#\"");
        byte[] bytes = Encoding.UTF8.GetBytes(payload);
        int hash = Array.IndexOf(bytes, (byte)'#');
        bytes[hash] = 0xFF;
        return bytes;
    }

    /// <summary>Inserts raw members at the start of a JSON object text.</summary>
    private static readonly char[] UrlSafeBase64Characters = { '-', '_' };

    /// <summary>The value with its case changed: upper-cased, or lower-cased plus <paramref name="suffix"/> when it has no lower-case letter.</summary>
    private static string OtherCase(string value, string suffix)
    {
        string upper = value.ToUpperInvariant();
        return string.Equals(upper, value, StringComparison.Ordinal) ? value.ToLowerInvariant() + suffix : upper;
    }

    private static string Prepend(string objectJson, string members)
        => objectJson == "{}" ? "{" + members + "}" : "{" + members + "," + objectJson.Substring(1);

    private static string HeaderSegment(string token) => token.Substring(0, token.IndexOf('.'));

    private static string PayloadSegment(string token)
    {
        int first = token.IndexOf('.');
        int second = token.IndexOf('.', first + 1);
        return token.Substring(first + 1, second - first - 1);
    }

    private static string SignatureOf(string token) => token.Substring(token.LastIndexOf('.') + 1);

    private static string FlipBit(string signature)
    {
        byte[] bytes = Base64Url.Decode(signature);
        bytes[bytes.Length / 2] ^= 0x01;
        return Base64Url.Encode(bytes);
    }

    private static string Homoglyph(string appId)
    {
        // Cyrillic and Greek letters that render like Latin ones.
        const string latin = "aceiopxy";
        const string lookalike = "\u0430\u0441\u0435\u0456\u043e\u0440\u0445\u0443";
        for (int i = 0; i < appId.Length; i++)
        {
            int at = latin.IndexOf(appId[i]);
            if (at >= 0)
                return appId.Substring(0, i) + lookalike[at] + appId.Substring(i + 1);
        }

        return "\u0430" + appId;
    }
}
