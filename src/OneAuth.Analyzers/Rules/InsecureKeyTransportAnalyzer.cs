using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Analysis;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0010: signing keys fetched over a channel an attacker can tamper with:
/// <c>RequireHttpsMetadata = false</c> (JwtBearer, OpenID Connect), <c>HttpDocumentRetriever.RequireHttps = false</c>,
/// an <c>http://</c> Authority, MetadataAddress or <c>ConfigurationManager</c> address (loopback hosts excepted),
/// and a back-channel <c>HttpClientHandler</c> or <c>SocketsHttpHandler</c> whose certificate callback accepts
/// every certificate. Also a named <c>IHttpClientFactory</c> client whose primary handler accepts every certificate
/// (<c>AddHttpClient("jwks").ConfigurePrimaryHttpMessageHandler(...)</c>) when <c>CreateClient("jwks")</c> anywhere in
/// the compilation gives the client that fetches keys or metadata; the name is matched as a constant string (typed
/// clients by their class, <c>ConfigureHttpClientDefaults</c> for every client). Joined at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureKeyTransportAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: which fix applies ("true" or "https").</summary>
    internal const string FixProperty = "Fix";
    internal const string FixSetTrue = "true";
    internal const string FixHttps = "https";

    internal const string IsFalse = "is false";
    internal const string IsFalseInSomeEnvironments = "is false in some environments";
    internal const string IsFalseForSomeInputs = "is false for some inputs";
    internal const string AcceptsAnyCertificateText = "accepts any server certificate";
    internal const string AcceptsAnyCertificateInSomeEnvironments = "accepts any server certificate in some environments";

    private static readonly ImmutableHashSet<string> OptionsTypes = ImmutableHashSet.Create(
        "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions",
        "Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.InsecureKeyTransport, Descriptors.InsecureKeyTransportNamedClient);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is null)
                return;

            start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
            start.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(AnalyzeKeySetParse, OperationKind.ObjectCreation, OperationKind.Invocation);

            // Named clients: only members of files that register or create one are looked at.
            var clientText = new SourceTextFilter(start.Compilation, "AddHttpClient", "ConfigureHttpClientDefaults", "CreateClient", "CreateHandler");
            var clients = new NamedClientUses();
            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OperationBlocks.IsEmpty)
                    return;

                if (clientText.Mentions(block.OperationBlocks[0].Syntax.SyntaxTree, block.CancellationToken))
                    block.RegisterOperationAction(c => AnalyzeNamedClient(c, clients), OperationKind.Invocation);

                // A typed client: a constructor that receives an HttpClient and uses it to fetch keys.
                if (block.OwningSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                    && constructor.Parameters.Any(p => IsHttpClient(p.Type)))
                    block.RegisterOperationAction(c => AnalyzeTypedClient(c, constructor, clients), OperationKind.ParameterReference);
            });
            start.RegisterCompilationEndAction(end =>
            {
                foreach (NamedClientUses.AcceptingRegistration r in clients.AcceptingHandlersOfKeyClients())
                {
                    string what = "accepts any server certificate on " + NamedClientUses.Describe(r.Name) + (r.EnvironmentDependent ? " in some environments" : string.Empty);
                    end.ReportDiagnostic(Findings.Create(Descriptors.InsecureKeyTransportNamedClient, r.Callback, r.EnvironmentDependent, null, r.Property, what));
                }
            });
        });
    }

    /// <summary>
    /// <c>AddHttpClient("name")...ConfigurePrimaryHttpMessageHandler(...)</c> with a handler that accepts any
    /// certificate, and <c>CreateClient("name")</c> whose client fetches keys or metadata.
    /// </summary>
    private static void AnalyzeNamedClient(OperationAnalysisContext context, NamedClientUses clients)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        CancellationToken ct = context.CancellationToken;
        switch (method.Name)
        {
            case "ConfigurePrimaryHttpMessageHandler" or "ConfigureHttpMessageHandlerBuilder"
                when method.ContainingType?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions"
                                                           && invocation.Arguments.Length == 2:
                ImmutableArray<string> names = ClientKeys(invocation.Arguments[0].Value, ct);
                if (names.IsEmpty)
                    return;

                // Func<HttpMessageHandler> returns the primary handler; an Action configures the given handler
                // (or the handler builder's PrimaryHandler), so any accepting callback set in it counts.
                IOperation configure = invocation.Arguments[1].Value;
                bool configuresGivenHandler = invocation.Arguments[1].Parameter?.Type is INamedTypeSymbol { Name: "Action" };
                if (FunctionBodies.Resolve(configure, ct) is not { } factory)
                    return;

                CollectAcceptingCallbacks(clients, names, factory.Body, configuresGivenHandler, ct);
                if (!configuresGivenHandler)
                {
                    // () => CreateHandler(): the handler is made by a method in the same file.
                    foreach (IOperation operation in FunctionBodies.OwnOperations(factory.Body))
                    {
                        if (operation is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned }
                            && Inner(returned) is IInvocationOperation call
                            && FunctionBodies.OfCall(call, ct) is { } made)
                            CollectAcceptingCallbacks(clients, names, made.Body, false, ct);
                    }
                }

                break;

            case "CreateClient" or "CreateHandler"
                when !invocation.Arguments.IsEmpty
                     && method.ContainingType?.ToDisplayString() is "System.Net.Http.IHttpClientFactory" or "System.Net.Http.HttpClientFactoryExtensions"
                         or "System.Net.Http.IHttpMessageHandlerFactory" or "System.Net.Http.HttpMessageHandlerFactoryExtensions":
                // The extensions without a name create the default client or handler, whose name is the empty string.
                string? clientName = invocation.Arguments.Length == 1 && method.IsStatic
                    ? string.Empty
                    : ValueEvaluator.EvaluateString(invocation.Arguments[invocation.Arguments.Length - 1].Value, ct);
                if (clientName is not null && FlowsIntoBackchannel(invocation, 0, ct))
                    clients.AddKeyFetch(clientName);
                break;
        }
    }

    /// <summary>
    /// Records the callbacks in <paramref name="body"/> that accept any certificate, when their handler is the one
    /// returned (or, for a configuring Action, whatever handler they are set on).
    /// </summary>
    private static void CollectAcceptingCallbacks(NamedClientUses clients, ImmutableArray<string> names, IOperation body, bool configuresGivenHandler, CancellationToken ct)
    {
        foreach (IOperation operation in FunctionBodies.OwnOperations(body))
        {
            ct.ThrowIfCancellationRequested();
            if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment
                || !IsCertificateCallback(property))
                continue;

            Verdict verdict = AcceptsAnyCertificate(assignment.Value, ct);
            if (verdict == Verdict.No || (!configuresGivenHandler && !HandlerIsReturned(assignment, body, ct)))
                continue;

            bool environmentDependent = verdict == Verdict.InSomeEnvironments || EnvironmentChecks.IsEnvironmentOnlySite(assignment, ct);
            foreach (string name in names)
                clients.AddAcceptingHandler(name, assignment.Syntax.GetLocation(), property.Name, environmentDependent);
        }
    }

    private static bool IsHttpClient(ITypeSymbol type)
        => type is { Name: "HttpClient", ContainingNamespace: { Name: "Http", ContainingNamespace: { Name: "Net", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>The HttpClient a typed client's constructor receives fetches keys (directly or through a field).</summary>
    private static void AnalyzeTypedClient(OperationAnalysisContext context, IMethodSymbol constructor, NamedClientUses clients)
    {
        var reference = (IParameterReferenceOperation)context.Operation;
        if (IsHttpClient(reference.Parameter.Type)
            && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, constructor)
            && FlowsIntoBackchannel(reference, 0, context.CancellationToken))
            clients.AddKeyFetch(NamedClientUses.TypedClient(constructor.ContainingType));
    }

    private static bool IsCertificateCallback(IPropertySymbol property) => property.Name switch
    {
        "ServerCertificateCustomValidationCallback" => property.ContainingType?.ToDisplayString() == "System.Net.Http.HttpClientHandler",
        "RemoteCertificateValidationCallback" => property.ContainingType?.ToDisplayString() == "System.Net.Security.SslClientAuthenticationOptions",
        _ => false,
    };

    /// <summary>
    /// The keys of the client an <c>IHttpClientBuilder</c> configures: the constant name of <c>AddHttpClient("name")</c>;
    /// for a typed client <c>AddHttpClient&lt;TClient, TImplementation&gt;()</c> also the implementation class (and
    /// the default name, TClient's name); every client for <c>ConfigureHttpClientDefaults</c>. Followed through other
    /// builder calls (<c>.SetHandlerLifetime(...)</c>) and a local holding the builder. Empty when unknown.
    /// </summary>
    private static ImmutableArray<string> ClientKeys(IOperation? builder, CancellationToken ct)
    {
        for (int depth = 0; builder is not null && depth < 8; depth++)
        {
            switch (ValueEvaluator.Unwrap(builder, ct))
            {
                case IInvocationOperation { TargetMethod: { Name: "AddHttpClient" } add } addition
                    when add.ContainingType?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions":
                {
                    ImmutableArray<string>.Builder keys = ImmutableArray.CreateBuilder<string>();
                    string? name = null;
                    bool named = false;
                    foreach (IArgumentOperation argument in addition.Arguments)
                    {
                        if (argument.Parameter is { Name: "name" })
                        {
                            named = true;
                            name = ValueEvaluator.EvaluateString(argument.Value, ct);
                        }
                    }

                    if (add.TypeArguments.Length > 0)
                    {
                        keys.Add(NamedClientUses.TypedClient(add.TypeArguments[add.TypeArguments.Length - 1]));
                        if (!named)
                            name = add.TypeArguments[0].Name;
                    }

                    if (name is not null)
                        keys.Add(name);
                    return keys.ToImmutable();
                }

                case IInvocationOperation { TargetMethod: { IsExtensionMethod: true } step } chained
                    when chained.Arguments.Length > 0 && step.Parameters.Length > 0 && step.Parameters[0].Type.Name == "IHttpClientBuilder":
                    builder = chained.Arguments[0].Value;
                    continue;
                case IParameterReferenceOperation { Parameter: var parameter } reference when IsDefaultsBuilder(parameter, reference):
                    return ImmutableArray.Create(NamedClientUses.AllClients);
                default:
                    return ImmutableArray<string>.Empty;
            }
        }

        return ImmutableArray<string>.Empty;
    }

    /// <summary>The builder parameter of <c>services.ConfigureHttpClientDefaults(b => ...)</c>, which configures every client.</summary>
    private static bool IsDefaultsBuilder(IParameterSymbol parameter, IOperation reference)
    {
        for (IOperation? parent = reference.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is not IAnonymousFunctionOperation lambda || !SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
                continue;

            IOperation outer = lambda.Parent is IDelegateCreationOperation creation ? creation : lambda;
            return outer.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ConfigureHttpClientDefaults" } defaults } }
                   && defaults.ContainingType?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions";
        }

        return false;
    }

    /// <summary>The handler whose callback is set is the one the factory returns (a creation or a local).</summary>
    private static bool HandlerIsReturned(ISimpleAssignmentOperation callback, IOperation factoryBody, CancellationToken ct)
    {
        IOperation? owner = OwnerOf(callback);
        IOperation? handler = callback.Target is IPropertyReferenceOperation { Property.Name: "RemoteCertificateValidationCallback" }
            ? HandlerOfSslOptions(owner)
            : owner;
        if (handler is null)
            return false;

        ILocalSymbol? local = (handler as ILocalReferenceOperation)?.Local;
        if (local is null)
        {
            IOperation outer = Outermost(handler);
            if (outer.Parent is IReturnOperation { Kind: OperationKind.Return })
                return true;
            if (outer.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } declared } })
                return false;
            local = declared;
        }

        foreach (IOperation operation in FunctionBodies.OwnOperations(factoryBody))
        {
            ct.ThrowIfCancellationRequested();
            if (operation is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned }
                && Inner(returned) is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                return true;
        }

        return false;
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property })
            return;

        CancellationToken ct = context.CancellationToken;

        // The owner's name is spelled out only for the few property names below, not for every assignment.
        string? Owner() => property.ContainingType?.ToDisplayString();
        switch (property.Name)
        {
            case "RequireHttpsMetadata" when Owner() is { } owner && OptionsTypes.Contains(owner):
            case "RequireHttps" when Owner() == "Microsoft.IdentityModel.Protocols.HttpDocumentRetriever":
                BoolValue value = ValueEvaluator.EvaluateBool(assignment.Value, ct);
                // RequireHttpsMetadata = mode switch { "lab" => false, _ => true }: off for whoever picks that input.
                bool someInputs = value == BoolValue.Unknown && ValueEvaluator.IsFalseForSomeInputs(assignment.Value, ct);
                if (someInputs)
                    value = BoolValue.False;
                if (value is BoolValue.False or BoolValue.FalseInSomeEnvironments && !OnlyLoopbackInSight(assignment, ct)
                    && !SwitchOverwrites.IsOverwrittenBeforeUse(assignment, property, ct))
                {
                    bool environmentDependent = value == BoolValue.FalseInSomeEnvironments || EnvironmentChecks.IsEnvironmentOnlySite(assignment, ct);
                    string how = someInputs ? IsFalseForSomeInputs + (environmentDependent ? " in some environments" : string.Empty)
                        : environmentDependent ? IsFalseInSomeEnvironments : IsFalse;
                    Report(context, assignment, environmentDependent, FixSetTrue, property.Name, how);
                }

                break;

            case "Authority" or "MetadataAddress" when Owner() is { } owner && OptionsTypes.Contains(owner):
                CheckUrl(context, assignment, assignment.Value, property.Name);
                break;

            case "ServerCertificateCustomValidationCallback" when Owner() == "System.Net.Http.HttpClientHandler":
            case "RemoteCertificateValidationCallback" when Owner() == "System.Net.Security.SslClientAuthenticationOptions":
                Verdict verdict = AcceptsAnyCertificate(assignment.Value, ct);
                if (verdict != Verdict.No && HandlerIsBackchannel(assignment, ct))
                {
                    bool environmentDependent = verdict == Verdict.InSomeEnvironments || EnvironmentChecks.IsEnvironmentOnlySite(assignment, ct);
                    Report(context, assignment, environmentDependent, null, property.Name, environmentDependent ? AcceptsAnyCertificateInSomeEnvironments : AcceptsAnyCertificateText);
                }

                break;
        }
    }

    /// <summary>
    /// <c>RequireHttpsMetadata = false</c> next to an Authority or MetadataAddress on the same options object that
    /// is a constant loopback URL (<c>http://localhost:8080/realms/dev</c>): the switch is what lets a local
    /// development issuer work, and the traffic never leaves the machine. Unknown or remote addresses keep
    /// the finding.
    /// </summary>
    private static bool OnlyLoopbackInSight(ISimpleAssignmentOperation assignment, CancellationToken ct)
    {
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "RequireHttpsMetadata" } target)
            return false;

        IEnumerable<IOperation> siblings;
        if (assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
        {
            siblings = initializer.Initializers;
        }
        else if (target.Instance is IParameterReferenceOperation or ILocalReferenceOperation)
        {
            ISymbol? owner = SymbolOf(target.Instance);
            IOperation root = assignment;
            while (root.Parent is not null)
                root = root.Parent;
            siblings = root.Descendants().Where(o => o is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance } }
                && SymbolEqualityComparer.Default.Equals(SymbolOf(instance), owner));
        }
        else
        {
            return false;
        }

        bool any = false;
        foreach (IOperation sibling in siblings)
        {
            if (sibling is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Authority" or "MetadataAddress" } } address)
                continue;

            string? url = ValueEvaluator.EvaluateString(address.Value, ct);
            if (url is null || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out Uri? parsed) || !IsLoopback(HostOf(parsed)))
                return false;
            any = true;
        }

        return any;
    }

    private static string HostOf(Uri uri) => uri.Host;

    private static ISymbol? SymbolOf(IOperation operation) => operation switch
    {
        IParameterReferenceOperation parameter => parameter.Parameter,
        ILocalReferenceOperation local => local.Local,
        _ => null,
    };

    /// <summary><c>new ConfigurationManager&lt;T&gt;("http://...", ...)</c>: the metadata or JWKS address.</summary>
    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is not { ContainingType: { Name: "ConfigurationManager", ContainingNamespace: { } ns } } constructor
            || ns.ToDisplayString() != "Microsoft.IdentityModel.Protocols"
            || creation.Arguments.IsEmpty
            || constructor.Parameters[0].Type.SpecialType != SpecialType.System_String)
            return;

        IArgumentOperation address = creation.Arguments[0];
        CheckUrl(context, address, address.Value, "metadataAddress");
    }

    /// <summary>
    /// Keys or metadata fetched by hand over plain HTTP: <c>new JsonWebKeySet(json)</c>, <c>JsonWebKeySet.Create(json)</c>,
    /// <c>OpenIdConnectConfiguration.Create(json)</c> (or their constructors) over a string downloaded with
    /// <c>HttpClient.GetStringAsync("http://...")</c> (or read from the content of <c>GetAsync("http://...")</c>, or
    /// <c>WebClient.DownloadString("http://...")</c>), and <c>GetFromJsonAsync&lt;JsonWebKeySet&gt;("http://...")</c>.
    /// </summary>
    private static void AnalyzeKeySetParse(OperationAnalysisContext context)
    {
        CancellationToken ct = context.CancellationToken;
        switch (context.Operation)
        {
            case IObjectCreationOperation { Type: { } type, Arguments.Length: 1 } creation when IsKeyDocument(type):
                CheckDownload(context, creation.Arguments[0].Value, ct);
                break;
            case IInvocationOperation { TargetMethod: { Name: "Create", IsStatic: true } method, Arguments.Length: 1 } create when IsKeyDocument(method.ContainingType):
                CheckDownload(context, create.Arguments[0].Value, ct);
                break;
            case IInvocationOperation { TargetMethod: { Name: "GetFromJsonAsync", TypeArguments.Length: 1 } method } fetch
                when IsKeyDocument(method.TypeArguments[0]) && UrlArgument(fetch) is { } url:
                CheckUrl(context, url, url.Value, method.Name);
                break;
        }
    }

    private static bool IsKeyDocument(ITypeSymbol? type)
        => type is { Name: "JsonWebKeySet" or "OpenIdConnectConfiguration", ContainingNamespace: { } ns }
           && ns.ToDisplayString() is "Microsoft.IdentityModel.Tokens" or "Microsoft.IdentityModel.Protocols.OpenIdConnect";

    /// <summary>
    /// The JSON came from <c>HttpClient.Get...Async(url)</c> (awaited or waited on, directly or through the response
    /// content) or <c>WebClient.DownloadString(url)</c> with a plain-HTTP URL.
    /// </summary>
    private static void CheckDownload(OperationAnalysisContext context, IOperation json, CancellationToken ct)
    {
        IOperation? source = json;
        for (int depth = 0; source is not null && depth < 8; depth++)
        {
            source = ValueEvaluator.Unwrap(source, ct);
            switch (source)
            {
                case IAwaitOperation awaited:
                    source = awaited.Operation;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } task }:
                    source = task;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "GetResult", Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitedTask } }:
                    source = awaitedTask;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured }:
                    source = configured;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "ReadAsStringAsync" or "ReadAsStreamAsync" or "ReadAsByteArrayAsync" } read, Instance: { } content }
                    when read.ContainingType?.ToDisplayString() == "System.Net.Http.HttpContent":
                    // (await http.GetAsync(url)).Content.ReadAsStringAsync()
                    source = content;
                    continue;
                case IPropertyReferenceOperation { Property: { Name: "Content" } property, Instance: { } response }
                    when property.ContainingType?.ToDisplayString() == "System.Net.Http.HttpResponseMessage":
                    source = response;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "EnsureSuccessStatusCode" } ensure, Instance: { } checkedResponse }
                    when ensure.ContainingType?.ToDisplayString() == "System.Net.Http.HttpResponseMessage":
                    source = checkedResponse;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "GetStringAsync" or "GetStreamAsync" or "GetByteArrayAsync" or "GetAsync" } method } download
                    when method.ContainingType?.ToDisplayString() == "System.Net.Http.HttpClient" && UrlArgument(download) is { } url:
                    CheckUrl(context, url, url.Value, method.Name);
                    return;
                case IInvocationOperation { TargetMethod: { Name: "DownloadString" or "DownloadStringTaskAsync" or "DownloadData" or "DownloadDataTaskAsync" } method } legacy
                    when method.ContainingType?.ToDisplayString() == "System.Net.WebClient" && UrlArgument(legacy) is { } url:
                    CheckUrl(context, url, url.Value, method.Name);
                    return;
                default:
                    return;
            }
        }
    }

    private static IArgumentOperation? UrlArgument(IInvocationOperation invocation)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is { Name: "requestUri" or "address" })
                return argument;
        }

        return null;
    }

    private static void CheckUrl(OperationAnalysisContext context, IOperation site, IOperation value, string name)
    {
        CancellationToken ct = context.CancellationToken;
        string? url = RemotePlainHttp(ValueEvaluator.EvaluateString(value, ct)) ?? RemotePlainHttpTemplate(value, ct);

        // The fix rewrites the literal; offer it only when the literal is written at this site.
        bool literalHere = url is not null && (value is ILiteralOperation || value is IConversionOperation { Operand: ILiteralOperation });
        bool environmentDependent = false;
        if (url is null && ValueEvaluator.Unwrap(value, ct) is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
        {
            // isDev ? "http://keycloak:8080/realms/dev" : "https://auth.example.com"
            string? whenTrueUrl = RemotePlainHttp(ValueEvaluator.EvaluateString(conditional.WhenTrue, ct));
            string? whenFalseUrl = RemotePlainHttp(ValueEvaluator.EvaluateString(whenFalse, ct));
            if (whenTrueUrl is not null && whenFalseUrl is not null)
            {
                url = whenTrueUrl;
            }
            else if ((whenTrueUrl ?? whenFalseUrl) is { } one
                     && ValueEvaluator.EvaluateBool(conditional.Condition, ct) == BoolValue.FalseInSomeEnvironments)
            {
                url = one;
                environmentDependent = true;
            }
        }

        if (url is null)
            return;

        environmentDependent |= EnvironmentChecks.IsEnvironmentOnlySite(site, ct);
        Report(context, site, environmentDependent, literalHere ? FixHttps : null, name, $"uses the plain-HTTP URL '{url}'" + (environmentDependent ? " in some environments" : string.Empty));
    }

    /// <summary>The URL when it is plain HTTP to a host other than this machine, else null.</summary>
    private static string? RemotePlainHttp(string? url)
        => url is not null && IsPlainHttp(url, out string host) && !IsLoopback(host) ? url : null;

    /// <summary>
    /// An interpolated or concatenated URL whose constant start is plain HTTP (<c>$"http://{host}/.well-known/..."</c>):
    /// the scheme is fixed whatever the holes hold. Its text, holes shown as <c>{...}</c>, unless the host is a
    /// constant loopback host or may still become one (<c>$"http://localhost:{port}"</c>, <c>$"http://127.0.0.{n}"</c>).
    /// </summary>
    private static string? RemotePlainHttpTemplate(IOperation value, CancellationToken ct)
    {
        var parts = new List<(string? Text, string Shown)>();
        if (!CollectTemplate(ValueEvaluator.Unwrap(value, ct), parts, 0, ct) || !parts.Any(p => p.Text is null))
            return null;

        var prefix = new System.Text.StringBuilder();
        foreach ((string? text, _) in parts)
        {
            if (text is null)
                break;
            prefix.Append(text);
        }

        const string Scheme = "http://";
        string start = prefix.ToString().TrimStart();
        if (!start.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return null;

        string shown = string.Concat(parts.Select(p => p.Shown));
        string rest = start.Substring(Scheme.Length);
        if (rest.IndexOfAny(new[] { '/', '?', '#', ':' }) >= 0)
            return IsPlainHttp(start, out string host) && !IsLoopback(host) ? shown : null;

        // The host is still being written when the first hole comes.
        bool mayBeLoopback = rest.Length > 0
            && ("localhost".StartsWith(rest, StringComparison.OrdinalIgnoreCase)
                || rest.StartsWith("localhost", StringComparison.OrdinalIgnoreCase)
                || "127.".StartsWith(rest, StringComparison.Ordinal)
                || rest.StartsWith("127.", StringComparison.Ordinal)
                || rest.StartsWith("[", StringComparison.Ordinal));
        return mayBeLoopback ? null : shown;
    }

    /// <summary>The parts of an interpolation or a string concatenation: constant text, or null text for a hole.</summary>
    private static bool CollectTemplate(IOperation? operation, List<(string? Text, string Shown)> parts, int depth, CancellationToken ct)
    {
        if (operation is null || depth > 8)
            return false;

        switch (operation)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } })
                    {
                        parts.Add((text, text));
                    }
                    else if (part is IInterpolationOperation hole)
                    {
                        string? constant = ValueEvaluator.EvaluateString(hole.Expression, ct);
                        parts.Add((constant, constant ?? "{" + hole.Expression.Syntax + "}"));
                    }
                    else
                    {
                        return false;
                    }
                }

                return true;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                return CollectTemplate(ValueEvaluator.Unwrap(concatenation.LeftOperand, ct), parts, depth + 1, ct)
                    && CollectTemplate(ValueEvaluator.Unwrap(concatenation.RightOperand, ct), parts, depth + 1, ct);

            default:
                string? value = ValueEvaluator.EvaluateString(operation, ct);
                parts.Add((value, value ?? "{" + operation.Syntax + "}"));
                return true;
        }
    }

    private static void Report(OperationAnalysisContext context, IOperation site, bool environmentDependent, string? fix, string name, string what)
    {
        var properties = fix is null ? null : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
        context.ReportDiagnostic(Findings.Create(Descriptors.InsecureKeyTransport, site.Syntax.GetLocation(), environmentDependent, properties, name, what));
    }

    internal static bool IsPlainHttp(string url, out string host)
    {
        host = string.Empty;
        const string Scheme = "http://";
        string trimmed = url.Trim();
        if (!trimmed.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;

        string rest = trimmed.Substring(Scheme.Length);
        int end = rest.IndexOfAny(new[] { '/', '?', '#' });
        string authority = end < 0 ? rest : rest.Substring(0, end);
        int at = authority.LastIndexOf('@');
        if (at >= 0)
            authority = authority.Substring(at + 1);

        if (authority.StartsWith("[", StringComparison.Ordinal))
        {
            int close = authority.IndexOf(']');
            host = close < 0 ? authority : authority.Substring(0, close + 1);
        }
        else
        {
            int colon = authority.IndexOf(':');
            host = colon < 0 ? authority : authority.Substring(0, colon);
        }

        return true;
    }

    /// <summary>localhost, *.localhost, 127.0.0.0/8 and [::1]: development servers on the same machine.</summary>
    internal static bool IsLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || host == "[::1]")
            return true;

        string[] parts = host.Split('.');
        if (parts.Length != 4 || parts[0] != "127")
            return false;

        foreach (string part in parts)
        {
            if (!byte.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                return false;
        }

        return true;
    }

    private static Verdict AcceptsAnyCertificate(IOperation value, CancellationToken ct)
    {
        IOperation? unwrapped = ValueEvaluator.Unwrap(value, ct);
        if (unwrapped is IPropertyReferenceOperation { Property: { Name: "DangerousAcceptAnyServerCertificateValidator", IsStatic: true } })
            return Verdict.Always;

        if (unwrapped is IConditionalOperation { WhenFalse: not null } conditional)
        {
            Verdict whenTrue = AcceptsAnyCertificate(conditional.WhenTrue, ct);
            Verdict whenFalse = AcceptsAnyCertificate(conditional.WhenFalse, ct);
            if (whenTrue == Verdict.Always && whenFalse == Verdict.Always)
                return Verdict.Always;
            return (whenTrue != Verdict.No || whenFalse != Verdict.No) && EnvironmentChecks.IsEnvironmentDependent(conditional.Condition, ct)
                ? Verdict.InSomeEnvironments
                : Verdict.No;
        }

        return FunctionBodies.Judge(value, body => FunctionBodies.AlwaysReturnsTrue(body, ct), ct);
    }

    /// <summary>
    /// The handler whose callback is set is used to fetch metadata or keys in the same member: assigned to a
    /// <c>BackchannelHttpHandler</c>, or wrapped in an <c>HttpClient</c> that becomes a <c>Backchannel</c> or is
    /// given to an <c>HttpDocumentRetriever</c>.
    /// </summary>
    private static bool HandlerIsBackchannel(ISimpleAssignmentOperation callback, CancellationToken ct)
    {
        IOperation? owner = OwnerOf(callback);
        IOperation? handler = callback.Target is IPropertyReferenceOperation { Property.Name: "RemoteCertificateValidationCallback" }
            ? HandlerOfSslOptions(owner)
            : owner;
        return handler is not null && FlowsIntoBackchannel(handler, 0, ct);
    }

    /// <summary>
    /// The object whose property an assignment sets: the creation whose initializer holds it, the member a nested
    /// initializer fills (<c>SslOptions = { ... }</c>), or the instance it is written through.
    /// </summary>
    private static IOperation? OwnerOf(ISimpleAssignmentOperation assignment)
    {
        if (assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
            return InitializedBy(initializer);

        return Resolve((assignment.Target as IPropertyReferenceOperation)?.Instance);
    }

    private static IOperation? InitializedBy(IObjectOrCollectionInitializerOperation initializer) => initializer.Parent switch
    {
        IObjectCreationOperation creation => creation,
        IMemberInitializerOperation member => Resolve(member.InitializedMember),
        _ => null,
    };

    /// <summary>An implicit receiver inside an object initializer stands for the object being created.</summary>
    private static IOperation? Resolve(IOperation? instance)
    {
        if (instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            return instance;

        for (IOperation? parent = instance.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IObjectOrCollectionInitializerOperation initializer)
                return InitializedBy(initializer);
        }

        return null;
    }

    /// <summary>
    /// The handler that owns <c>SslClientAuthenticationOptions</c>: <c>handler.SslOptions</c>, a nested
    /// <c>SslOptions = { ... }</c>, or <c>SslOptions = new SslClientAuthenticationOptions { ... }</c>.
    /// </summary>
    private static IOperation? HandlerOfSslOptions(IOperation? options)
    {
        if (options is IPropertyReferenceOperation { Property.Name: "SslOptions" } property)
            return Resolve(property.Instance);

        if (options is IObjectCreationOperation creation
            && Outermost(creation).Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SslOptions" } target })
            return Resolve(target.Instance);

        return null;
    }

    /// <summary>The value (a creation, or a local holding it) reaches a back-channel use in the same member.</summary>
    private static bool FlowsIntoBackchannel(IOperation value, int depth, CancellationToken ct)
    {
        if (depth > 2)
            return false;

        ILocalSymbol? local = (value as ILocalReferenceOperation)?.Local;
        if (local is null)
        {
            if (IsBackchannelUse(value, depth, ct))
                return true;

            IOperation stored = Outermost(value);
            switch (stored.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } declared } }:
                    local = declared;
                    break;
                case ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field: var field } } assignment when assignment.Value == stored:
                    return FieldIsBackchannel(field, stored, depth, ct);
                case IFieldInitializerOperation { InitializedFields: { Length: 1 } fields }:
                    return FieldIsBackchannel(fields[0], stored, depth, ct);
                default:
                    return false;
            }
        }

        IOperation root = value;
        while (root.Parent is not null)
            root = root.Parent;

        foreach (IOperation operation in root.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation use
                && SymbolEqualityComparer.Default.Equals(use.Local, local)
                && IsBackchannelUse(use, depth, ct))
                return true;
        }

        return false;
    }

    /// <summary>
    /// A client or handler kept in a field (<c>_http = factory.CreateClient("jwks")</c> in a constructor): some use
    /// of the field in the same file is a back-channel use.
    /// </summary>
    private static bool FieldIsBackchannel(IFieldSymbol field, IOperation stored, int depth, CancellationToken ct)
    {
        if (stored.SemanticModel is not { } model || field.DeclaringSyntaxReferences.IsEmpty)
            return false;

        foreach (SyntaxNode node in model.SyntaxTree.GetRoot(ct).DescendantNodes())
        {
            ct.ThrowIfCancellationRequested();
            if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier || identifier.Identifier.ValueText != field.Name)
                continue;

            SyntaxNode expression = identifier.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access && access.Name == identifier
                ? access
                : identifier;
            if (model.GetOperation(expression, ct) is IFieldReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Field, field)
                && IsBackchannelUse(reference, depth + 1, ct))
                return true;
        }

        return false;
    }

    private static bool IsBackchannelUse(IOperation value, int depth, CancellationToken ct)
    {
        IOperation current = Outermost(value);
        switch (current.Parent)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "HttpClient" } client } } assignment
                when assignment.Value == current && client.ContainingType?.ToDisplayString() is "OneAuth.AppTokenValidatorOptions" or "OneAuth.JwksKeySourceOptions":
                return true;

            case IInvocationOperation download when download.Instance == current && download.Type is not null:
                return IsKeyDownload(download, depth, ct);

            case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } download } argument
                when download.Arguments[0] == argument:
                return IsKeyDownload(download, depth, ct);

            case IReturnOperation { Kind: OperationKind.Return } ret:
                return IsReturnedToBackchannel(ret, depth, ct);

            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BackchannelHttpHandler" or "Backchannel" } } assignment
                when assignment.Value == current:
                return true;

            case IArgumentOperation { Parent: IObjectCreationOperation { Type: { } type } creation }:
                string display = type.ToDisplayString();
                return display == "Microsoft.IdentityModel.Protocols.HttpDocumentRetriever"
                    || (type is { Name: "ConfigurationManager", ContainingNamespace: { } ns } && ns.ToDisplayString() == "Microsoft.IdentityModel.Protocols")
                    || (display == "System.Net.Http.HttpClient" && FlowsIntoBackchannel(creation, depth + 1, ct));

            default:
                return false;
        }
    }

    /// <summary>
    /// <c>client.GetStringAsync(url)</c> (or GetStreamAsync, GetAsync, ...) whose result becomes a key document:
    /// <c>new JsonWebKeySet(json)</c>, <c>JsonWebKeySet.Create(json)</c>, <c>OpenIdConnectConfiguration.Create(json)</c>,
    /// <c>JsonSerializer.Deserialize&lt;JsonWebKeySet&gt;</c>, <c>ReadFromJsonAsync&lt;JsonWebKeySet&gt;</c>; or
    /// <c>GetFromJsonAsync&lt;JsonWebKeySet&gt;</c> directly.
    /// </summary>
    private static bool IsKeyDownload(IInvocationOperation download, int depth, CancellationToken ct)
    {
        IMethodSymbol method = download.TargetMethod;
        if (method.ContainingType?.ToDisplayString() is not ("System.Net.Http.HttpClient" or "System.Net.Http.Json.HttpClientJsonExtensions"))
            return false;

        return method.Name switch
        {
            "GetFromJsonAsync" => method.TypeArguments.Length == 1 && IsKeyDocument(method.TypeArguments[0]),
            "GetStringAsync" or "GetStreamAsync" or "GetByteArrayAsync" or "GetAsync" or "SendAsync" => BecomesKeyDocument(download, depth, ct),
            _ => false,
        };
    }

    /// <summary>The downloaded value (awaited, read as a string or stream, kept in locals) is parsed as a key document.</summary>
    private static bool BecomesKeyDocument(IOperation value, int depth, CancellationToken ct)
    {
        IOperation current = value;
        for (int step = 0; step < 12; step++)
        {
            ct.ThrowIfCancellationRequested();
            current = Outermost(current);
            switch (current.Parent)
            {
                case IAwaitOperation awaited:
                    current = awaited;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" or "EnsureSuccessStatusCode" or "ReadAsStringAsync" or "ReadAsStreamAsync" or "ReadAsByteArrayAsync" } next
                    when next.Instance == current:
                    current = next;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Result" or "Content" } next when next.Instance == current:
                    current = next;
                    continue;
                case IArgumentOperation { Parent: IObjectCreationOperation { Type: var created } }:
                    return IsKeyDocument(created);
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var parse } }:
                    return (parse is { Name: "Create", IsStatic: true } && IsKeyDocument(parse.ContainingType))
                        || (parse.Name is "Deserialize" or "DeserializeAsync" or "ReadFromJsonAsync" && parse.TypeArguments.Length == 1 && IsKeyDocument(parse.TypeArguments[0]));
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } } when depth < 3:
                    return LocalBecomesKeyDocument(local, current, depth + 1, ct);
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool LocalBecomesKeyDocument(ILocalSymbol local, IOperation anywhere, int depth, CancellationToken ct)
    {
        IOperation root = anywhere;
        while (root.Parent is not null)
            root = root.Parent;

        foreach (IOperation operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation use
                && SymbolEqualityComparer.Default.Equals(use.Local, local)
                && BecomesKeyDocument(use, depth, ct))
                return true;
        }

        return false;
    }

    /// <summary>
    /// A handler made by a factory method or local function in the same file
    /// (<c>o.BackchannelHttpHandler = CreateHandler();</c>): some call of that function is a back-channel use.
    /// </summary>
    private static bool IsReturnedToBackchannel(IReturnOperation ret, int depth, CancellationToken ct)
    {
        if (ret.SemanticModel is not { } model)
            return false;

        IMethodSymbol? function = null;
        for (IOperation? parent = ret.Parent; parent is not null && function is null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation:
                    return false;
                case ILocalFunctionOperation local:
                    function = local.Symbol;
                    break;
                case IMethodBodyOperation or IBlockOperation { Parent: null }:
                    function = model.GetDeclaredSymbol(parent.Syntax, ct) as IMethodSymbol;
                    break;
            }
        }

        if (function is null)
            return false;

        foreach (SyntaxNode node in model.SyntaxTree.GetRoot(ct).DescendantNodes())
        {
            ct.ThrowIfCancellationRequested();
            if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call || !Names(call.Expression, function.Name))
                continue;

            if (model.GetOperation(call, ct) is IInvocationOperation invocation
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, function.OriginalDefinition)
                && FlowsIntoBackchannel(invocation, depth + 1, ct))
                return true;
        }

        return false;
    }

    private static bool Names(Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax expression, string name) => expression switch
    {
        Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == name,
        Microsoft.CodeAnalysis.CSharp.Syntax.GenericNameSyntax generic => generic.Identifier.ValueText == name,
        _ => false,
    };

    private static IOperation Inner(IOperation value) => Conversions.Skip(value)!;

    private static IOperation Outermost(IOperation value)
    {
        while (value.Parent is IConversionOperation or IParenthesizedOperation)
            value = value.Parent;
        return value;
    }
}
