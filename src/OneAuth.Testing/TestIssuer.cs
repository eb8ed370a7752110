using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using OneAuth.Keys;

namespace OneAuth.Testing;

/// <summary>
/// A stand-in for 1Auth in tests: owns RSA 2048 signing keys, publishes them as a JWKS (as text, through an
/// in-memory <see cref="SigningKeySource"/>, and on a loopback HTTP port), and mints real RS256 tokens for any
/// app. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// using var issuer = new TestIssuer();
/// string token = issuer.MintToken("billing", "billing-api", t => t.Subject("user-1").Scopes("invoices.read"));
/// </code>
/// </example>
public sealed class TestIssuer : IDisposable
{
    /// <summary>The issuer used when none is given.</summary>
    public const string DefaultIssuer = "https://issuer.test";

    private readonly object _gate = new object();
    private readonly List<TestIssuerKey> _published = new List<TestIssuerKey>();
    private readonly List<TestIssuerKey> _retired = new List<TestIssuerKey>();
    private readonly string _keyPrefix;
    private readonly TestIssuerKeySource _keySource;
    private int _keyCounter;
    private long _keySetVersion;
    private string _jwks = "";
    private JwksServer? _server;
    private bool _disposed;

    /// <summary>Creates an issuer with one current signing key.</summary>
    /// <param name="issuer">The <c>iss</c> value of minted tokens.</param>
    /// <param name="timeProvider">The clock for <c>iat</c>, <c>nbf</c> and <c>exp</c>; the system clock when null.</param>
    public TestIssuer(string issuer = DefaultIssuer, TimeProvider? timeProvider = null)
    {
        if (string.IsNullOrEmpty(issuer))
            throw new ArgumentException("The issuer must not be empty.", nameof(issuer));

        Issuer = issuer;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _keyPrefix = Guid.NewGuid().ToString("N").Substring(0, 8);
        _keySource = new TestIssuerKeySource(this);
        RotateKey();
    }

    /// <summary>The <c>iss</c> claim of minted tokens.</summary>
    public string Issuer { get; }

    /// <summary>The clock used for <c>iat</c>, <c>nbf</c> and <c>exp</c>.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The <c>typ</c> header of minted tokens (default <c>JWT</c>); null leaves it out.</summary>
    public string? TokenType { get; set; } = "JWT";

    /// <summary>How long minted tokens live unless told otherwise (default one hour).</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The kid of the key that signs new tokens.</summary>
    public string CurrentKeyId
    {
        get { lock (_gate) return Current.Kid; }
    }

    /// <summary>The kids in the published key set, oldest first.</summary>
    public IReadOnlyList<string> PublishedKeyIds
    {
        get { lock (_gate) return _published.Select(k => k.Kid).ToArray(); }
    }

    /// <summary>
    /// The JWKS document of the published public keys (<c>kty: RSA</c>, <c>use: sig</c>, <c>alg: RS256</c>,
    /// <c>kid</c>, <c>n</c>, <c>e</c>).
    /// </summary>
    public string Jwks
    {
        get { lock (_gate) return _jwks; }
    }

    /// <summary>Changes whenever the published key set changes.</summary>
    public long KeySetVersion
    {
        get { lock (_gate) return _keySetVersion; }
    }

    /// <summary>The published keys as an in-memory key source: no HTTP, always answers synchronously.</summary>
    public SigningKeySource KeySource => _keySource;

    /// <summary>The loopback JWKS server, once <see cref="StartJwksServer"/> has been called.</summary>
    public JwksServer? JwksServer
    {
        get { lock (_gate) return _server; }
    }

    /// <summary>The address of the JWKS on the loopback server, once started.</summary>
    public Uri? JwksUri => JwksServer?.JwksUri;

    /// <summary>How many HTTP requests the loopback server has received (0 when not started).</summary>
    public int JwksRequestCount => JwksServer?.RequestCount ?? 0;

