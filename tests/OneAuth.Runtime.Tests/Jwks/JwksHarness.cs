using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>
/// One test's world: a Kestrel JWKS server, a fake clock, captured logs and the key source under test. Every
/// lookup goes through <see cref="GetAsync"/>, which records what was handed out so a test can prove that no
/// untrusted key was ever returned.
/// </summary>
public sealed class JwksHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Real time any single wait in a test may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(string Kid, SigningKeyLookup Result)> _lookups = new();

    private JwksHarness(JwksTestServer server, FakeTimeProvider time, CapturingLoggerFactory logs, JwksKeySource source)
    {
        Server = server;
        Time = time;
        Logs = logs;
        Source = source;
    }

    public JwksTestServer Server { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerFactory Logs { get; }

    public JwksKeySource Source { get; }

    public static async Task<JwksHarness> StartAsync(HttpClient? client = null)
    {
        JwksTestServer server = await JwksTestServer.StartAsync();
        var time = new FakeTimeProvider(Start);
        var logs = new CapturingLoggerFactory();
        var source = new JwksKeySource(server.JwksUri, new JwksKeySourceOptions { HttpClient = client, TimeProvider = time, LoggerFactory = logs });
        // No refresh jitter: the cache tests measure the policy's exact ages (JwksRefreshJitterTests covers the spread).
        source.RefreshRandom = static () => 0;
        return new JwksHarness(server, time, logs, source);
    }

    public async Task<SigningKeyLookup> GetAsync(string kid, CancellationToken cancellationToken = default)
    {
        // Bounded, so a broken rule fails the test instead of hanging the run.
        SigningKeyLookup result = await Source.GetKeyAsync(kid, cancellationToken).AsTask().WaitAsync(Patience);
        _lookups.Enqueue((kid, result));
        return result;
    }

    /// <summary>Waits for a background (stale-while-revalidate) refresh, if one is running.</summary>
    public Task SettleAsync() => (Source.InFlightRefresh ?? Task.CompletedTask).WaitAsync(Patience);

    /// <summary>Fails if any lookup so far returned a key with one of these moduli.</summary>
    public void AssertNeverYielded(params byte[][] untrustedModuli)
    {
        foreach ((string kid, SigningKeyLookup result) in _lookups)
        {
            if (result.Key is null)
                continue;
            byte[] modulus = result.Key.ExportParameters(false).Modulus!;
            Assert.False(untrustedModuli.Any(m => m.AsSpan().SequenceEqual(modulus)), $"lookup of '{kid}' returned an untrusted key");
        }
    }

    /// <summary>Fails if any lookup so far returned a key for <paramref name="kid"/>.</summary>
    public void AssertNeverFound(string kid) =>
        Assert.DoesNotContain(_lookups, l => l.Kid == kid && (l.Result.Status == SigningKeyStatus.Found || l.Result.Key is not null));

    public async ValueTask DisposeAsync()
    {
        Source.Dispose();
        await Server.DisposeAsync();
    }
}
