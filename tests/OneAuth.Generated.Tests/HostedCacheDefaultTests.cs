using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace OneAuth.Generated.Tests;

/// <summary>
/// The generated registration turns the verified-token cache on (1024 entries) unless configured otherwise: a repeated
/// token is answered from the cache, as the validator's own Debug log says.
/// </summary>
public sealed class HostedCacheDefaultTests : IClassFixture<JwksHost>
{
    private readonly JwksHost _host;

    public HostedCacheDefaultTests(JwksHost host) => _host = host;

    [Fact]
    public async Task AddAppTokenValidator_answers_a_repeated_token_from_the_cache()
    {
        Assert.Equal(new[] { false, false, true }, await AcceptedThriceAsync(o => o.JwksUri = _host.JwksUri));
    }

    [Fact]
    public async Task A_capacity_of_zero_turns_the_cache_off()
    {
        Assert.Equal(new[] { false, false, false }, await AcceptedThriceAsync(o =>
        {
            o.JwksUri = _host.JwksUri;
            o.VerifiedTokenCacheCapacity = 0;
        }));
    }

    /// <summary>
    /// Validates one token three times; returns the "cached" flag of each acceptance. The first validation fetches the
    /// key set, and the cache starts remembering under that set's version from the next one on.
    /// </summary>
    private async Task<bool[]> AcceptedThriceAsync(Action<AppTokenValidatorOptions> configure)
    {
        var logs = new CapturingProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddAppTokenValidator(configure);
        await using ServiceProvider provider = services.BuildServiceProvider();
        var validator = provider.GetRequiredService<AppTokenValidator>();

        string token = _host.Issuer.MintToken("billing", "billing-api");
        for (int i = 0; i < 3; i++)
            Assert.True((await validator.ValidateAsync(token)).IsValid);

        return logs.Messages
            .Where(m => m.StartsWith("Token accepted", StringComparison.Ordinal))
            .Select(m => m.Contains("cached: True", StringComparison.Ordinal))
            .ToArray();
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Messages.Enqueue(formatter(state, exception));
        }
    }
}
