using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Generator;

/// <summary>
/// Emits the dependency-injection registration and the ASP.NET Core authentication scheme, only when the
/// consuming compilation references them. Both are internal, so two assemblies with their own scope never
/// collide, and both use the same generated validator: the scheme adds no check and removes none.
/// </summary>
internal static class HostingEmitter
{
    public const string ServicesHintName = "OneAuth.AppTokenServiceCollectionExtensions.g.cs";
    public const string AuthenticationHintName = "OneAuth.AppTokenAuthenticationHandler.g.cs";

    private const string DiNamespace = "Microsoft.Extensions.DependencyInjection";
    private const string StartupTypeName = "AppTokenStartup";

    public static string EmitServices(ValidatorModel model)
    {
        string validator = Emitter.ValidatorTypeName(model);
        SourceWriter w = StartHostingFile();
        w.Open("namespace " + DiNamespace);
        w.Line("/// <summary>Registers the generated <c>AppTokenValidator</c> as a singleton.</summary>");
        w.Line(Emitter.GeneratedCodeAttribute);
        w.Open("internal static class AppTokenServiceCollectionExtensions");
        w.Line("/// <summary>");
        w.Line("/// Registers the validator once (later calls keep the first registration). The logger factory and time provider");
        w.Line("/// registered in the container are used" + (model.Hosting.HasConfiguration ? ", the configuration keys <c>OneAuth:Issuer</c> and <c>OneAuth:JwksUri</c> supply" : string.Empty));
        w.Line("/// " + (model.Hosting.HasConfiguration ? "what the attribute leaves open, " : string.Empty) + "and <paramref name=\"configure\"/> runs last." + (model.Hosting.HasHostLifecycle ? " A host checks every setting before it" : string.Empty));
        if (model.Hosting.HasHostLifecycle)
            w.Line("/// starts listening (a bad one stops the start with a message that names it) and loads the issuer's keys as it starts.");
        w.Line("/// </summary>");
        w.Line("public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection AddAppTokenValidator(");
        w.Line("    this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services,");
        w.Line("    global::System.Action<global::OneAuth.AppTokenValidatorOptions>? configure = null)");
        w.Open();
        w.Open("if (services is null)");
        w.Line("throw new global::System.ArgumentNullException(nameof(services));");
        w.Close();
        w.Line();
        w.Line("global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAdd(");
        w.Line("    services,");
        w.Line("    global::Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton(typeof(" + validator + "), provider => Create(provider, configure)));");
        if (model.Hosting.HasHostLifecycle)
        {
            w.Line("global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddEnumerable(");
            w.Line("    services,");
            w.Line("    global::Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton(typeof(global::Microsoft.Extensions.Hosting.IHostedService), typeof(" + Emitter.GeneratedTypeName(model, StartupTypeName) + ")));");
        }

        w.Line("return services;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Creates the validator from the container's services; a bad setting is an exception that names it.</summary>");
        w.Line("internal static " + validator + " Create(global::System.IServiceProvider provider, global::System.Action<global::OneAuth.AppTokenValidatorOptions>? configure)");
        w.Open();
        w.Line("var options = new global::OneAuth.AppTokenValidatorOptions");
        w.Line("{");
        w.Line("    LoggerFactory = provider.GetService(typeof(global::Microsoft.Extensions.Logging.ILoggerFactory)) as global::Microsoft.Extensions.Logging.ILoggerFactory,");
        w.Line("    TimeProvider = provider.GetService(typeof(global::System.TimeProvider)) as global::System.TimeProvider,");
        w.Line("    VerifiedTokenCacheCapacity = global::OneAuth.AppTokenValidatorOptions.HostedVerifiedTokenCacheCapacity,");
        w.Line("};");
        w.Open("try");
        if (model.Hosting.HasConfiguration)
        {
            w.Open("if (provider.GetService(typeof(global::Microsoft.Extensions.Configuration.IConfiguration)) is global::Microsoft.Extensions.Configuration.IConfiguration configuration)");
            w.Line("string? issuer = configuration[\"OneAuth:Issuer\"];");
            w.Open("if (!string.IsNullOrWhiteSpace(issuer))");
            w.Line("options.Issuer = issuer;");
            w.Close();
            w.Line();
            w.Line("string? jwksUri = configuration[\"OneAuth:JwksUri\"];");
            w.Open("if (!string.IsNullOrWhiteSpace(jwksUri))");
            w.Open("if (!global::System.Uri.TryCreate(jwksUri, global::System.UriKind.Absolute, out global::System.Uri? parsed))");
            w.Line("throw new global::System.ArgumentException(\"The configuration key OneAuth:JwksUri ('\" + jwksUri + \"') is not an absolute URI.\");");
            w.Close();
            w.Line();
            w.Line("options.JwksUri = parsed;");
            w.Close();
            w.Close();
            w.Line();
        }

        w.Line("configure?.Invoke(options);");
        w.Line("return new " + validator + "(options);");
        w.Close();
        w.Line("catch (global::System.ArgumentException e)");
        w.Open();
        w.Line("throw new global::System.InvalidOperationException(");
        w.Line("    \"OneAuth: the AppTokenValidator for app '\" + " + validator + ".AppId + \"' cannot be created. \" + e.Message");
        w.Line("    + \" Settings come from [assembly: AppScope(...)], the MSBuild properties OneAuthIssuer, OneAuthAudience and OneAuthJwksUri"
            + (model.Hosting.HasConfiguration ? ", the configuration keys OneAuth:Issuer and OneAuth:JwksUri" : string.Empty)
            + " and the options delegate of AddAppToken/AddAppTokenValidator; see docs/configuration.md.\",");
        w.Line("    e);");
        w.Close();
        w.Close();
        w.Close();
        w.Close();

        if (model.Hosting.HasHostLifecycle)
        {
            w.Line();
            Emitter.OpenNamespace(w, model.Namespace);
            WriteStartup(w, model);
            Emitter.CloseNamespace(w, model.Namespace);
        }

        return w.ToString();
    }

