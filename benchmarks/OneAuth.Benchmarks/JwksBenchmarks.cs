using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OneAuth.Keys;

namespace OneAuth.Benchmarks;

/// <summary>
/// The JWKS side of validation, through the public API only: the cost of one key-set refresh, and what a flood
/// of tokens naming random (well-formed, unknown) key ids does to the validation of good tokens.
/// </summary>
/// <remarks>
/// The JWKS document is typical: three RSA-2048 signing keys with <c>kty</c>, <c>use</c>, <c>alg</c>,
/// <c>kid</c>, <c>n</c>, <c>e</c> (about 1.6 KB), served by an in-process handler so that no socket or TLS
/// is measured. The flood tokens are rejected at key lookup: the set is warm and the 30 s refresh cooldown
/// holds, so they never cause a fetch (outside the one a minute the cooldown allows).
/// </remarks>
[MemoryDiagnoser]
public class JwksBenchmarks
{
    private const string Issuer = "https://auth.example.com";
    private const string AppId = "billing";
    private const string Audience = "billing-api";
    /// <summary>Distinct flood tokens in the rotation when <see cref="FloodPool"/> is not set.</summary>
    public const int DefaultFloodPool = 4096;

    private static readonly Uri JwksUri = new("https://auth.example.com/.well-known/jwks.json");

    private RSAParameters[] _publicParameters = null!;
    private string[] _kids = null!;
    private HttpClient _http = null!;
    private StaticJwksHandler _handler = null!;
    private JwksKeySource _warmKeys = null!;
    private AppTokenVerifier _verifier = null!;
    private string _valid = null!;
    private string[] _flood = null!;
    private int _next;

    /// <summary>
    /// How many distinct flood tokens are cycled. The default, 4,096 (654 characters each, about 5.4 MB of token text), is far larger
    /// than the CPU's caches, so every flood token is read from memory; a pool that fits in L2 models a server that
    /// has just read each token off the socket. Not a BenchmarkDotNet parameter: the rows always use the default.
    /// </summary>
    public int FloodPool { get; set; } = DefaultFloodPool;

    /// <summary>Characters in one flood token (they are all the same length).</summary>
    public int FloodTokenLength => _flood[0].Length;

    [GlobalSetup]
    public void Setup()
    {
        var signers = new RSA[3];
        _publicParameters = new RSAParameters[3];
        _kids = new string[3];
        var jwks = new List<Dictionary<string, string>>();
        for (int i = 0; i < signers.Length; i++)
        {
            signers[i] = RSA.Create(2048);
            _publicParameters[i] = signers[i].ExportParameters(includePrivateParameters: false);
            _kids[i] = $"2026-11-key-{i + 1}";
            jwks.Add(new Dictionary<string, string>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = _kids[i],
                ["n"] = Encode(_publicParameters[i].Modulus!),
                ["e"] = Encode(_publicParameters[i].Exponent!),
            });
        }

        byte[] document = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["keys"] = jwks });
        Console.WriteLine($"// JWKS document: {document.Length} bytes, {signers.Length} keys");
        _handler = new StaticJwksHandler(document);
        _http = new HttpClient(_handler, disposeHandler: false);

        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _valid = Sign(signers[1], _kids[1], now);

        // Well-formed, distinct, unknown kids with a plausible signature length: rejected at key lookup.
        var random = new Random(7);
        var fakeSignature = new byte[256];
        _flood = new string[FloodPool];
        for (int i = 0; i < _flood.Length; i++)
        {
            random.NextBytes(fakeSignature);
            string kid = "k" + random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            _flood[i] = Unsigned(kid, now) + "." + Encode(fakeSignature);
        }

        _warmKeys = new JwksKeySource(JwksUri, new JwksKeySourceOptions { HttpClient = _http });
        _verifier = new AppTokenVerifier(new AppTokenPolicy(AppId, Audience, Issuer), _warmKeys);

        foreach (RSA signer in signers)
            signer.Dispose();

        // Check the paths before measuring them: a refresh finds the key, the good token passes (and warms the
        // set), a flood token is rejected as an unknown key without a fetch.
        Require(Refresh() == SigningKeyStatus.Found, "a refresh did not find the key");
        Require(_verifier.ValidateAsync(_valid).Result.IsValid, "the valid token was rejected");
        int fetches = _handler.Requests;
        AppTokenValidationResult rejected = _verifier.ValidateAsync(_flood[0]).Result;
        Require(!rejected.IsValid, "a random-kid token was accepted");
        Require(rejected.Failure == AppTokenFailure.UnknownKey, $"a random-kid token failed with {rejected.Failure}, not UnknownKey");
        Require(_handler.Requests == fetches, "a random-kid token caused a fetch inside the cooldown");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _warmKeys.Dispose();
        _http.Dispose();
        _handler.Dispose();
    }

    /// <summary>The import floor: creating three RSA objects from their public parameters.</summary>
    [Benchmark(Description = "Import 3 RSA-2048 public keys (floor)")]
    public int ImportOnly()
    {
        int bits = 0;
        foreach (RSAParameters p in _publicParameters)
        {
            RSA rsa = RSA.Create();
            rsa.ImportParameters(p);
            bits += rsa.KeySize;
            rsa.Dispose();
        }

        return bits;
    }

    /// <summary>One refresh: a new key source (nothing cached) answering its first lookup through a fetch.</summary>
    [Benchmark(Description = "JWKS refresh: fetch+parse+judge+import, 3 keys")]
    public SigningKeyStatus Refresh()
    {
        using var keys = new JwksKeySource(JwksUri, new JwksKeySourceOptions { HttpClient = _http });
        return keys.GetKeyAsync(_kids[2]).Result.Status;
    }

    [Benchmark(Description = "Valid token, warm JWKS, no flood")]
    public bool ValidAlone() => _verifier.ValidateAsync(_valid).Result.IsValid;

    [Benchmark(Description = "One random-kid rejection (flood token)")]
    public bool FloodRejection() => _verifier.ValidateAsync(NextFloodToken()).Result.IsValid;

    /// <summary>One valid token then <paramref name="floodPerValid"/> flood tokens, through the same verifier and key source.</summary>
    [Benchmark(Description = "Valid token + N flood tokens, interleaved")]
    [Arguments(1)]
    [Arguments(10)]
    public bool ValidWithFlood(int floodPerValid)
    {
        bool valid = _verifier.ValidateAsync(_valid).Result.IsValid;
        for (int i = 0; i < floodPerValid; i++)
        {
            if (_verifier.ValidateAsync(NextFloodToken()).Result.IsValid)
                throw new InvalidOperationException("a random-kid token was accepted");
        }

        return valid;
    }

    private string NextFloodToken()
    {
        int i = _next;
        _next = i + 1 == _flood.Length ? 0 : i + 1;
        return _flood[i];
    }

    private static string Sign(RSA signer, string kid, long now)
    {
        string signingInput = Unsigned(kid, now);
        byte[] signature = signer.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Encode(signature);
    }

    private static string Unsigned(string kid, long now)
    {
        string header = JsonSerializer.Serialize(new Dictionary<string, object> { ["alg"] = "RS256", ["kid"] = kid, ["typ"] = "JWT" });
        string payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = "user-42",
            ["aud"] = Audience,
            ["app_id"] = AppId,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 24 * 3600,
            ["scope"] = "invoices.read invoices.write",
        });
        return Encode(Encoding.UTF8.GetBytes(header)) + "." + Encode(Encoding.UTF8.GetBytes(payload));
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException(what + "; the benchmark would measure the wrong path.");
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
