namespace OneAuth;

/// <summary>
/// The names to subscribe to for OneAuth's telemetry. With OpenTelemetry:
/// <c>tracing.AddSource(OneAuthDiagnostics.ActivitySourceName)</c> and
/// <c>metrics.AddMeter(OneAuthDiagnostics.JwksMeterName, OneAuthDiagnostics.ValidationMeterName)</c>.
/// </summary>
public static class OneAuthDiagnostics
{
    /// <summary>
    /// The one <see cref="System.Diagnostics.ActivitySource"/> of OneAuth: an activity per JWKS fetch
    /// (<c>oneauth.jwks.fetch</c>). Rejected tokens are not activities of their own: the failure is a tag
    /// (<c>oneauth.token.failure</c>) on the request's current activity.
    /// </summary>
    public const string ActivitySourceName = "OneAuth";

    /// <summary>The meter of the JWKS key source: fetches, skipped keys, throttled refreshes.</summary>
    public const string JwksMeterName = "OneAuth.Jwks";

    /// <summary>The meter of the verifier: validations by outcome.</summary>
    public const string ValidationMeterName = "OneAuth.Validation";
}