    /// <summary>
    /// The host-start step: every setting is checked before the server listens (<c>StartingAsync</c>), so a bad one
    /// stops the start instead of failing each request; then the key set is loaded (<c>StartAsync</c>, bounded by the
    /// fetch deadline) so the first request does not wait for it.
    /// </summary>
    private static void WriteStartup(SourceWriter w, ValidatorModel model)
    {
        string validator = Emitter.ValidatorTypeName(model);
        w.Line("/// <summary>Checks the validator's settings before the host listens and loads the issuer's keys as it starts.</summary>");
        w.Line(Emitter.GeneratedCodeAttribute);
        w.Line("internal sealed class " + StartupTypeName + " : global::Microsoft.Extensions.Hosting.IHostedLifecycleService");
        w.Open();
        w.Line("private readonly global::System.IServiceProvider _services;");
        w.Line();
        w.Line("public " + StartupTypeName + "(global::System.IServiceProvider services) => _services = services;");
        w.Line();
        w.Line("private " + validator + " Validator => (" + validator + ")(_services.GetService(typeof(" + validator + "))");
        w.Line("    ?? throw new global::System.InvalidOperationException(\"The AppTokenValidator is not registered.\"));");
        w.Line();
        w.Open("public global::System.Threading.Tasks.Task StartingAsync(global::System.Threading.CancellationToken cancellationToken)");
        w.Line("_ = Validator;");
        w.Line("return global::System.Threading.Tasks.Task.CompletedTask;");
        w.Close();
        w.Line();
        w.Line("public global::System.Threading.Tasks.Task StartAsync(global::System.Threading.CancellationToken cancellationToken) => Validator.PrefetchKeysAsync(cancellationToken);");
        w.Line();
        w.Line("public global::System.Threading.Tasks.Task StartedAsync(global::System.Threading.CancellationToken cancellationToken) => global::System.Threading.Tasks.Task.CompletedTask;");
        w.Line();
        w.Line("public global::System.Threading.Tasks.Task StoppingAsync(global::System.Threading.CancellationToken cancellationToken) => global::System.Threading.Tasks.Task.CompletedTask;");
        w.Line();
        w.Line("public global::System.Threading.Tasks.Task StopAsync(global::System.Threading.CancellationToken cancellationToken) => global::System.Threading.Tasks.Task.CompletedTask;");
        w.Line();
        w.Line("public global::System.Threading.Tasks.Task StoppedAsync(global::System.Threading.CancellationToken cancellationToken) => global::System.Threading.Tasks.Task.CompletedTask;");
        w.Close();
    }

