using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Generator
{
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

        public static string EmitServices(ValidatorModel model)
        {
            string validator = Emitter.ValidatorTypeName(model);
            SourceWriter w = Emitter.StartFile();
            w.Open("namespace " + DiNamespace);
            w.Line("/// <summary>Registers the generated <c>AppTokenValidator</c> as a singleton.</summary>");
            w.Line(Emitter.GeneratedCodeAttribute);
            w.Open("internal static class AppTokenServiceCollectionExtensions");
            w.Line("/// <summary>");
            w.Line("/// Registers the validator once (later calls keep the first registration). The logger factory and time provider");
            w.Line("/// registered in the container are used unless <paramref name=\"configure\"/> sets others.");
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
            w.Line("    global::Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton(typeof(" + validator + "), provider =>");
            w.Line("    {");
            w.Line("        var options = new global::OneAuth.AppTokenValidatorOptions");
            w.Line("        {");
            w.Line("            LoggerFactory = provider.GetService(typeof(global::Microsoft.Extensions.Logging.ILoggerFactory)) as global::Microsoft.Extensions.Logging.ILoggerFactory,");
            w.Line("            TimeProvider = provider.GetService(typeof(global::System.TimeProvider)) as global::System.TimeProvider,");
            w.Line("            VerifiedTokenCacheCapacity = global::OneAuth.AppTokenValidatorOptions.HostedVerifiedTokenCacheCapacity,");
            w.Line("        };");
            w.Line("        configure?.Invoke(options);");
            w.Line("        return new " + validator + "(options);");
            w.Line("    }));");
            w.Line("return services;");
            w.Close();
            w.Close();
            w.Close();
            return w.ToString();
        }

        public static string EmitAuthentication(ValidatorModel model)
        {
            string validator = Emitter.ValidatorTypeName(model);
            string handler = Emitter.GeneratedTypeName(model, "AppTokenAuthenticationHandler");
            SourceWriter w = Emitter.StartFile();

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
            w.Line("private readonly " + validator + " _validator;");
            w.Line();
            w.Line("public AppTokenAuthenticationHandler(");
            w.Line("    global::Microsoft.Extensions.Options.IOptionsMonitor<global::Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions> options,");
            w.Line("    global::Microsoft.Extensions.Logging.ILoggerFactory logger,");
            w.Line("    global::System.Text.Encodings.Web.UrlEncoder encoder,");
            w.Line("    " + validator + " validator)");
            w.Line("    : base(options, logger, encoder)");
            w.Open();
            w.Line("_validator = validator;");
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
            w.Line("global::OneAuth.AppTokenValidationResult result = await _validator.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);");
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
            w.Line("/// <summary>Adds the scheme <c>AppToken</c>, backed by the generated <c>AppTokenValidator</c>.</summary>");
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
            w.Line("return builder.AddScheme<global::Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, " + handler + ">(authenticationScheme, displayName: null, configureOptions: null);");
            w.Close();
            w.Close();
            w.Close();
            return w.ToString();
        }
    }
}
