using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

// OA0010, named and typed IHttpClientFactory clients whose primary handler accepts any certificate and which fetch keys or metadata (joined at compilation end).
public sealed partial class InsecureKeyTransportAnalyzer
{
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
                when WellKnownTypes.For(context.Compilation).Is(method.ContainingType, WellKnownType.HttpClientBuilderExtensions)
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
                            && returned.SkipConversions() is IInvocationOperation call
                            && FunctionBodies.OfCall(call, ct) is { } made)
                            CollectAcceptingCallbacks(clients, names, made.Body, false, ct);
                    }
                }

                break;

            case "CreateClient" or "CreateHandler"
                when !invocation.Arguments.IsEmpty
                     && WellKnownTypes.For(context.Compilation).IsAny(method.ContainingType, WellKnownType.IHttpClientFactory, WellKnownType.HttpClientFactoryExtensions,
                         WellKnownType.IHttpMessageHandlerFactory, WellKnownType.HttpMessageHandlerFactoryExtensions):
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
        WellKnownTypes known = WellKnownTypes.For(body);
        foreach (IOperation operation in FunctionBodies.OwnOperations(body))
        {
            ct.ThrowIfCancellationRequested();
            if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment
                || !IsCertificateCallback(property, known))
                continue;

            Verdict verdict = AcceptsAnyCertificate(assignment.Value, ct);
            if (verdict == Verdict.NotProven || (!configuresGivenHandler && !HandlerIsReturned(assignment, body, ct)))
                continue;

            bool environmentDependent = verdict == Verdict.InSomeEnvironments || EnvironmentChecks.IsEnvironmentOnlySite(assignment, ct);
            foreach (string name in names)
                clients.AddAcceptingHandler(name, assignment.Syntax.GetLocation(), property.Name, environmentDependent);
        }
    }

    private static bool IsHttpClient(ITypeSymbol type, WellKnownTypes known) => known.Is(type, WellKnownType.HttpClient);

    /// <summary>The HttpClient a typed client's constructor receives fetches keys (directly or through a field).</summary>
    private static void AnalyzeTypedClient(OperationAnalysisContext context, IMethodSymbol constructor, NamedClientUses clients)
    {
        var reference = (IParameterReferenceOperation)context.Operation;
        if (IsHttpClient(reference.Parameter.Type, WellKnownTypes.For(reference))
            && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, constructor)
            && FlowsIntoBackchannel(reference, 0, context.CancellationToken))
            clients.AddKeyFetch(NamedClientUses.TypedClient(constructor.ContainingType));
    }

    private static bool IsCertificateCallback(IPropertySymbol property, WellKnownTypes known) => property.Name switch
    {
        "ServerCertificateCustomValidationCallback" => known.Is(property.ContainingType, WellKnownType.HttpClientHandler),
        "RemoteCertificateValidationCallback" => known.Is(property.ContainingType, WellKnownType.SslClientAuthenticationOptions),
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
                    when WellKnownTypes.For(addition).Is(add.ContainingType, WellKnownType.HttpClientFactoryServiceCollectionExtensions):
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
                   && WellKnownTypes.For(reference).Is(defaults.ContainingType, WellKnownType.HttpClientFactoryServiceCollectionExtensions);
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
            IOperation outer = handler.Outermost();
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
                && returned.SkipConversions() is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                return true;
        }

        return false;
    }
}
