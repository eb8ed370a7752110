using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

public class ObservabilityTests
{
    [Fact]
    public async Task Counts_validations_by_outcome()
    {
        var seen = new ConcurrentBag<(long Value, string Outcome, bool Cached)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "OneAuth.Validation" && instrument.Name == "oneauth.validation.validations")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string outcome = "";
            bool cached = false;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "outcome") outcome = (string)tag.Value!;
                if (tag.Key == "cached") cached = (bool)tag.Value!;
            }

            seen.Add((value, outcome, cached));
        });
        listener.Start();

        // A unique app id so measurements from tests running in parallel can be told apart by outcome mix.
        var f = new VerifierFixture(configure: o => o.VerifiedTokenCacheCapacity = 4);
        string token = TokenMinter.Valid();
        await f.ExpectAsync(token, AppTokenFailure.None);
        await f.ExpectAsync(token, AppTokenFailure.None);
        await f.ExpectAsync(TokenMinter.Valid(editHeader: h => h["alg"] = "HS256"), AppTokenFailure.UnsupportedAlgorithm);

        Assert.Contains(seen, m => m is { Value: 1, Outcome: "valid", Cached: false });
        Assert.Contains(seen, m => m is { Value: 1, Outcome: "valid", Cached: true });
        Assert.Contains(seen, m => m is { Value: 1, Outcome: "UnsupportedAlgorithm", Cached: false });
    }

    [Fact]
    public async Task Logs_rejections_with_a_stable_event_id_and_no_token_text()
    {
        var logger = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logger));
        var f = new VerifierFixture(configure: o => o.LoggerFactory = factory);
        string token = TokenMinter.Valid(c => c["app_id"] = "payments");
        await f.ExpectAsync(token, AppTokenFailure.WrongApp);
        await f.ExpectAsync(TokenMinter.Valid(), AppTokenFailure.None);
        f.Keys.Throw = new InvalidOperationException("secret-ish message " + token);
        await f.ExpectAsync(TokenMinter.Valid(), AppTokenFailure.KeysUnavailable);

        (EventId id, LogLevel level, string message) rejected = Assert.Single(logger.Entries, e => e.Id.Id == 1 && e.Message.Contains("WrongApp"));
        Assert.Equal("TokenRejected", rejected.id.Name);
        Assert.Equal(LogLevel.Information, rejected.level);
        Assert.Contains(logger.Entries, e => e.Id.Id == 2 && e.Id.Name == "TokenAccepted");
        Assert.Contains(logger.Entries, e => e.Id.Id == 3 && e.Message.Contains(nameof(InvalidOperationException)));
        string[] segments = TokenMinter.Split(token);
        Assert.All(logger.Entries, e =>
        {
            Assert.DoesNotContain(segments[1], e.Message);
            Assert.DoesNotContain(segments[2][..40], e.Message);
            Assert.DoesNotContain("secret-ish", e.Message);
        });
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Entries.Enqueue((eventId, logLevel, formatter(state, exception) + exception));

        public void Dispose()
        {
        }
    }
}
