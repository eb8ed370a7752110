using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0023: a <c>new TokenValidationParameters</c> that validates the audience (explicitly or by default) while
/// nothing names one, so Microsoft.IdentityModel rejects every token with IDX10208. Only parameters whose whole
/// life is in sight are judged (<see cref="AudienceSources"/>): passed straight to <c>ValidateToken</c> or
/// <c>ValidateTokenAsync</c>, or assigned to <c>TokenValidationParameters</c> in an <c>AddJwtBearer</c> lambda.
/// The JwtBearer findings wait for the end of the compilation: any other configuration of <c>JwtBearerOptions</c>
/// in the project (<c>Configure</c>, <c>PostConfigure</c>, an options builder, an <c>IConfigureOptions</c> class)
/// could still name the audience, and then the rule stays quiet.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AudienceMissingAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AudienceMissing, Descriptors.AudienceMissingForScheme);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is not { } types)
                return;

            var state = new SchemeState(types.JwtBearerOptions);
            start.RegisterOperationAction(c => AnalyzeCreation(c, types, state), OperationKind.ObjectCreation);
            if (types.JwtBearerOptions is null)
                return;

            start.RegisterOperationAction(state.NoteOptionsCall, OperationKind.Invocation);
            start.RegisterSymbolAction(state.NoteOptionsClass, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(state.Report);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, IdentityModelTypes types, SchemeState state)
    {
        var creation = (IObjectCreationOperation)context.Operation;

        // Exactly TokenValidationParameters: a derived type's constructor could name the audience, and the copy
        // constructor copies whatever the source has.
        if (!creation.Arguments.IsEmpty || !SymbolEqualityComparer.Default.Equals(creation.Type, types.TokenValidationParameters))
            return;

        CancellationToken ct = context.CancellationToken;
        if (AudienceSources.Judge(creation, types, ct) is not { } finding)
            return;

        // Built only in some environments or builds (#if DEBUG, if (env.IsDevelopment())): Info, like the other rules.
        DiagnosticDescriptor descriptor = finding.Scheme ? Descriptors.AudienceMissingForScheme : Descriptors.AudienceMissing;
        bool someEnvironments = EnvironmentChecks.IsEnvironmentOnlySite(creation, ct);
        Diagnostic diagnostic = Diagnostic.Create(
            descriptor,
            finding.Location,
            someEnvironments ? DiagnosticSeverity.Info : descriptor.DefaultSeverity,
            additionalLocations: null,
            properties: someEnvironments ? EnvironmentDependent : null,
            finding.Name);

        if (finding.Scheme)
            state.Defer(diagnostic);
        else
            context.ReportDiagnostic(diagnostic);
    }

    private static readonly ImmutableDictionary<string, string?> EnvironmentDependent =
        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.EnvironmentDependent, "true");

    /// <summary>The JwtBearer findings of one compilation and whether other code configures JwtBearerOptions.</summary>
    private sealed class SchemeState
    {
        private readonly INamedTypeSymbol? _bearerOptions;
        private readonly ConcurrentQueue<Diagnostic> _pending = new();
        private int _configuredElsewhere;

        public SchemeState(INamedTypeSymbol? bearerOptions) => _bearerOptions = bearerOptions;

        public void Defer(Diagnostic diagnostic) => _pending.Enqueue(diagnostic);

        /// <summary>
        /// <c>Configure&lt;JwtBearerOptions&gt;</c>, <c>PostConfigure&lt;JwtBearerOptions&gt;</c>,
        /// <c>AddOptions&lt;JwtBearerOptions&gt;</c> and every method of <c>OptionsBuilder&lt;JwtBearerOptions&gt;</c>
        /// (<c>Bind</c>, <c>BindConfiguration</c>, <c>Configure</c>): a call that mentions the options type in its
        /// type arguments or in those of its containing type.
        /// </summary>
        public void NoteOptionsCall(OperationAnalysisContext context)
        {
            if (Volatile.Read(ref _configuredElsewhere) != 0)
                return;

            IMethodSymbol method = ((IInvocationOperation)context.Operation).TargetMethod;
            if (method.TypeArguments.IsEmpty && method.ContainingType is not { IsGenericType: true })
                return;

            if (MentionsOptions(method.TypeArguments, 0) || MentionsOptions(method.ContainingType?.TypeArguments ?? ImmutableArray<ITypeSymbol>.Empty, 0))
                Interlocked.Exchange(ref _configuredElsewhere, 1);
        }

        /// <summary>A class of this project that implements <c>IConfigureOptions&lt;JwtBearerOptions&gt;</c> or similar.</summary>
        public void NoteOptionsClass(SymbolAnalysisContext context)
        {
            foreach (INamedTypeSymbol @interface in ((INamedTypeSymbol)context.Symbol).AllInterfaces)
            {
                if (@interface.IsGenericType && MentionsOptions(@interface.TypeArguments, 0))
                {
                    Interlocked.Exchange(ref _configuredElsewhere, 1);
                    return;
                }
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            if (Volatile.Read(ref _configuredElsewhere) != 0)
                return;

            foreach (Diagnostic diagnostic in _pending)
                context.ReportDiagnostic(diagnostic);
        }

        private bool MentionsOptions(ImmutableArray<ITypeSymbol> types, int depth)
        {
            if (depth > 4)
                return false;

            foreach (ITypeSymbol type in types)
            {
                for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(t, _bearerOptions))
                        return true;
                }

                if (type is INamedTypeSymbol { IsGenericType: true } named && MentionsOptions(named.TypeArguments, depth + 1))
                    return true;
            }

            return false;
        }
    }
}
