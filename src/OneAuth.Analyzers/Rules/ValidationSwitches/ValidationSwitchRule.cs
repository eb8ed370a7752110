using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// The shared core of the rules that flag a boolean switch of <c>TokenValidationParameters</c> (or a type
/// derived from it) set to false: in object initializers, plain assignments, through
/// <c>options.TokenValidationParameters</c>, in lambdas and local functions alike, since all of those are
/// simple assignments to a property reference in the operation tree. A switch set back to true in straight-line
/// code before the object is used is not reported (<see cref="SwitchOverwrites"/>).
/// </summary>
internal static class ValidationSwitchRule
{
    /// <summary>Message argument for a value that is always false.</summary>
    public const string AlwaysFalse = "false";

    /// <summary>Message argument for a value that is false only in some environments.</summary>
    public const string FalseInSomeEnvironments = "false in some environments";

    /// <summary>Message argument for a conditional or switch expression with an arm that is always false.</summary>
    public const string FalseForSomeInputs = "false for some inputs";

    /// <summary>Message argument for a configured value whose fallback, used when the setting is missing, is false.</summary>
    public const string FalseWhenMissing = "false when the setting is missing";

    /// <summary>Call from <c>Initialize</c> after enabling concurrency and configuring generated code.</summary>
    public static void Register(
        AnalysisContext context,
        DiagnosticDescriptor descriptor,
        ImmutableHashSet<string> propertyNames)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is not { } types)
                return;

            ProjectClaimChecks project = ProjectClaimChecks.For(start.Compilation);
            start.RegisterOperationAction(
                c => AnalyzeAssignment(c, types, project, descriptor, propertyNames),
                OperationKind.SimpleAssignment);
            start.RegisterOperationAction(
                c => AnalyzeDeconstruction(c, types, project, descriptor, propertyNames),
                OperationKind.DeconstructionAssignment);
        });
    }

    /// <summary>
    /// <c>(p.ValidateIssuer, p.ValidateAudience) = (false, true)</c>: each switch in the target tuple is judged
    /// by the element of the tuple literal it receives, and reported at the target element. A right side that is
    /// not a tuple literal (a call returning a tuple) is not known and stays quiet.
    /// </summary>
    private static void AnalyzeDeconstruction(
        OperationAnalysisContext context,
        IdentityModelTypes types,
        ProjectClaimChecks project,
        DiagnosticDescriptor descriptor,
        ImmutableHashSet<string> propertyNames)
    {
        var deconstruction = (IDeconstructionAssignmentOperation)context.Operation;
        AnalyzeTuplePair(context, types, project, descriptor, propertyNames, deconstruction, deconstruction.Target, deconstruction.Value, 0);
    }

    private static void AnalyzeTuplePair(
        OperationAnalysisContext context,
        IdentityModelTypes types,
        ProjectClaimChecks project,
        DiagnosticDescriptor descriptor,
        ImmutableHashSet<string> propertyNames,
        IDeconstructionAssignmentOperation deconstruction,
        IOperation target,
        IOperation value,
        int depth)
    {
        value = value.SkipConversions()!;

        if (depth > 4 || target is not ITupleOperation targets || value is not ITupleOperation values || targets.Elements.Length != values.Elements.Length)
            return;

        for (int i = 0; i < targets.Elements.Length; i++)
        {
            IOperation element = targets.Elements[i];
            if (element is ITupleOperation)
            {
                AnalyzeTuplePair(context, types, project, descriptor, propertyNames, deconstruction, element, values.Elements[i], depth + 1);
                continue;
            }

            if (element is not IPropertyReferenceOperation { Property: { } property }
                || !propertyNames.Contains(property.Name)
                || !types.IsTokenValidationParameters(property.ContainingType))
                continue;

            BoolValue elementValue = ValueEvaluator.EvaluateBool(values.Elements[i], context.CancellationToken);

            // (p.ValidateIssuer, p.ValidateAudience) = (false, true); ... p.ValidateIssuer = true;
            if (elementValue is BoolValue.False or BoolValue.FalseInSomeEnvironments
                && SwitchOverwrites.IsOverwrittenBeforeUse(deconstruction, (IPropertyReferenceOperation)element, context.CancellationToken))
                continue;

            if (elementValue is BoolValue.False or BoolValue.FalseInSomeEnvironments
                && SwitchExemptions.IsExempt(deconstruction, property.Name, project, context.CancellationToken))
                continue;

            if (elementValue == BoolValue.False && EnvironmentChecks.IsEnvironmentOnlySite(deconstruction, context.CancellationToken))
                elementValue = BoolValue.FalseInSomeEnvironments;

            Report(context, descriptor, element, property.Name, elementValue);
        }
    }

    private static void AnalyzeAssignment(
        OperationAnalysisContext context,
        IdentityModelTypes types,
        ProjectClaimChecks project,
        DiagnosticDescriptor descriptor,
        ImmutableHashSet<string> propertyNames)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property }
            || !propertyNames.Contains(property.Name)
            || !types.IsTokenValidationParameters(property.ContainingType))
            return;

        BoolValue value = ValueEvaluator.EvaluateBool(assignment.Value, context.CancellationToken);

        // Configuration with a false fallback: the switch is off wherever the setting is missing, and a missing
        // setting is the default everywhere, production included. Judged like a constant false (Warning).
        bool fallback = value == BoolValue.Unknown && FallsBackToFalse(assignment.Value, context.CancellationToken);
        if (fallback)
            value = BoolValue.False;

        // mode switch { Mode.Lenient => false, _ => true }: off for whoever picks that input.
        bool someInputs = value == BoolValue.Unknown && ValueEvaluator.IsFalseForSomeInputs(assignment.Value, context.CancellationToken);
        if (someInputs)
            value = BoolValue.False;

        if (value is BoolValue.False or BoolValue.FalseInSomeEnvironments && IsTakenOverByValidator(assignment, property.Name, types, context.CancellationToken))
            return;

        // Turned off and back on before anything can see it: p.ValidateAudience = false; ... p.ValidateAudience = true;
        if (value is BoolValue.False or BoolValue.FalseInSomeEnvironments && SwitchOverwrites.IsOverwrittenBeforeUse(assignment, property, context.CancellationToken))
            return;

        if (value is BoolValue.False or BoolValue.FalseInSomeEnvironments && SwitchExemptions.IsExempt(assignment, property.Name, project, context.CancellationToken))
            return;

        if (value == BoolValue.False && EnvironmentChecks.IsEnvironmentOnlySite(assignment, context.CancellationToken))
            value = BoolValue.FalseInSomeEnvironments;

        if (someInputs)
        {
            Report(context, descriptor, assignment, property.Name, value, value == BoolValue.FalseInSomeEnvironments ? FalseForSomeInputs + " in some environments" : FalseForSomeInputs);
            return;
        }

        if (fallback && value is BoolValue.False or BoolValue.FalseInSomeEnvironments)
        {
            // Inside an environment-only site (#if DEBUG, if (env.IsDevelopment())) it is Info, like any such finding.
            bool environmentDependent = value == BoolValue.FalseInSomeEnvironments;
            context.ReportDiagnostic(Findings.Create(
                descriptor,
                assignment.Syntax.GetLocation(),
                environmentDependent,
                ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.FalseFallback, "true"),
                property.Name,
                environmentDependent ? FalseWhenMissing + " in some environments" : FalseWhenMissing));
            return;
        }

        Report(context, descriptor, assignment, property.Name, value);
    }

    /// <summary>
    /// <c>configured ?? false</c> or <c>configuration.GetValue(key, false)</c> (also through a local assigned once):
    /// a value not known here, with a fallback that is a constant false. A fallback of true, or one that is not a
    /// constant, is not a finding.
    /// </summary>
    internal static bool FallsBackToFalse(IOperation value, CancellationToken ct)
    {
        IOperation? source = ValueEvaluator.Unwrap(value, ct);
        switch (source)
        {
            case ICoalesceOperation coalesce:
                return ValueEvaluator.EvaluateBool(coalesce.WhenNull, ct) == BoolValue.False
                    && ValueEvaluator.EvaluateBool(coalesce.Value, ct) == BoolValue.Unknown;

            case IInvocationOperation { TargetMethod: { Name: "GetValue", ContainingType.Name: "ConfigurationBinder" } } invocation:
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == "defaultValue" && argument.ArgumentKind == ArgumentKind.Explicit)
                        return ValueEvaluator.EvaluateBool(argument.Value, ct) == BoolValue.False;
                }

                return false;

            default:
                return false;
        }
    }

    /// <summary>
    /// Microsoft.IdentityModel calls a validator delegate, when one is set, instead of looking at the matching
    /// switch: with <c>IssuerValidator</c> set, <c>ValidateIssuer = false</c> changes nothing. Such a switch is
    /// not reported when a delegate that may really check is set on the same parameters object in sight; next to
    /// a delegate that accepts everything (OA0006) the switch is reported too.
    /// </summary>
    private static bool IsTakenOverByValidator(ISimpleAssignmentOperation assignment, string switchName, IdentityModelTypes types, CancellationToken ct)
    {
        ImmutableArray<string> validators = switchName switch
        {
            "ValidateAudience" => ImmutableArray.Create("AudienceValidator"),
            "ValidateIssuer" => ImmutableArray.Create("IssuerValidator", "IssuerValidatorUsingConfiguration"),
            "ValidateLifetime" or "RequireExpirationTime" => ImmutableArray.Create("LifetimeValidator"),
            "ValidateIssuerSigningKey" => ImmutableArray.Create("IssuerSigningKeyValidator", "IssuerSigningKeyValidatorUsingConfiguration"),
            _ => ImmutableArray<string>.Empty,
        };
        if (validators.IsEmpty || ConfigurationView.ForAssignment(assignment, types, ct) is not { } view)
            return false;

        foreach (string validator in validators)
        {
            foreach (ISimpleAssignmentOperation set in view.ParameterAssignments(validator))
            {
                // A delegate that accepts everything does not take the check over: both findings stand.
                if (set.Value.ConstantValue is not { HasValue: true, Value: null }
                    && set.Target is IPropertyReferenceOperation { Property: { } property }
                    && AlwaysTrueValidators.Judge(property, set.Value, ct) == Verdict.NotProven)
                    return true;
            }
        }

        return false;
    }

    public static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, IOperation site, string name, BoolValue value)
        => Report(context, descriptor, site, name, value, value == BoolValue.False ? AlwaysFalse : FalseInSomeEnvironments);

    private static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, IOperation site, string name, BoolValue value, string how)
    {
        if (value is BoolValue.False or BoolValue.FalseInSomeEnvironments)
            context.ReportDiagnostic(Findings.Create(descriptor, site.Syntax.GetLocation(), value == BoolValue.FalseInSomeEnvironments, null, name, how));
    }
}
