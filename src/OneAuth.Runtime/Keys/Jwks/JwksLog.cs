using System;
using Microsoft.Extensions.Logging;

namespace OneAuth.Keys;

/// <summary>
/// The JWKS key source's log events. Ids and names are stable; messages name kids, reasons, counts and the
/// endpoint (without query), never key material, bodies or tokens.
/// </summary>
internal static class JwksLog
{
    public static readonly EventId FetchSucceededId = new(2001, "JwksFetchSucceeded");
    public static readonly EventId FetchFailedId = new(2002, "JwksFetchFailed");
    public static readonly EventId KeySkippedId = new(2003, "JwksKeySkipped");
    public static readonly EventId KeySetRejectedId = new(2004, "JwksKeySetRejected");
    public static readonly EventId RefreshThrottledId = new(2005, "JwksRefreshThrottled");
    public static readonly EventId KeySetTooStaleId = new(2006, "JwksKeySetTooStale");

    private static readonly Action<ILogger, string, int, int, double, long, bool, Exception?> FetchSucceededMessage =
        LoggerMessage.Define<string, int, int, double, long, bool>(
            LogLevel.Information,
            FetchSucceededId,
            "JWKS fetched from {JwksUri}: {AcceptedKeys} keys accepted, {SkippedKeys} skipped, fresh for {FreshSeconds} s, key set version {KeySetVersion} (changed: {Changed})");

    private static readonly Action<ILogger, string, string, string, Exception?> FetchFailedMessage =
        LoggerMessage.Define<string, string, string>(
            LogLevel.Warning,
            FetchFailedId,
            "JWKS fetch from {JwksUri} failed ({FailureKind}): {Reason}; the previous key set, if any, is kept");

    private static readonly Action<ILogger, string, string, string, Exception?> KeySkippedMessage =
        LoggerMessage.Define<string, string, string>(
            LogLevel.Warning,
            KeySkippedId,
            "JWKS key {Kid} skipped ({SkipKind}): {Reason}");

    private static readonly Action<ILogger, string, string, string, Exception?> KeySetRejectedMessage =
        LoggerMessage.Define<string, string, string>(
            LogLevel.Warning,
            KeySetRejectedId,
            "JWKS from {JwksUri} rejected whole ({FailureKind}): {Reason}; the previous key set, if any, is kept");

    private static readonly Action<ILogger, string, double, Exception?> RefreshThrottledMessage =
        LoggerMessage.Define<string, double>(
            LogLevel.Debug,
            RefreshThrottledId,
            "Unknown kid {Kid}: JWKS refresh not allowed for another {WaitSeconds} s");

    private static readonly Action<ILogger, string, double, Exception?> KeySetTooStaleMessage =
        LoggerMessage.Define<string, double>(
            LogLevel.Error,
            KeySetTooStaleId,
            "The last good JWKS from {JwksUri} was fetched {AgeHours} h ago, beyond the maximum staleness: every lookup fails with KeysUnavailable until a fetch succeeds");

    public static void FetchSucceeded(ILogger logger, string uri, int accepted, int skipped, TimeSpan fresh, long version, bool changed) =>
        FetchSucceededMessage(logger, uri, accepted, skipped, fresh.TotalSeconds, version, changed, null);

    public static void FetchFailed(ILogger logger, string uri, string kind, string reason, Exception? exception) =>
        FetchFailedMessage(logger, uri, kind, reason, exception);

    public static void KeySkipped(ILogger logger, string kid, string kind, string reason) =>
        KeySkippedMessage(logger, kid, kind, reason, null);

    public static void KeySetRejected(ILogger logger, string uri, string kind, string reason) =>
        KeySetRejectedMessage(logger, uri, kind, reason, null);

    public static void RefreshThrottled(ILogger logger, string kid, TimeSpan wait) =>
        RefreshThrottledMessage(logger, kid, Math.Ceiling(wait.TotalSeconds), null);

    public static void KeySetTooStale(ILogger logger, string uri, TimeSpan age) =>
        KeySetTooStaleMessage(logger, uri, Math.Round(age.TotalHours, 1), null);
}
