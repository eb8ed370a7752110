using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0006: a validator delegate of <c>TokenValidationParameters</c> that accepts every token: each return
/// path returns <c>true</c> (or, for issuer and type validators, the value it was given, a constant or a string
/// property of one of its arguments such as <c>token.Issuer</c>), and
/// the body neither throws nor calls anything but a logger. A validator that calls anything else may be
/// checking and is left alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AlwaysTrueValidatorAnalyzer : DiagnosticAnalyzer
{
    internal const string Always = "always succeeds";
    internal const string InSomeEnvironments = "always succeeds in some environments";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AlwaysTrueValidator);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is not { } types)
                return;

            start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, IdentityModelTypes types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property }
            || !types.IsTokenValidationParameters(property.ContainingType))
            return;

        CancellationToken ct = context.CancellationToken;
        Verdict verdict = AlwaysTrueValidators.Judge(property, assignment.Value, ct);
        if (verdict == Verdict.NotProven)
            return;

        bool environmentDependent = verdict == Verdict.InSomeEnvironments || EnvironmentChecks.IsEnvironmentOnlySite(assignment, ct);
        context.ReportDiagnostic(Findings.Create(
            Descriptors.AlwaysTrueValidator,
            assignment.Syntax.GetLocation(),
            environmentDependent,
            properties: null,
            property.Name,
            environmentDependent ? InSomeEnvironments : Always));
    }
}