    /// <summary>
    /// Starts a hosting file. The hosting types are internal and named alike in every assembly that declares a scope,
    /// so where one assembly grants another InternalsVisibleTo, the compiler would warn (CS0436) at each place the
    /// generated code names them: it resolves them to this assembly's own, which is what the generated code means.
    /// </summary>
    private static SourceWriter StartHostingFile()
    {
        SourceWriter w = Emitter.StartFile();
        w.Line("#pragma warning disable CS0436 // this assembly's own hosting types are meant, also where another assembly's are visible");
        w.Line();
        return w;
    }

    public static string EmitAuthentication(ValidatorModel model)
    {
        string validator = Emitter.ValidatorTypeName(model);
        string handler = Emitter.GeneratedTypeName(model, "AppTokenAuthenticationHandler");
        SourceWriter w = StartHostingFile();

        Emitter.OpenNamespace(w, model.Namespace);
        w.Line("/// <summary>");
        w.Line("/// Authenticates <c>Authorization: Bearer</c> requests with the generated <c>AppTokenValidator</c>. A rejected token");
        w.Line("/// fails authentication (401, <c>WWW-Authenticate: Bearer error=\"invalid_token\"</c>); there is no fallback.");
        w.Line("/// </summary>");
        w.Line(Emitter.GeneratedCodeAttribute);
        w.Line("internal sealed class AppTokenAuthenticationHandler : global::Microsoft.AspNetCore.Authentication.AuthenticationHandler<global::Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions>");
        w.Open();
        w.Line("/// <summary>The default scheme name used by <c>AddAppToken()</c>.</summary>");
        w.Line("public const string DefaultScheme = \"AppToken\";");
        w.Line();
        w.Line("private const string FailureKey = \"OneAuth.AppTokenFailure\";");
        w.Line("private const string BearerPrefix = \"Bearer \";");
        w.Line();
        w.Line("// The validator is resolved only for a request that carries a token: anonymous endpoints never depend on it.");
        w.Line("public AppTokenAuthenticationHandler(");
        w.Line("    global::Microsoft.Extensions.Options.IOptionsMonitor<global::Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions> options,");
        w.Line("    global::Microsoft.Extensions.Logging.ILoggerFactory logger,");
        w.Line("    global::System.Text.Encodings.Web.UrlEncoder encoder)");
        w.Line("    : base(options, logger, encoder)");
        w.Open();
        w.Close();
        w.Line();
        w.Line("protected override async global::System.Threading.Tasks.Task<global::Microsoft.AspNetCore.Authentication.AuthenticateResult> HandleAuthenticateAsync()");
        w.Open();
        w.Line("global::Microsoft.Extensions.Primitives.StringValues headers = Request.Headers[\"Authorization\"];");
        w.Open("if (headers.Count == 0)");
        w.Line("return global::Microsoft.AspNetCore.Authentication.AuthenticateResult.NoResult();");
        w.Close();
        w.Line();
        w.Line("string? header = headers.Count == 1 ? headers[0] : null;");
        w.Open("if (header is null || !header.StartsWith(BearerPrefix, global::System.StringComparison.OrdinalIgnoreCase))");
        w.Line("// Several Authorization headers are ambiguous: fail rather than pick one.");
        w.Open("if (headers.Count > 1)");
        w.Line("Context.Items[FailureKey] = global::OneAuth.AppTokenFailure.Malformed;");
        w.Line("return global::Microsoft.AspNetCore.Authentication.AuthenticateResult.Fail(\"More than one Authorization header.\");");
        w.Close();
        w.Line();
        w.Line("return global::Microsoft.AspNetCore.Authentication.AuthenticateResult.NoResult();");
        w.Close();
        w.Line();
        w.Line("string token = header.Substring(BearerPrefix.Length).Trim();");
        w.Line("var validator = (" + validator + ")(Context.RequestServices.GetService(typeof(" + validator + "))");
        w.Line("    ?? throw new global::System.InvalidOperationException(\"The AppTokenValidator is not registered; call AddAppToken() on the authentication builder.\"));");
        w.Line("global::OneAuth.AppTokenValidationResult result = await validator.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);");
        w.Open("if (!result.IsValid || result.Claims is null)");
        w.Line("Context.Items[FailureKey] = result.Failure;");
        w.Line("return global::Microsoft.AspNetCore.Authentication.AuthenticateResult.Fail(\"The bearer token was rejected: \" + result.Failure.ToString() + \".\");");
        w.Close();
        w.Line();
        w.Line("// Endpoints can read the typed claims: context.Features.Get<OneAuth.AppTokenClaims>().");
        w.Line("Context.Features.Set<global::OneAuth.AppTokenClaims>(result.Claims);");
        w.Line("global::System.Security.Claims.ClaimsPrincipal principal = result.Claims.ToClaimsPrincipal(Scheme.Name);");
        w.Line("return global::Microsoft.AspNetCore.Authentication.AuthenticateResult.Success(new global::Microsoft.AspNetCore.Authentication.AuthenticationTicket(principal, Scheme.Name));");
        w.Close();
        w.Line();
        w.Line("protected override global::System.Threading.Tasks.Task HandleChallengeAsync(global::Microsoft.AspNetCore.Authentication.AuthenticationProperties properties)");
        w.Open();
        w.Line("Response.StatusCode = 401;");
        w.Line("string challenge = \"Bearer\";");
        w.Open("if (Context.Items.TryGetValue(FailureKey, out object? value) && value is global::OneAuth.AppTokenFailure failure)");
        w.Line("// The failure kind is an enum name: nothing from the request is echoed back.");
        w.Line("challenge = \"Bearer error=\\\"invalid_token\\\", error_description=\\\"\" + failure.ToString() + \"\\\"\";");
        w.Close();
        w.Line();
        w.Line("Response.Headers[\"WWW-Authenticate\"] = challenge;");
        w.Line("return global::System.Threading.Tasks.Task.CompletedTask;");
        w.Close();
        w.Close();
        Emitter.CloseNamespace(w, model.Namespace);
        w.Line();

        w.Open("namespace " + DiNamespace);
        w.Line("/// <summary>Adds the generated app-token authentication scheme.</summary>");
        w.Line(Emitter.GeneratedCodeAttribute);
        w.Open("internal static class AppTokenAuthenticationBuilderExtensions");
        w.Line("/// <summary>");
        w.Line("/// Adds the scheme <c>AppToken</c>, backed by the generated <c>AppTokenValidator</c>; it becomes the default scheme");
        w.Line("/// unless the application chose one.");
        w.Line("/// </summary>");
        w.Line("public static global::Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddAppToken(");
        w.Line("    this global::Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder,");
        w.Line("    global::System.Action<global::OneAuth.AppTokenValidatorOptions>? configure = null)");
        w.Line("    => AddAppToken(builder, " + handler + ".DefaultScheme, configure);");
        w.Line();
        w.Line("/// <summary>Adds the scheme under <paramref name=\"authenticationScheme\"/>, backed by the generated <c>AppTokenValidator</c>.</summary>");
        w.Line("public static global::Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddAppToken(");
        w.Line("    this global::Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder,");
        w.Line("    string authenticationScheme,");
        w.Line("    global::System.Action<global::OneAuth.AppTokenValidatorOptions>? configure = null)");
        w.Open();
        w.Open("if (builder is null)");
        w.Line("throw new global::System.ArgumentNullException(nameof(builder));");
        w.Close();
        w.Line();
        w.Line("AppTokenServiceCollectionExtensions.AddAppTokenValidator(builder.Services, configure);");
        w.Line();
        w.Line("// Beside other schemes and with no default chosen, protected endpoints would fail with \"No authenticationScheme");
        w.Line("// was specified\": this scheme becomes the default then. A default the application chose is kept.");
        w.Line("global::Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.PostConfigure<global::Microsoft.AspNetCore.Authentication.AuthenticationOptions>(builder.Services, options =>");
        w.Line("{");
        w.Line("    if (options.DefaultScheme is null && options.DefaultAuthenticateScheme is null && options.DefaultChallengeScheme is null)");
        w.Line("        options.DefaultScheme = authenticationScheme;");
        w.Line("});");
        w.Line("return builder.AddScheme<global::Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, " + handler + ">(authenticationScheme, displayName: null, configureOptions: null);");
        w.Close();
        w.Close();
        w.Close();
        return w.ToString();
    }
}
