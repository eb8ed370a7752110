using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0016: <c>Success()</c> on an <c>AuthenticationFailedContext</c>, decided by the context's type so that every way of
/// writing the handler is covered; and <c>AuthenticationHandler</c> overrides that return <c>Success(...)</c> where the
/// base handler's or another scheme's result did not succeed (<see cref="BaseResultFallbacks"/>). See docs/rules/OA0016.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AuthenticationFailureSwallowedAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<WellKnownType> FailedContexts = ImmutableArray.Create(
        WellKnownType.JwtBearerAuthenticationFailedContext,
        WellKnownType.OpenIdConnectAuthenticationFailedContext);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AuthenticationFailureSwallowed, Descriptors.AuthenticationFailureSwallowedInHandler);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is not { Known: var known })
                return;

            ImmutableArray<INamedTypeSymbol>.Builder contexts = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (WellKnownType name in FailedContexts)
            {
                if (known.Unique(name) is { } type)
                    contexts.Add(type);
            }

            if (contexts.Count > 0)
            {
                ImmutableArray<INamedTypeSymbol> failed = contexts.ToImmutable();
                start.RegisterOperationAction(c => Analyze(c, failed), OperationKind.Invocation);
            }

            if (known.Unique(WellKnownType.AuthenticationHandler) is { } handler
                && known.Unique(WellKnownType.AuthenticateResult) is { } result)
            {
                INamedTypeSymbol? options = known.Unique(WellKnownType.JwtBearerOptions);
                start.RegisterOperationBlockAction(c => AnalyzeHandler(c, handler, options, result));
            }
        });
    }

    private static void AnalyzeHandler(OperationBlockAnalysisContext context, INamedTypeSymbol handler, INamedTypeSymbol? options, INamedTypeSymbol result)
    {
        if (context.OwningSymbol is not IMethodSymbol method
            || !BaseResultFallbacks.IsHandleAuthenticateOverride(method)
            || HandlerOptions(method.ContainingType, handler) is not { } handlerOptions)
            return;

        bool baseIsJwtBearer = options is not null && DerivesFrom(handlerOptions, options);
        string name = method.ContainingType.Name + "." + method.Name;
        foreach (IOperation block in context.OperationBlocks)
        {
            foreach (var (success, source) in BaseResultFallbacks.Find(block, result, baseIsJwtBearer, context.CancellationToken))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AuthenticationFailureSwallowedInHandler, success.Syntax.GetLocation(), name, source));
        }
    }

    /// <summary>The options type T when <paramref name="type"/> derives from AuthenticationHandler&lt;T&gt;, else null.</summary>
    private static ITypeSymbol? HandlerOptions(INamedTypeSymbol type, INamedTypeSymbol handler)
    {
        for (INamedTypeSymbol? t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, handler))
                return t.TypeArguments[0];
        }

        return null;
    }

    private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol baseType)
    {
        for (ITypeSymbol? o = type; o is not null; o = o.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(o, baseType))
                return true;
        }

        return false;
    }

    private static void Analyze(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> failedContexts)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is not { Name: "Success", Parameters.Length: 0, IsStatic: false }
            || invocation.Instance?.Type is not INamedTypeSymbol instanceType)
            return;

        for (INamedTypeSymbol? type = instanceType; type is not null; type = type.BaseType)
        {
            foreach (INamedTypeSymbol failed in failedContexts)
            {
                if (SymbolEqualityComparer.Default.Equals(type, failed))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.AuthenticationFailureSwallowed, invocation.Syntax.GetLocation(), failed.ContainingNamespace.Name));
                    return;
                }
            }
        }
    }
}
