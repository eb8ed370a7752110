using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0009: <c>TokenValidationParameters.ClockSkew</c> above the limit: 5 minutes, or less when
/// <c>oneauth_max_clock_skew_seconds</c> in .editorconfig says so (a higher value is ignored: the option can
/// only make the rule stricter).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExcessiveClockSkewAnalyzer : DiagnosticAnalyzer
{
    public const string OptionName = "oneauth_max_clock_skew_seconds";

    /// <summary>Message suffix for a constant fallback used when the setting is missing.</summary>
    internal const string WhenMissing = " when the setting is missing";

    internal const int DefaultLimitSeconds = 300;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ExcessiveClockSkew);

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
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "ClockSkew" } property }
            || !types.IsTokenValidationParameters(property.ContainingType))
            return;

        int limit = LimitFor(context, assignment.Syntax.SyntaxTree);
        DurationEvaluator.Duration? evaluated = DurationEvaluator.EvaluateMaximum(assignment.Value, limit, context.CancellationToken);
        bool fallback = false;
        if (evaluated is null && ValueEvaluator.Unwrap(assignment.Value, context.CancellationToken) is ICoalesceOperation coalesce
            && DurationEvaluator.EvaluateMaximum(coalesce.Value, limit, context.CancellationToken) is null)
        {
            // configuredSkew ?? TimeSpan.FromHours(1): the fallback is what ships wherever the setting is missing.
            evaluated = DurationEvaluator.EvaluateMaximum(coalesce.WhenNull, limit, context.CancellationToken);
            fallback = true;
        }

        if (evaluated is not { } skew || skew.Seconds <= limit)
            return;

        bool environmentDependent = skew.EnvironmentDependent || EnvironmentChecks.IsEnvironmentOnlySite(assignment, context.CancellationToken);
        string value = DurationEvaluator.Describe(skew.Seconds) + (fallback ? WhenMissing : string.Empty) + (environmentDependent ? " in some environments" : string.Empty);
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.LimitSeconds, limit.ToString(CultureInfo.InvariantCulture));
        if (fallback)
            properties = properties.Add(DiagnosticProperties.Fallback, "true");
        context.ReportDiagnostic(Findings.Create(
            Descriptors.ExcessiveClockSkew,
            assignment.Syntax.GetLocation(),
            environmentDependent,
            properties,
            property.Name,
            value,
            DurationEvaluator.Describe(limit)));
    }

    /// <summary>The limit for a file: the option when it is a whole number of seconds below the default.</summary>
    private static int LimitFor(OperationAnalysisContext context, SyntaxTree tree)
    {
        if (context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(OptionName, out string? text)
            && int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds)
            && seconds < DefaultLimitSeconds)
            return seconds;

        return DefaultLimitSeconds;
    }
}
