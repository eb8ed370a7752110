using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace OneAuth.Validation;

/// <summary>
/// The verifier's metrics and log events. Nothing here ever receives token text or key material: only the
/// failure kind and the fixed detail strings of <see cref="Rejections"/>.
/// </summary>
internal static class ValidationTelemetry
{
    /// <summary>The meter name users subscribe to.</summary>
    public const string MeterName = OneAuthDiagnostics.ValidationMeterName;

    /// <summary>The counter of validations, tagged <c>outcome</c> and <c>cached</c>.</summary>
    public const string ValidationsInstrument = "oneauth.validation.validations";

    /// <summary>The tag a rejection sets on the current activity (the request's): the <see cref="AppTokenFailure"/> name.</summary>
    public const string FailureTag = "oneauth.token.failure";

    /// <summary>The logger category.</summary>
    public const string LoggerCategory = "OneAuth.Validation";

    public static readonly EventId TokenRejectedEvent = new(1, "TokenRejected");
    public static readonly EventId TokenAcceptedEvent = new(2, "TokenAccepted");
    public static readonly EventId ValidationErrorEvent = new(3, "ValidationError");
    public static readonly EventId CacheClearedEvent = new(4, "VerifiedTokenCacheCleared");

    private static readonly Meter Meter = new(MeterName, typeof(ValidationTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Validations = Meter.CreateCounter<long>(
        ValidationsInstrument, unit: "{validation}", description: "Token validations by outcome.");

    private static readonly KeyValuePair<string, object?>[] Outcomes = BuildOutcomes();
    private static readonly KeyValuePair<string, object?> CachedTag = new("cached", true);
    private static readonly KeyValuePair<string, object?> NotCachedTag = new("cached", false);

    private static readonly Action<ILogger, AppTokenFailure, string, Exception?> LogRejected =
        LoggerMessage.Define<AppTokenFailure, string>(LogLevel.Information, TokenRejectedEvent, "Token rejected: {Failure}. {Detail}");

    private static readonly Action<ILogger, string, bool, Exception?> LogAccepted =
        LoggerMessage.Define<string, bool>(LogLevel.Debug, TokenAcceptedEvent, "Token accepted for app {AppId} (cached: {Cached}).");

    private static readonly Action<ILogger, string, AppTokenFailure, Exception?> LogError =
        LoggerMessage.Define<string, AppTokenFailure>(LogLevel.Warning, ValidationErrorEvent, "Validation stopped by an unexpected {ExceptionType}; the token was rejected as {Failure}.");

    private static readonly Action<ILogger, long, Exception?> LogCacheCleared =
        LoggerMessage.Define<long>(LogLevel.Debug, CacheClearedEvent, "Verified-token cache emptied: key set version is now {KeySetVersion}.");

    private static KeyValuePair<string, object?>[] BuildOutcomes()
    {
#if NET8_0_OR_GREATER
        AppTokenFailure[] values = Enum.GetValues<AppTokenFailure>();   // no array type made at run time (Native AOT)
#else
        var values = (AppTokenFailure[])Enum.GetValues(typeof(AppTokenFailure));
#endif
        int max = 0;
        foreach (AppTokenFailure value in values)
            max = Math.Max(max, (int)value);

        var outcomes = new KeyValuePair<string, object?>[max + 1];
        for (int i = 0; i < outcomes.Length; i++)
        {
            var failure = (AppTokenFailure)i;
            outcomes[i] = new("outcome", failure == AppTokenFailure.None ? "valid" : failure.ToString());
        }

        return outcomes;
    }

    public static void Record(ILogger logger, AppTokenValidationResult result, bool cached)
    {
        if (Validations.Enabled)
            Validations.Add(1, Outcome(result.Failure), cached ? CachedTag : NotCachedTag);

        if (!result.IsValid && Activity.Current is { IsAllDataRequested: true } activity)
        {
            // The request's activity says why its token was refused: the failure kind only, never the token.
            activity.SetTag(FailureTag, Outcome(result.Failure).Value);
        }

        if (result.IsValid)
        {
            if (logger.IsEnabled(LogLevel.Debug))
                LogAccepted(logger, result.Claims!.AppId, cached, null);
        }
        else if (logger.IsEnabled(LogLevel.Information))
        {
            LogRejected(logger, result.Failure, result.Detail ?? string.Empty, null);
        }
    }

    private static KeyValuePair<string, object?> Outcome(AppTokenFailure failure)
    {
        int index = (int)failure;
        return (uint)index < (uint)Outcomes.Length ? Outcomes[index] : new("outcome", failure.ToString());
    }

    public static void UnexpectedError(ILogger logger, Exception exception, AppTokenFailure failure)
    {
        // The exception itself is not logged: its message could quote input.
        if (logger.IsEnabled(LogLevel.Warning))
            LogError(logger, exception.GetType().FullName ?? exception.GetType().Name, failure, null);
    }

    public static void CacheCleared(ILogger logger, long version)
    {
        if (logger.IsEnabled(LogLevel.Debug))
            LogCacheCleared(logger, version, null);
    }
}
