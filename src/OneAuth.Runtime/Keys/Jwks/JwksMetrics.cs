using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;

namespace OneAuth.Keys;

/// <summary>
/// The <c>OneAuth.Jwks</c> meter of one key source: fetches by result and reason, skipped keys by reason,
/// throttled refreshes. Tags are short fixed strings, never kids or key material. Every fetch outcome passes
/// through here, so it also remembers the last one (for the key set's status and the fetch activity).
/// </summary>
internal sealed class JwksMetrics : IDisposable
{
    public const string MeterName = OneAuthDiagnostics.JwksMeterName;

    private readonly Counter<long> _fetches;
    private readonly Counter<long> _keysSkipped;
    private readonly Counter<long> _refreshesThrottled;
    private volatile string? _lastFailure;
    private long _outcomes;

    public JwksMetrics()
    {
        Meter = new Meter(MeterName, typeof(JwksMetrics).Assembly.GetName().Version?.ToString());
        _fetches = Meter.CreateCounter<long>("oneauth.jwks.fetches", unit: "{fetch}", description: "JWKS fetches, tagged result=ok|failed and a failure reason");
        _keysSkipped = Meter.CreateCounter<long>("oneauth.jwks.keys_skipped", unit: "{key}", description: "JWKS entries skipped by the key policy, tagged by reason");
        _refreshesThrottled = Meter.CreateCounter<long>("oneauth.jwks.refreshes_throttled", unit: "{lookup}", description: "Unknown-kid lookups answered without a refresh because of the cooldown");
    }

    /// <summary>The meter instance (one per key source, named <see cref="MeterName"/>).</summary>
    public Meter Meter { get; }

    /// <summary>The reason of the last fetch when it failed (or its set was refused); null after a success or before any fetch.</summary>
    public string? LastFailure => _lastFailure;

    /// <summary>How many fetch outcomes have been recorded (a fetch that records none was cancelled by disposal).</summary>
    public long Outcomes => Interlocked.Read(ref _outcomes);

    public void FetchSucceeded()
    {
        _lastFailure = null;
        Interlocked.Increment(ref _outcomes);
        _fetches.Add(1, new KeyValuePair<string, object?>("result", "ok"));
    }

    public void FetchFailed(string reason)
    {
        _lastFailure = reason;
        Interlocked.Increment(ref _outcomes);
        _fetches.Add(1, new KeyValuePair<string, object?>("result", "failed"), new KeyValuePair<string, object?>("reason", reason));
    }

    public void KeySkipped(string reason) =>
        _keysSkipped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RefreshThrottled() => _refreshesThrottled.Add(1);

    public void Dispose() => Meter.Dispose();
}
