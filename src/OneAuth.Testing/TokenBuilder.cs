using System;
using System.Collections.Generic;

namespace OneAuth.Testing;

/// <summary>
/// Shapes one token minted by <see cref="TestIssuer.MintToken"/>. Every method replaces what it sets; later
/// calls win. Times are whole seconds since the Unix epoch, taken from the issuer's clock.
/// </summary>
public sealed class TokenBuilder
{
    private readonly TestIssuer _issuer;
    private readonly JsonObjectText _header = new JsonObjectText();
    private readonly JsonObjectText _payload = new JsonObjectText();
    private TestIssuerKey _signingKey;
    private DateTimeOffset _issuedAt;

    internal TokenBuilder(TestIssuer issuer, string appId, string audience)
    {
        _issuer = issuer;
        _signingKey = issuer.CurrentKey;
        _issuedAt = issuer.Now;

        _header.Set("alg", JsonText.String("RS256")).Set("kid", JsonText.String(_signingKey.Kid));
        if (issuer.TokenType is { } typ)
            _header.Set("typ", JsonText.String(typ));

        long now = _issuedAt.ToUnixTimeSeconds();
        _payload
            .Set("iss", JsonText.String(issuer.Issuer))
            .Set("sub", JsonText.String("test-subject"))
            .Set("aud", JsonText.String(audience))
            .Set("app_id", JsonText.String(appId))
            .Set("iat", JsonText.Number(now))
            .Set("nbf", JsonText.Number(now))
            .Set("exp", JsonText.Number((_issuedAt + issuer.DefaultLifetime).ToUnixTimeSeconds()))
            .Set("jti", JsonText.String(Guid.NewGuid().ToString("N")));
    }

    /// <summary>Sets <c>sub</c>; null removes it.</summary>
    public TokenBuilder Subject(string? subject) => subject is null ? RemoveClaim("sub") : Claim("sub", subject);

    /// <summary>Sets <c>app_id</c>.</summary>
    public TokenBuilder AppId(string appId) => Claim("app_id", appId);

    /// <summary>Sets <c>iss</c>.</summary>
    public TokenBuilder Issuer(string issuer) => Claim("iss", issuer);

    /// <summary>Sets <c>aud</c>: a JSON string for one audience, an array for several (or none).</summary>
    public TokenBuilder Audience(params string[] audiences)
        => audiences.Length == 1 ? Claim("aud", audiences[0]) : ClaimJson("aud", JsonText.StringArray(audiences));

    /// <summary>Sets <c>scope</c> to the space-separated scopes (RFC 8693 / RFC 9068 style).</summary>
    public TokenBuilder Scopes(params string[] scopes) => Claim("scope", string.Join(" ", scopes));

    /// <summary>Sets a string claim; null writes JSON <c>null</c>.</summary>
    public TokenBuilder Claim(string name, string? value) => ClaimJson(name, value is null ? "null" : JsonText.String(value));

    /// <summary>Sets a number claim.</summary>
    public TokenBuilder Claim(string name, long value) => ClaimJson(name, JsonText.Number(value));

    /// <summary>Sets a boolean claim.</summary>
    public TokenBuilder Claim(string name, bool value) => ClaimJson(name, JsonText.Bool(value));

    /// <summary>Sets a claim to a JSON array of strings.</summary>
    public TokenBuilder Claim(string name, IEnumerable<string> values) => ClaimJson(name, JsonText.StringArray(values));

    /// <summary>Sets a claim to exactly this JSON value text (not checked: any text goes, valid JSON or not).</summary>
    public TokenBuilder ClaimJson(string name, string rawJson)
    {
        _payload.Set(name ?? throw new ArgumentNullException(nameof(name)), rawJson ?? throw new ArgumentNullException(nameof(rawJson)));
        return this;
    }

    /// <summary>Removes a claim, including the defaults (<c>exp</c>, <c>iss</c>, <c>aud</c>, <c>app_id</c>, ...).</summary>
    public TokenBuilder RemoveClaim(string name)
    {
        _payload.Remove(name);
        return this;
    }

    /// <summary>Sets <c>iat</c>; <c>nbf</c> and <c>exp</c> are not moved.</summary>
    public TokenBuilder IssuedAt(DateTimeOffset issuedAt)
    {
        _issuedAt = issuedAt;
        return Claim("iat", issuedAt.ToUnixTimeSeconds());
    }

    /// <summary>Sets <c>nbf</c>.</summary>
    public TokenBuilder NotBefore(DateTimeOffset notBefore) => Claim("nbf", notBefore.ToUnixTimeSeconds());

    /// <summary>Sets <c>exp</c>.</summary>
    public TokenBuilder ExpiresAt(DateTimeOffset expiresAt) => Claim("exp", expiresAt.ToUnixTimeSeconds());

    /// <summary>Sets <c>exp</c> to <c>iat</c> plus <paramref name="lifetime"/> (negative for a token already expired).</summary>
    public TokenBuilder Lifetime(TimeSpan lifetime) => ExpiresAt(_issuedAt + lifetime);

    /// <summary>Sets the <c>typ</c> header; null removes it.</summary>
    public TokenBuilder Type(string? type) => type is null ? RemoveHeader("typ") : Header("typ", JsonText.String(type));

    /// <summary>
    /// Overrides the <c>kid</c> header without changing which key signs (null removes it): for tokens that name a
    /// key they were not signed with.
    /// </summary>
    public TokenBuilder KeyId(string? kid) => kid is null ? RemoveHeader("kid") : Header("kid", JsonText.String(kid));

    /// <summary>Signs with another key this issuer holds or held (published or retired), and names it in <c>kid</c>.</summary>
    public TokenBuilder SignWith(string kid)
    {
        _signingKey = _issuer.FindKey(kid);
        return KeyId(kid);
    }

    /// <summary>Sets a header parameter to exactly this JSON value text.</summary>
    public TokenBuilder Header(string name, string rawJson)
    {
        _header.Set(name ?? throw new ArgumentNullException(nameof(name)), rawJson ?? throw new ArgumentNullException(nameof(rawJson)));
        return this;
    }

    /// <summary>Removes a header parameter.</summary>
    public TokenBuilder RemoveHeader(string name)
    {
        _header.Remove(name);
        return this;
    }

    internal string HeaderJson => _header.ToString();

    internal string PayloadJson => _payload.ToString();

    internal string Build() => _signingKey.SignCompact(HeaderJson, PayloadJson);
}