    /// <summary>
    /// Mints a real RS256 compact JWS for <paramref name="appId"/> signed with the current key: header
    /// <c>alg</c>, <c>kid</c>, <c>typ</c>; claims <c>iss</c>, <c>sub</c>, <c>aud</c>, <c>app_id</c>, <c>iat</c>,
    /// <c>nbf</c>, <c>exp</c>, <c>jti</c>. Use <paramref name="configure"/> to change any of them.
    /// </summary>
    /// <param name="appId">The <c>app_id</c> claim.</param>
    /// <param name="audience">The <c>aud</c> claim; the app id when null.</param>
    /// <param name="configure">Changes claims, headers, times or the signing key.</param>
    public string MintToken(string appId, string? audience = null, Action<TokenBuilder>? configure = null)
    {
        if (appId is null)
            throw new ArgumentNullException(nameof(appId));

        var builder = new TokenBuilder(this, appId, audience ?? appId);
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>
    /// Signs exactly the given header and payload JSON text (no checks, no reformatting) with RS256 and the
    /// current key: for hand-made tokens. The header is taken as written, so include <c>alg</c> and <c>kid</c>.
    /// </summary>
    public string SignRaw(string headerJson, string payloadJson)
    {
        if (headerJson is null)
            throw new ArgumentNullException(nameof(headerJson));
        if (payloadJson is null)
            throw new ArgumentNullException(nameof(payloadJson));

        TestIssuerKey key;
        lock (_gate)
            key = Current;
        return key.SignCompact(headerJson, payloadJson);
    }

    /// <summary>Adds a new signing key and makes it current. Older keys stay published until retired.</summary>
    /// <returns>The new key's kid.</returns>
    public string RotateKey()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            _keyCounter++;
            var key = new TestIssuerKey(string.Format(CultureInfo.InvariantCulture, "test-{0}-{1}", _keyPrefix, _keyCounter));
            _published.Add(key);
            Republish();
            return key.Kid;
        }
    }

    /// <summary>Stops publishing the key <paramref name="kid"/>. The current key cannot be retired.</summary>
    /// <returns>False when no published key has that kid.</returns>
    public bool RetireKey(string kid)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            TestIssuerKey? key = _published.Find(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
            if (key is null)
                return false;
            if (ReferenceEquals(key, Current))
                throw new InvalidOperationException("The current key cannot be retired; rotate first.");

            _published.Remove(key);
            _retired.Add(key);
            Republish();
            return true;
        }
    }

    /// <summary>Stops publishing every key but the current one.</summary>
    public void RemovePreviousKeys()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_published.Count == 1)
                return;

            TestIssuerKey current = Current;
            _retired.AddRange(_published.Where(k => !ReferenceEquals(k, current)));
            _published.Clear();
            _published.Add(current);
            Republish();
        }
    }

    /// <summary>
    /// Starts serving <see cref="Jwks"/> on <c>http://127.0.0.1:{free port}/.well-known/jwks.json</c> (or returns
    /// the server already started). The server always serves the current key set and stops on <see cref="Dispose"/>.
    /// </summary>
    public JwksServer StartJwksServer()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            _server ??= new JwksServer(() => Jwks);
            return _server;
        }
    }

    /// <summary>Stops the JWKS server and destroys the keys.</summary>
    public void Dispose()
    {
        JwksServer? server;
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            server = _server;
            foreach (TestIssuerKey key in _published.Concat(_retired))
                key.Dispose();
        }

        server?.Dispose();
    }

    internal DateTimeOffset Now => TimeProvider.GetUtcNow();

    /// <summary>A key this issuer holds or held (published or retired), by kid.</summary>
    internal TestIssuerKey FindKey(string kid)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return _published.Concat(_retired).FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal))
                ?? throw new ArgumentException($"This issuer has no key with kid '{kid}'.", nameof(kid));
        }
    }

    internal TestIssuerKey CurrentKey
    {
        get { lock (_gate) return Current; }
    }

    /// <summary>The public key for a published kid, and the version of the set it was found in.</summary>
    internal bool TryGetPublishedKey(string kid, out RSA? key, out long version)
    {
        lock (_gate)
        {
            version = _keySetVersion;
            key = _disposed ? null : _published.Find(k => string.Equals(k.Kid, kid, StringComparison.Ordinal))?.Public;
            return key is not null;
        }
    }

    private TestIssuerKey Current => _published[_published.Count - 1];

    private void Republish()
    {
        var builder = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < _published.Count; i++)
        {
            if (i > 0)
                builder.Append(',');
            builder.Append(_published[i].Jwk);
        }

        _jwks = builder.Append("]}").ToString();
        _keySetVersion++;
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
            throw new ObjectDisposedException(nameof(TestIssuer));
    }
}
