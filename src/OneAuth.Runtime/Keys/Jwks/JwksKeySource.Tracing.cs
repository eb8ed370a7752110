using System;
using System.Diagnostics;

namespace OneAuth.Keys;

/// <summary>One activity per JWKS fetch, from the <see cref="OneAuthDiagnostics.ActivitySourceName"/> source.</summary>
public sealed partial class JwksKeySource
{
    /// <summary>The name of the activity of one JWKS fetch.</summary>
    internal const string FetchActivityName = "oneauth.jwks.fetch";

    private static readonly ActivitySource Tracing = new(OneAuthDiagnostics.ActivitySourceName, typeof(JwksKeySource).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Starts the activity of a fetch about to run, when anyone listens. The fetch serves every lookup that waits
    /// for it and outlives the request that happened to start it, so it is a root activity linked to that
    /// request's activity rather than its child. The HTTP client's own activity nests under it.
    /// </summary>
    private FetchTrace StartFetchTrace()
    {
        if (!Tracing.HasListeners())
            return default;

        Activity? caller = Activity.Current;
        Activity.Current = null;
        ActivityLink[]? links = caller is null ? null : new[] { new ActivityLink(caller.Context) };
        Activity? activity = Tracing.StartActivity(FetchActivityName, ActivityKind.Internal, default(ActivityContext), links: links);
        if (activity is null)
            return default;

        activity.DisplayName = "JWKS fetch";
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("server.address", _fetcher.JwksUri.Host);
            activity.SetTag("server.port", _fetcher.JwksUri.Port);
            activity.SetTag("url.full", _uriForLogs);
        }

        return new FetchTrace(this, activity, _metrics.Outcomes);
    }

    /// <summary>A running fetch activity, stopped with the fetch's outcome.</summary>
    private readonly struct FetchTrace
    {
        private readonly JwksKeySource? _source;
        private readonly Activity? _activity;
        private readonly long _outcomesBefore;

        public FetchTrace(JwksKeySource source, Activity activity, long outcomesBefore)
        {
            _source = source;
            _activity = activity;
            _outcomesBefore = outcomesBefore;
        }

        /// <summary>Tags the outcome (result, reason, number of keys, key set version) and stops the activity.</summary>
        public void Stop()
        {
            if (_activity is null || _source is null)
                return;

            if (_activity.IsAllDataRequested)
            {
                string? failure = _source._metrics.LastFailure;
                if (_source._metrics.Outcomes == _outcomesBefore)
                {
                    // No outcome recorded: the source was disposed while fetching.
                    _activity.SetTag("oneauth.jwks.result", "cancelled");
                }
                else if (failure is null)
                {
                    JwksKeySet? set = _source._current;
                    _activity.SetTag("oneauth.jwks.result", "ok");
                    _activity.SetTag("oneauth.jwks.keys", set?.Keys.Count ?? 0);
                    _activity.SetTag("oneauth.jwks.key_set_version", set?.Version ?? 0);
                }
                else
                {
                    _activity.SetTag("oneauth.jwks.result", "failed");
                    _activity.SetTag("oneauth.jwks.reason", failure);
                    _activity.SetTag("error.type", failure);
                    _activity.SetStatus(ActivityStatusCode.Error, failure);
                }
            }

            _activity.Stop();
        }
    }
}
