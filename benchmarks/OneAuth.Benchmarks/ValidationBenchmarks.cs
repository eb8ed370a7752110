using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OneAuth.Benchmarks;

/// <summary>
/// One RS256 token and one 2048-bit key, validated by each contender. The baseline is the floor: a bare
/// <see cref="RSA.VerifyData(byte[], byte[], HashAlgorithmName, RSASignaturePadding)"/> over the signing input.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private const string Kid = "bench-key-1";
    private const string Issuer = "https://auth.example.com";
    private const string AppId = "billing";
    private const string Audience = "billing-api";
    private const int ParallelBatch = 512;

    private RSA _publicKey = null!;
    private string _token = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private string _megabyte = null!;
    private AppTokenVerifier _uncached = null!;
    private AppTokenVerifier _cached = null!;
    private AppTokenVerifier _overheadOnly = null!;
    private JsonWebTokenHandler _jsonWebTokenHandler = null!;
    private JwtSecurityTokenHandler _jwtSecurityTokenHandler = null!;
    private TokenValidationParameters _parameters = null!;

    [GlobalSetup]
    public void Setup()
    {
        using RSA signer = RSA.Create(2048);
        _publicKey = RSA.Create();
        _publicKey.ImportParameters(signer.ExportParameters(includePrivateParameters: false));

        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string header = JsonSerializer.Serialize(new Dictionary<string, object> { ["alg"] = "RS256", ["kid"] = Kid, ["typ"] = "JWT" });
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
            ["jti"] = "0f8fad5b-d9cb-469f-a165-70867728950e",
        });
        string signingInput = Encode(Encoding.UTF8.GetBytes(header)) + "." + Encode(Encoding.UTF8.GetBytes(payload));
        _signingInput = Encoding.ASCII.GetBytes(signingInput);
        _signature = signer.SignData(_signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _token = signingInput + "." + Encode(_signature);

        var random = new Random(1);
        var garbage = new StringBuilder(1024 * 1024);
        while (garbage.Length < 1024 * 1024)
            garbage.Append((char)random.Next('!', '~'));
        _megabyte = garbage.ToString();

        var policy = new AppTokenPolicy(AppId, Audience, Issuer);
        var keys = new SingleKeySource(Kid, _publicKey);
        _uncached = new AppTokenVerifier(policy, keys);
        _cached = new AppTokenVerifier(policy, keys, new AppTokenValidatorOptions { VerifiedTokenCacheCapacity = 1024 });
        _overheadOnly = new AppTokenVerifier(policy, new SingleKeySource(Kid, new AcceptingRsa()));

        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
            IssuerSigningKey = new RsaSecurityKey(_publicKey) { KeyId = Kid },
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        _jsonWebTokenHandler = new JsonWebTokenHandler { MapInboundClaims = false };
        _jwtSecurityTokenHandler = new JwtSecurityTokenHandler { MapInboundClaims = false };

        // Every contender must accept the token (and reject the garbage) before anything is measured.
        Require(RsaVerifyData(), nameof(RsaVerifyData));
        Require(Verifier_Uncached(), nameof(Verifier_Uncached));
        Require(Verifier_CachedHit(), nameof(Verifier_CachedHit));
        Require(Verifier_OverheadOnly(), nameof(Verifier_OverheadOnly));
        Require(JsonWebTokenHandler_Strict(), nameof(JsonWebTokenHandler_Strict));
        Require(JwtSecurityTokenHandler_Strict(), nameof(JwtSecurityTokenHandler_Strict));
        Require(!Verifier_Reject1MB(), nameof(Verifier_Reject1MB));
    }

    [Benchmark(Baseline = true, Description = "RSA.VerifyData (floor)")]
    public bool RsaVerifyData() => _publicKey.VerifyData(_signingInput, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "AppTokenVerifier, uncached")]
    public bool Verifier_Uncached() => _uncached.ValidateAsync(_token).Result.IsValid;

    [Benchmark(Description = "AppTokenVerifier, RSA stubbed (own work only)")]
    public bool Verifier_OverheadOnly() => _overheadOnly.ValidateAsync(_token).Result.IsValid;

    [Benchmark(Description = "AppTokenVerifier, cached hit")]
    public bool Verifier_CachedHit() => _cached.ValidateAsync(_token).Result.IsValid;

    [Benchmark(Description = "JsonWebTokenHandler (strict)")]
    public bool JsonWebTokenHandler_Strict()
    {
        TokenValidationResult result = _jsonWebTokenHandler.ValidateTokenAsync(_token, _parameters).GetAwaiter().GetResult();
        return result.IsValid && result.Claims.TryGetValue("app_id", out object? app) && app is string s && s == AppId;
    }

    [Benchmark(Description = "JwtSecurityTokenHandler (strict)")]
    public bool JwtSecurityTokenHandler_Strict()
    {
        ClaimsPrincipal principal = _jwtSecurityTokenHandler.ValidateToken(_token, _parameters, out _);
        return principal.FindFirst("app_id")?.Value == AppId;
    }

    [Benchmark(Description = "AppTokenVerifier, 1 MB garbage")]
    public bool Verifier_Reject1MB() => _uncached.ValidateAsync(_megabyte).Result.IsValid;

    [Benchmark(Description = "AppTokenVerifier, uncached, all cores", OperationsPerInvoke = ParallelBatch)]
    public void Verifier_Uncached_AllCores()
        => Parallel.For(0, ParallelBatch, _ =>
        {
            if (!_uncached.ValidateAsync(_token).Result.IsValid)
                throw new InvalidOperationException("rejected");
        });

    private static void Require(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"{what} did not give the expected outcome; the benchmark would measure the wrong path.");
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
