using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Generator;

/// <summary>
/// Emits <c>AddHealthChecks().AddAppTokenKeys()</c>, only when the consuming compilation references the health-check
/// builder. The check asks the validator the app resolves for the state of its own key source, so it reports the
/// keys requests are verified with and fetches only as a lookup could.
/// </summary>
internal static class HealthCheckEmitter
{
    public const string HintName = "OneAuth.AppTokenKeysHealthCheck.g.cs";

    private const string DiNamespace = "Microsoft.Extensions.DependencyInjection";
    private const string HealthChecks = "global::Microsoft.Extensions.Diagnostics.HealthChecks.";

    public static string Emit(ValidatorModel model)
    {
        string validator = Emitter.ValidatorTypeName(model);
        string check = Emitter.GeneratedTypeName(model, "AppTokenKeysHealthCheck");
        SourceWriter w = Emitter.StartFile();

        Emitter.OpenNamespace(w, model.Namespace);
        w.Open("partial class AppTokenValidator");
        w.Line("/// <summary>The state of the key set this validator verifies signatures with (used by the key-set health check).</summary>");
        w.Line("internal global::System.Threading.Tasks.ValueTask<global::OneAuth.Keys.KeySetStatus> GetKeySetStatusAsync(global::System.Threading.CancellationToken cancellationToken = default)");
        w.Line("    => _verifier.GetKeySetStatusAsync(cancellationToken);");
        w.Close();
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Health of the issuer's key set, as the registered <c>AppTokenValidator</c> sees it: Healthy while a fresh set is");
        w.Line("/// installed, Degraded while a stale set serves or after a failed refresh, the registration's failure status");
        w.Line("/// (Unhealthy by default) when there is no usable set. Reports counts, ages and reasons, never key material.");
        w.Line("/// </summary>");
        w.Line(Emitter.GeneratedCodeAttribute);
        w.Open("internal sealed class AppTokenKeysHealthCheck : " + HealthChecks + "IHealthCheck");
        w.Line("/// <summary>The name <c>AddAppTokenKeys()</c> registers the check under unless given another.</summary>");
        w.Line("public const string DefaultName = \"oneauth-keys\";");
        w.Line();
        w.Line("private readonly " + validator + "? _validator;");
        w.Line();
        w.Line("public AppTokenKeysHealthCheck(" + validator + "? validator)");
        w.Open();
        w.Line("_validator = validator;");
        w.Close();
        w.Line();
        w.Line("public async global::System.Threading.Tasks.Task<" + HealthChecks + "HealthCheckResult> CheckHealthAsync(");
        w.Line("    " + HealthChecks + "HealthCheckContext context,");
        w.Line("    global::System.Threading.CancellationToken cancellationToken = default)");
        w.Open();
        w.Line(HealthChecks + "HealthStatus failure = context?.Registration?.FailureStatus ?? " + HealthChecks + "HealthStatus.Unhealthy;");
        w.Open("if (_validator is null)");
        w.Line("return new " + HealthChecks + "HealthCheckResult(failure, \"No AppTokenValidator is registered: call AddAppTokenValidator() or AddAuthentication().AddAppToken().\");");
        w.Close();
        w.Line();
        w.Line("global::OneAuth.Keys.KeySetStatus status;");
        w.Line("try");
        w.Open();
        w.Line("status = await _validator.GetKeySetStatusAsync(cancellationToken).ConfigureAwait(false);");
        w.Close();
        w.Line("catch (global::System.ObjectDisposedException)");
        w.Open();
        w.Line("return new " + HealthChecks + "HealthCheckResult(failure, \"The key source has been disposed.\");");
        w.Close();
        w.Line();
        w.Line("var data = new global::System.Collections.Generic.Dictionary<string, object>");
        w.Line("{");
        w.Line("    [\"state\"] = status.State.ToString(),");
        w.Line("    [\"key_set_version\"] = status.KeySetVersion,");
        w.Line("    [\"keys\"] = status.KeyCount,");
        w.Line("};");
        w.Open("if (status.Age is global::System.TimeSpan age)");
        w.Line("data[\"age_seconds\"] = (long)age.TotalSeconds;");
        w.Close();
        w.Line();
        w.Open("if (status.LastFailure is string lastFailure)");
        w.Line("data[\"last_failure\"] = lastFailure;");
        w.Close();
        w.Line();
        w.Line(HealthChecks + "HealthStatus health = status.State switch");
        w.Line("{");
        w.Line("    global::OneAuth.Keys.KeySetState.Fresh => " + HealthChecks + "HealthStatus.Healthy,");
        w.Line("    global::OneAuth.Keys.KeySetState.Stale => " + HealthChecks + "HealthStatus.Degraded,");
        w.Line("    global::OneAuth.Keys.KeySetState.RefreshFailed => " + HealthChecks + "HealthStatus.Degraded,");
        w.Line("    _ => failure,");
        w.Line("};");
        w.Line("return new " + HealthChecks + "HealthCheckResult(health, status.Describe(), exception: null, data: data);");
        w.Close();
        w.Close();
        Emitter.CloseNamespace(w, model.Namespace);
        w.Line();

        w.Open("namespace " + DiNamespace);
        w.Line("/// <summary>Adds the health check of the generated <c>AppTokenValidator</c>'s key set.</summary>");
        w.Line(Emitter.GeneratedCodeAttribute);
        w.Open("internal static class AppTokenHealthChecksBuilderExtensions");
        w.Line("/// <summary>");
        w.Line("/// Checks the key set of the <c>AppTokenValidator</c> registered with <c>AddAppTokenValidator()</c> or");
        w.Line("/// <c>AddAuthentication().AddAppToken()</c> (in any order); it registers no validator of its own.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"builder\">The health-checks builder.</param>");
        w.Line("/// <param name=\"name\">The check's name; <c>oneauth-keys</c> when null.</param>");
        w.Line("/// <param name=\"tags\">Tags for filtering (for example <c>ready</c>).</param>");
        w.Line("public static global::Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder AddAppTokenKeys(");
        w.Line("    this global::Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder builder,");
        w.Line("    string? name = null,");
        w.Line("    global::System.Collections.Generic.IEnumerable<string>? tags = null)");
        w.Open();
        w.Open("if (builder is null)");
        w.Line("throw new global::System.ArgumentNullException(nameof(builder));");
        w.Close();
        w.Line();
        w.Line("return builder.Add(new " + HealthChecks + "HealthCheckRegistration(");
        w.Line("    name ?? " + check + ".DefaultName,");
        w.Line("    provider => new " + check + "(provider.GetService(typeof(" + validator + ")) as " + validator + "),");
        w.Line("    failureStatus: null,");
        w.Line("    tags: tags));");
        w.Close();
        w.Close();
        w.Close();
        return w.ToString();
    }
}
