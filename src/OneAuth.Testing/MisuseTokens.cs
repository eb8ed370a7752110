using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace OneAuth.Testing;

/// <summary>
/// The standard misuse tokens against one app: tokens for other apps, expired and not-yet-valid tokens, wrong
/// issuer and audience, <c>alg: none</c>, HS256 key confusion, unknown and injected kids, embedded keys, tampered
/// payloads, duplicate JSON members, non-canonical encodings, claim type juggling, JWE and oversized shapes.
/// Every token must be rejected; each says with which <see cref="AppTokenFailure"/>.
/// </summary>
/// <example>
/// <code>
/// static readonly TestIssuer Issuer = new();
/// public static IEnumerable&lt;object[]&gt; Misuse => MisuseTokens.For(Issuer, "billing", "billing-api").AsTheoryData();
///
/// [Theory, MemberData(nameof(Misuse))]
/// public async Task Rejects(MisuseToken t) => Assert.Equal(t.ExpectedFailure, (await validator.ValidateAsync(t.Token)).Failure);
/// </code>
/// </example>
public sealed class MisuseTokens : IReadOnlyList<MisuseToken>
{
    /// <summary>The <c>typ</c> that <see cref="MisuseToken.RequiresTokenType"/> entries assume when no token type is given.</summary>
    public const string AssumedTokenType = "at+jwt";

    private readonly IReadOnlyList<MisuseToken> _tokens;

    private MisuseTokens(string appId, string audience, string? tokenType, string validToken, IReadOnlyList<MisuseToken> tokens)
    {
        AppId = appId;
        Audience = audience;
        TokenType = tokenType;
        ValidToken = validToken;
        _tokens = tokens;
    }

    /// <summary>The app the tokens target (the verifier's app id).</summary>
    public string AppId { get; }

    /// <summary>The audience the verifier requires.</summary>
    public string Audience { get; }

    /// <summary>
    /// The <c>typ</c> the verifier requires, or null when it requires none (then the
    /// <see cref="MisuseToken.RequiresTokenType"/> entries assume <see cref="AssumedTokenType"/>).
    /// </summary>
    public string? TokenType { get; }

    /// <summary>The control: a token built exactly like the misuse tokens, with no defect. The verifier must accept it.</summary>
    public string ValidToken { get; }

    /// <summary>How many tokens the catalogue holds.</summary>
    public int Count => _tokens.Count;

    /// <summary>The token at <paramref name="index"/>.</summary>
    public MisuseToken this[int index] => _tokens[index];

    /// <summary>The token named <paramref name="name"/>.</summary>
    public MisuseToken this[string name]
        => _tokens.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))
           ?? throw new KeyNotFoundException($"No misuse token is named '{name}'.");

    /// <summary>
    /// Builds the catalogue for a verifier that accepts tokens from <paramref name="issuer"/> for
    /// <paramref name="appId"/> and <paramref name="audience"/>. Tokens are minted now, on the issuer's clock, with
    /// its current key. Almost every token has exactly one defect, and every token whose defect is not about the
    /// signature is validly signed, so the expected failure does not depend on check order. The few attacks that
    /// need two defects (an attacker-signed token with an embedded key, alg confusion without a kid) expect the
    /// failure of the check that comes first in OneAuth's order: token shape and header parameters, alg, kid,
    /// signature, then claims.
    /// </summary>
    /// <param name="issuer">The issuer the verifier trusts (its JWKS or <see cref="TestIssuer.KeySource"/>).</param>
    /// <param name="appId">The verifier's app id.</param>
    /// <param name="audience">The verifier's audience.</param>
    /// <param name="tokenType">The <c>typ</c> the verifier requires, or null when it requires none.</param>
    public static MisuseTokens For(TestIssuer issuer, string appId, string audience, string? tokenType = null)
    {
        if (issuer is null)
            throw new ArgumentNullException(nameof(issuer));
        if (string.IsNullOrEmpty(appId))
            throw new ArgumentException("The app id must not be empty.", nameof(appId));
        if (string.IsNullOrEmpty(audience))
            throw new ArgumentException("The audience must not be empty.", nameof(audience));

        var catalogue = new MisuseCatalogue(issuer, appId, audience, tokenType);
        IReadOnlyList<MisuseToken> tokens = catalogue.Build();
        return new MisuseTokens(appId, audience, tokenType, catalogue.ValidToken, tokens);
    }

    /// <summary>
    /// The tokens as xUnit theory rows (<c>new object[] { misuseToken }</c>) for <c>[MemberData]</c>, optionally
    /// filtered; no test-framework dependency.
    /// </summary>
    public IEnumerable<object[]> AsTheoryData(Func<MisuseToken, bool>? where = null)
        => _tokens.Where(where ?? (_ => true)).Select(t => new object[] { t }).ToArray();

    /// <inheritdoc />
    public IEnumerator<MisuseToken> GetEnumerator() => _tokens.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
