using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0015: the <c>app_id</c> claim is compared with a constant that is not this assembly's AppScope app id, compared
/// case-insensitively or with culture rules, or matched partially (<c>Contains</c>, <c>StartsWith</c>, Regex).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppIdComparedWronglyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AppIdComparedWrongly);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is null)
                return;

            string? appId = AppScopeSites.ValidAppId(start.Compilation);
            SourceTextFilter text = AppIdClaimNames.FilterFor(start.Compilation, start.CancellationToken);
            start.RegisterOperationBlockStartAction(block =>
            {
                // Every read of the claim names it with a constant in the same member: the literal, or a constant of
                // this project or of a referenced library, whose name the member's file then mentions.
                if (block.OperationBlocks.IsEmpty
                    || !text.Mentions(block.OperationBlocks[0].Syntax.SyntaxTree, block.CancellationToken)
                    || !OperationBlocks.ContainsConstant(block.OperationBlocks, AppIdClaims.ClaimName))
                    return;

                block.RegisterOperationAction(c => AnalyzeBinary(c, appId), OperationKind.Binary);
                block.RegisterOperationAction(c => AnalyzeInvocation(c, appId), OperationKind.Invocation);
                block.RegisterOperationAction(c => AnalyzeIsPattern(c, appId), OperationKind.IsPattern);
                block.RegisterOperationAction(c => AnalyzeSwitch(c, appId), OperationKind.Switch, OperationKind.SwitchExpression);
            });
        });
    }

    private static void AnalyzeBinary(OperationAnalysisContext context, string? appId)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
            return;

        CompareOperands(context, binary, binary.LeftOperand, binary.RightOperand, appId);
    }

    /// <summary>Two operands compared for equality: one must be the claim; reports the first problem found.</summary>
    private static bool CompareOperands(OperationAnalysisContext context, IOperation site, IOperation left, IOperation right, string? appId)
    {
        CancellationToken ct = context.CancellationToken;
        foreach ((IOperation claim, IOperation other) in new[] { (left, right), (right, left) })
        {
            if (AppIdClaims.IsCaseFoldedAppIdValue(claim, ct, out string? fold))
            {
                Report(context, site, $"is compared after {fold}(); app ids must match ordinally, without case folding");
                return true;
            }

            if (AppIdClaims.IsAppIdValue(claim, ct))
                return ReportWrongConstant(context, site, other, appId);
        }

        return false;
    }

    private static bool ReportWrongConstant(OperationAnalysisContext context, IOperation site, IOperation other, string? appId)
    {
        if (appId is null
            || other.ConstantValue is not { HasValue: true, Value: string value }
            || value.Trim().Length == 0
            || value == appId)
            return false;

        Report(context, site, $"is compared with '{value}', which is not this assembly's app id '{appId}'");
        return true;
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, string? appId)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        CancellationToken ct = context.CancellationToken;
        INamedTypeSymbol? type = method.ContainingType;

        if (type?.SpecialType == SpecialType.System_String)
        {
            AnalyzeStringMethod(context, invocation, appId);
            return;
        }

        if (type is null || method.Name is not ("Equals" or "Compare" or "IsMatch" or "Match" or "Matches" or "Replace" or "Split" or "RequireClaim" or "Contains" or "HasClaim"))
            return; // names first: this runs on every call of the member

        WellKnownTypes known = WellKnownTypes.For(context.Compilation);
        switch (method.Name)
        {
            case "Equals" or "Compare" when invocation.Arguments.Length == 2 && IsStringComparer(invocation.Instance, out IPropertyReferenceOperation? comparer):
                if (!IsClaimOperand(invocation.Arguments[0].Value, ct) && !IsClaimOperand(invocation.Arguments[1].Value, ct))
                    return;
                if (comparer!.Property.Name != "Ordinal")
                {
                    ReportComparison(context, invocation, "StringComparer." + comparer.Property.Name, comparer,
                        OtherAppConstant(invocation.Arguments[0].Value, invocation.Arguments[1].Value, appId));
                    return;
                }

                CompareOperands(context, invocation, invocation.Arguments[0].Value, invocation.Arguments[1].Value, appId);
                return;

            case "IsMatch" or "Match" or "Matches" or "Replace" or "Split" when known.Is(type, WellKnownType.Regex):
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == "input" && IsClaimOperand(argument.Value, ct))
                    {
                        Report(context, invocation, $"is matched with Regex.{method.Name}, which also accepts other app ids; compare the whole value ordinally");
                        return;
                    }
                }

                return;

            case "RequireClaim" when known.Is(type, WellKnownType.AuthorizationPolicyBuilder) && AppIdClaims.NamesAppId(invocation):
                // policy.RequireClaim("app_id", "billing", "payments"): every allowed value is accepted.
                for (int i = 1; i < invocation.Arguments.Length; i++)
                {
                    foreach (IOperation allowed in ConstantElements(invocation.Arguments[i].Value, ct))
                        ReportWrongConstant(context, allowed, allowed, appId);
                }

                return;

            case "Contains" when invocation.Arguments.Length >= 1:
            {
                // new[] { "billing", "payments" }.Contains(appId), allowedApps.Contains(appId) with a list built inline or kept
                // in a local or a static readonly field.
                IOperation? collection = method.IsExtensionMethod ? invocation.Arguments[0].Value : invocation.Instance;
                int itemIndex = method.IsExtensionMethod ? 1 : 0;
                if (collection is null || invocation.Arguments.Length <= itemIndex || !AppIdClaims.IsAppIdValue(invocation.Arguments[itemIndex].Value, ct))
                    return;

                // allowed.Contains(appId, StringComparer.OrdinalIgnoreCase), new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ... }
                IOperation? comparerArgument = invocation.Arguments.Length > itemIndex + 1 ? invocation.Arguments[itemIndex + 1].Value : null;
                if (comparerArgument is null && collection.SkipConversions() is IObjectCreationOperation created)
                {
                    foreach (IArgumentOperation argument in created.Arguments)
                    {
                        if (IsStringComparer(argument.Value, out _))
                            comparerArgument = argument.Value;
                    }
                }

                if (IsStringComparer(comparerArgument, out IPropertyReferenceOperation? setComparer) && setComparer!.Property.Name != "Ordinal")
                {
                    ReportComparison(context, invocation, "StringComparer." + setComparer.Property.Name, setComparer);
                    return;
                }

                foreach (IOperation allowed in ConstantElements(collection, ct))
                    ReportWrongConstant(context, allowed, allowed, appId);
                return;
            }

            case "HasClaim" when known.IsAny(type, WellKnownType.ClaimsPrincipal, WellKnownType.ClaimsIdentity)
                                 && invocation.Arguments.Length == 2 && AppIdClaims.NamesAppId(invocation):
                // HasClaim(type, value) compares the value ordinally: only the value itself can be wrong.
                ReportWrongConstant(context, invocation, invocation.Arguments[1].Value, appId);
                return;
        }
    }

    private static void AnalyzeStringMethod(OperationAnalysisContext context, IInvocationOperation invocation, string? appId)
    {
        CancellationToken ct = context.CancellationToken;
        IMethodSymbol method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Equals" or "Compare" or "CompareOrdinal":
            {
                IOperation? left, right;
                int first;
                if (method.IsStatic)
                {
                    if (invocation.Arguments.Length < 2)
                        return;
                    left = invocation.Arguments[0].Value;
                    right = invocation.Arguments[1].Value;
                    first = 2;
                }
                else
                {
                    if (invocation.Arguments.Length < 1 || invocation.Instance is null)
                        return;
                    left = invocation.Instance;
                    right = invocation.Arguments[0].Value;
                    first = 1;
                }

                if (!IsClaimOperand(left, ct) && !IsClaimOperand(right, ct))
                    return;

                for (int i = first; i < invocation.Arguments.Length; i++)
                {
                    IOperation option = invocation.Arguments[i].Value;
                    if (WellKnownTypes.For(option).Is(option.Type, WellKnownType.StringComparison)
                        && option.SkipConversions() is IFieldReferenceOperation { Field.Name: { } name } field
                        && name != "Ordinal")
                    {
                        ReportComparison(context, invocation, "StringComparison." + name, field, OtherAppConstant(left, right, appId));
                        return;
                    }

                    if (option.Type?.SpecialType == SpecialType.System_Boolean && option.ConstantValue is { HasValue: true, Value: true })
                    {
                        Report(context, invocation, "is compared with ignoreCase: true; app ids must match ordinally");
                        return;
                    }
                }

                if (method.Name == "Compare" && invocation.Arguments.Length == 2)
                {
                    // string.Compare(a, b) without options compares with the current culture's rules.
                    Report(context, invocation, "is compared with string.Compare, which uses the current culture's rules; app ids must match ordinally");
                    return;
                }

                CompareOperands(context, invocation, left, right, appId);
                return;
            }

            case "Contains" or "StartsWith" or "EndsWith" or "IndexOf" or "LastIndexOf":
                if (IsClaimOperand(invocation.Instance, ct) || (invocation.Arguments.Length > 0 && IsClaimOperand(invocation.Arguments[0].Value, ct)))
                    Report(context, invocation, $"is matched with {method.Name}, which also accepts other app ids; compare the whole value ordinally");
                return;
        }
    }

    private static void AnalyzeIsPattern(OperationAnalysisContext context, string? appId)
    {
        var isPattern = (IIsPatternOperation)context.Operation;
        if (appId is not null && AppIdClaims.IsAppIdValue(isPattern.Value, context.CancellationToken))
            ReportWrongPatterns(context, isPattern.Pattern, appId);
    }

    private static void AnalyzeSwitch(OperationAnalysisContext context, string? appId)
    {
        if (appId is null)
            return;

        CancellationToken ct = context.CancellationToken;
        switch (context.Operation)
        {
            case ISwitchOperation statement when AppIdClaims.IsAppIdValue(statement.Value, ct):
                foreach (ISwitchCaseOperation @case in statement.Cases)
                {
                    foreach (ICaseClauseOperation clause in @case.Clauses)
                    {
                        if (clause is ISingleValueCaseClauseOperation { Value: { } value })
                            ReportWrongConstant(context, clause, value, appId);
                        else if (clause is IPatternCaseClauseOperation { Pattern: { } pattern })
                            ReportWrongPatterns(context, pattern, appId);
                    }
                }

                break;

            case ISwitchExpressionOperation expression when AppIdClaims.IsAppIdValue(expression.Value, ct):
                foreach (ISwitchExpressionArmOperation arm in expression.Arms)
                    ReportWrongPatterns(context, arm.Pattern, appId);
                break;
        }
    }

    private static void ReportWrongPatterns(OperationAnalysisContext context, IPatternOperation pattern, string appId)
    {
        if (pattern is IConstantPatternOperation constant)
        {
            ReportWrongConstant(context, pattern, constant.Value, appId);
            return;
        }

        foreach (IOperation descendant in pattern.Descendants())
        {
            if (descendant is IConstantPatternOperation inner)
                ReportWrongConstant(context, inner, inner.Value, appId);
        }
    }

    /// <summary>The constant strings of an array or collection written inline (or a single constant string).</summary>
    private static IEnumerable<IOperation> ConstantElements(IOperation? value, CancellationToken ct)
    {
        // Inline, or kept in a single-assignment local or a static readonly field: Allowed = ["billing", "payments"].
        value = ValueEvaluator.Unwrap(value.SkipConversions(), ct);
        switch (value)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (IOperation element in initializer.ElementValues)
                {
                    if (element.ConstantValue is { HasValue: true, Value: string })
                        yield return element;
                }

                break;
            case ICollectionExpressionOperation expression:
                // static readonly string[] Allowed = ["billing", "payments"];
                foreach (IOperation element in expression.Elements)
                {
                    IOperation item = element is IConversionOperation conversion ? conversion.Operand : element;
                    if (item.ConstantValue is { HasValue: true, Value: string })
                        yield return item;
                }

                break;
            case IObjectCreationOperation { Initializer: { } collection }:
                foreach (IOperation initializer in collection.Initializers)
                {
                    if (initializer is IInvocationOperation { Arguments.Length: 1 } add && add.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string })
                        yield return add.Arguments[0].Value;
                }

                break;
            case { ConstantValue: { HasValue: true, Value: string } }:
                yield return value;
                break;
        }
    }

    private static bool IsClaimOperand(IOperation? operand, CancellationToken ct)
        => AppIdClaims.IsAppIdValue(operand, ct) || AppIdClaims.IsCaseFoldedAppIdValue(operand, ct, out _);

    private static bool IsStringComparer(IOperation? instance, out IPropertyReferenceOperation? comparer)
    {
        comparer = instance.SkipConversions() as IPropertyReferenceOperation;
        return comparer is { Property: { IsStatic: true } property }
            && WellKnownTypes.For(comparer).Is(property.ContainingType, WellKnownType.StringComparer);
    }

    /// <summary>A comparison option that is not ordinal: the fix replaces the member name with <c>Ordinal</c>.</summary>
    /// <summary>
    /// The constant compared with the claim when it names another app even ignoring case ('Payments' in a case-insensitive
    /// comparison): the ordinal fix alone would still accept nobody but that app.
    /// </summary>
    private static string? OtherAppConstant(IOperation? left, IOperation? right, string? appId)
    {
        if (appId is null)
            return null;

        foreach (IOperation? operand in new[] { left, right })
        {
            if (operand?.ConstantValue is { HasValue: true, Value: string value }
                && value.Trim().Length != 0
                && !string.Equals(value, appId, StringComparison.OrdinalIgnoreCase))
                return $", and with '{value}', which is not this assembly's app id '{appId}'";
        }

        return null;
    }

    /// <param name="otherApp">Null, or the words naming the other app's id the claim is also compared with.</param>
    private static void ReportComparison(OperationAnalysisContext context, IOperation site, string option, IOperation member, string? otherApp = null)
    {
        string kind = option.EndsWith("IgnoreCase", StringComparison.Ordinal) ? "case-insensitively" : "with culture rules";
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AppIdComparedWrongly,
            site.Syntax.GetLocation(),
            properties: ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.OrdinalSpanStart, member.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture))
                .Add(DiagnosticProperties.OrdinalSpanLength, member.Syntax.Span.Length.ToString(CultureInfo.InvariantCulture)),
            $"is compared {kind} ({option}){otherApp}; app ids must match ordinally"));
    }

    private static void Report(OperationAnalysisContext context, IOperation site, string problem)
        => context.ReportDiagnostic(Diagnostic.Create(Descriptors.AppIdComparedWrongly, site.Syntax.GetLocation(), problem));
}
