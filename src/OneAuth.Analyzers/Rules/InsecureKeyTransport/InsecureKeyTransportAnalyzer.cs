using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;
using OneAuth.Shared;

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
public sealed partial class InsecureKeyTransportAnalyzer : DiagnosticAnalyzer
{
    internal const string FixSetTrue = "true";
    internal const string FixHttps = "https";

    internal const string IsFalse = "is false";
    internal const string IsFalseInSomeEnvironments = "is false in some environments";
    internal const string IsFalseForSomeInputs = "is false for some inputs";
    internal const string AcceptsAnyCertificateText = "accepts any server certificate";
    internal const string AcceptsAnyCertificateInSomeEnvironments = "accepts any server certificate in some environments";

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
                    && constructor.Parameters.Any(p => IsHttpClient(p.Type, WellKnownTypes.For(block.Compilation))))
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

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property })
            return;

        CancellationToken ct = context.CancellationToken;

        // The owner is looked at only for the few property names below, not for every assignment.
        INamedTypeSymbol? owner = property.ContainingType;
        WellKnownTypes known = WellKnownTypes.For(context.Compilation);
        switch (property.Name)
        {
            case "RequireHttpsMetadata" when IsHandlerOptions(owner, known):
            case "RequireHttps" when known.Is(owner, WellKnownType.HttpDocumentRetriever):
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

            case "Authority" or "MetadataAddress" when IsHandlerOptions(owner, known):
                CheckUrl(context, assignment, assignment.Value, property.Name);
                break;

            case "ServerCertificateCustomValidationCallback" when known.Is(owner, WellKnownType.HttpClientHandler):
            case "RemoteCertificateValidationCallback" when known.Is(owner, WellKnownType.SslClientAuthenticationOptions):
                Verdict verdict = AcceptsAnyCertificate(assignment.Value, ct);
                if (verdict != Verdict.NotProven && HandlerIsBackchannel(assignment, ct))
                {
                    bool environmentDependent = verdict == Verdict.InSomeEnvironments || EnvironmentChecks.IsEnvironmentOnlySite(assignment, ct);
                    Report(context, assignment, environmentDependent, null, property.Name, environmentDependent ? AcceptsAnyCertificateInSomeEnvironments : AcceptsAnyCertificateText);
                }

                break;
        }
    }

    private static bool IsHandlerOptions(INamedTypeSymbol? type, WellKnownTypes known)
        => known.IsAny(type, WellKnownType.JwtBearerOptions, WellKnownType.OpenIdConnectOptions);

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
            ISymbol? owner = target.Instance.ReferencedVariable();
            IOperation root = assignment.Root();
            siblings = root.Descendants().Where(o => o is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance } }
                && SymbolEqualityComparer.Default.Equals(instance.ReferencedVariable(), owner));
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
            if (url is null || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out Uri? parsed) || !AppScopeValues.IsLoopbackHost(parsed))
                return false;
            any = true;
        }

        return any;
    }

    private static void Report(OperationAnalysisContext context, IOperation site, bool environmentDependent, string? fix, string name, string what)
    {
        var properties = fix is null ? null : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, fix);
        context.ReportDiagnostic(Findings.Create(Descriptors.InsecureKeyTransport, site.Syntax.GetLocation(), environmentDependent, properties, name, what));
    }
}
