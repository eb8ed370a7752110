using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;
using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0014: hand-written token validation in a project where nothing compares the <c>app_id</c> claim with the expected
/// app id. Decided per compilation: any operation that could be a check (<see cref="AppIdChecks"/>) clears every site; the
/// search runs only when some file names a validation call and stops at the first check. See docs/rules/OA0014.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppIdNotCheckedAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AppIdNotChecked);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            Compilation compilation = start.Compilation;
            if (IdentityModelTypes.ForSecurityRules(compilation, start.Options) is null)
                return;

            ScopeArguments? scope = AppScopeSites.ReadAssemblyScope(compilation);
            string? appId = AppScopeSites.ValidAppId(compilation);
            if (scope is not null && appId is null)
                return; // an invalid AppScope is reported by OA1001; there is no app id to enforce yet

            var state = new State(appId);
            // A validation call names ValidateToken(Async) or AddJwtBearer in its own file: files without those words
            // hold no site, and a project without them anywhere needs no search for app_id checks at all.
            var validation = new SourceTextFilter(compilation, "ValidateToken", "AddJwtBearer");
            if (!validation.AnyTreeMentions(compilation, start.CancellationToken))
                return;

            SourceTextFilter? claimNames = null; // built on first need
            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OperationBlocks.IsEmpty)
                    return;

                CancellationToken ct = block.CancellationToken;
                if (validation.Mentions(block.OperationBlocks[0].Syntax.SyntaxTree, ct))
                    block.RegisterOperationAction(state.AnalyzeValidationCall, OperationKind.Invocation);

                // Checks are searched only while they can still matter: something validates, and no check is known yet.
                // Every read of the claim names it with a constant in the same member.
                if (state.HasCheck)
                    return;

                // Every read of the claim names it with a constant in the same member, so its file names the claim.
                SourceTextFilter names = Volatile.Read(ref claimNames)
                    ?? Interlocked.CompareExchange(ref claimNames, AppIdClaimNames.FilterFor(block.Compilation, ct), null)
                    ?? Volatile.Read(ref claimNames)!;
                if (!names.Mentions(block.OperationBlocks[0].Syntax.SyntaxTree, ct)
                    || !OperationBlocks.ContainsConstant(block.OperationBlocks, AppIdClaims.ClaimName))
                    return;

                block.RegisterOperationAction(
                    state.AnalyzeUse,
                    OperationKind.Invocation,
                    OperationKind.Binary,
                    OperationKind.IsPattern,
                    OperationKind.Switch,
                    OperationKind.SwitchExpression,
                    OperationKind.Return);
            });
            start.RegisterCompilationEndAction(state.Report);
        });
    }

    private sealed class State
    {
        private readonly string? _appId;
        private readonly ConcurrentQueue<(Location Location, string Call)> _sites = new();
        private int _read;
        private int _checked;

        public State(string? appId) => _appId = appId;

        public bool HasCheck => Volatile.Read(ref _checked) != 0;

        public void AnalyzeValidationCall(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (ValidationCallName(invocation.TargetMethod, WellKnownTypes.For(context.Compilation)) is { } call)
                _sites.Enqueue((NameLocation(invocation), call));
        }

        public void AnalyzeUse(OperationAnalysisContext context)
        {
            if (!HasCheck)
                Record(AppIdChecks.Classify(context.Operation, _appId, context.CancellationToken));
        }

        private void Record(AppIdChecks.Finding finding)
        {
            if (finding == AppIdChecks.Finding.Check)
                Interlocked.Exchange(ref _checked, 1);
            else if (finding == AppIdChecks.Finding.Read)
                Interlocked.Exchange(ref _read, 1);
        }

        public void Report(CompilationAnalysisContext context)
        {
            if (Volatile.Read(ref _checked) != 0)
                return;

            string detail;
            if (_appId is not null)
                detail = $" with '{_appId}' (the generated AppTokenValidator does)";
            else if (Volatile.Read(ref _read) != 0)
                detail = " with an expected app id (it is read, never compared)";
            else
                return; // no AppScope and no use of app_id: nothing says which app the service is

            foreach ((Location location, string call) in _sites)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AppIdNotChecked, location, call, detail));
        }

        private static string? ValidationCallName(IMethodSymbol method, WellKnownTypes known)
        {
            switch (method.Name) // names first: this runs on every call in the project
            {
                case "ValidateTokenAsync":
                case "ValidateToken":
                    for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
                    {
                        // The concrete handlers, and the base type and interface they are often held as.
                        if (known.IsAny(type, WellKnownType.JsonWebTokenHandler, WellKnownType.JwtSecurityTokenHandler,
                                WellKnownType.TokenHandler, WellKnownType.ISecurityTokenValidator))
                            return type.Name + "." + method.Name;
                    }

                    return null;
                case "AddJwtBearer":
                    return known.Is(method.ContainingType, WellKnownType.JwtBearerExtensions)
                        ? "AddJwtBearer"
                        : null;
                default:
                    return null;
            }
        }

        private static Location NameLocation(IInvocationOperation invocation)
            => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                ? member.Name.GetLocation()
                : invocation.Syntax.GetLocation();
    }
}
