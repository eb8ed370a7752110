using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Decides whether one operation enforces the <c>app_id</c> claim (compares its value with an expected app id), or at
/// least reads it. Used compilation-wide by OA0014: when nothing in the project enforces <c>app_id</c>, its token
/// validation accepts other apps' tokens. Anything that could be a check (a comparison with a value not known at
/// compile time, the value handed to a method of the project or returned from one) counts as a check: OA0014 only
/// reports when it is certain that no check exists.
/// </summary>
internal static class AppIdChecks
{
    public enum Finding
    {
        None,
        Read,
        Check,
    }

    /// <param name="expected">This assembly's AppScope app id, or null to accept any expected value.</param>
    public static Finding Classify(IOperation operation, string? expected, CancellationToken ct)
    {
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                return Compared(binary.LeftOperand, binary.RightOperand, expected, ct);

            case IIsPatternOperation isPattern when AppIdClaims.IsAppIdValue(isPattern.Value, ct):
                return PatternChecks(isPattern.Pattern, expected) ? Finding.Check : Finding.Read;

            case ISwitchOperation statement when AppIdClaims.IsAppIdValue(statement.Value, ct):
                foreach (ISwitchCaseOperation @case in statement.Cases)
                {
                    foreach (ICaseClauseOperation clause in @case.Clauses)
                    {
                        if (clause is ISingleValueCaseClauseOperation { Value: { } value } && IsExpected(value, expected)
                            || clause is IPatternCaseClauseOperation { Pattern: { } pattern } && PatternChecks(pattern, expected))
                            return Finding.Check;
                    }
                }

                return Finding.Read;

            case ISwitchExpressionOperation expression when AppIdClaims.IsAppIdValue(expression.Value, ct):
                foreach (ISwitchExpressionArmOperation arm in expression.Arms)
                {
                    if (PatternChecks(arm.Pattern, expected))
                        return Finding.Check;
                }

                return Finding.Read;

            case IInvocationOperation invocation:
                return ClassifyInvocation(invocation, expected, ct);

            case IReturnOperation { ReturnedValue: { } returned } when AppIdClaims.IsAppIdValue(returned, ct):
                // Returned to a caller that may compare it: cannot be sure there is no check.
                return Finding.Check;

            default:
                return Finding.None;
        }
    }

    private static Finding ClassifyInvocation(IInvocationOperation invocation, string? expected, CancellationToken ct)
    {
        IMethodSymbol method = invocation.TargetMethod;

        // HasClaim("app_id", value) and policy.RequireClaim("app_id", values) compare the value ordinally.
        if (method.Name is "HasClaim" or "RequireClaim" && AppIdClaims.NamesAppId(invocation))
        {
            for (int i = 1; i < invocation.Arguments.Length; i++)
            {
                IOperation value = invocation.Arguments[i].Value;
                if (value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (IOperation element in initializer.ElementValues)
                    {
                        if (IsExpected(element, expected))
                            return Finding.Check;
                    }
                }
                else if (value.Type?.SpecialType == SpecialType.System_String && IsExpected(value, expected))
                {
                    return Finding.Check;
                }
                else if (value.Type is IArrayTypeSymbol && value.ConstantValue is not { HasValue: true })
                {
                    return Finding.Check; // an array built elsewhere
                }
            }

            return Finding.Read;
        }

        bool instanceIsClaim = AppIdClaims.IsAppIdValue(invocation.Instance, ct) || AppIdClaims.IsCaseFoldedAppIdValue(invocation.Instance, ct, out _);
        IOperation? claimArgument = null;
        IOperation? otherArgument = null;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (claimArgument is null && (AppIdClaims.IsAppIdValue(argument.Value, ct) || AppIdClaims.IsCaseFoldedAppIdValue(argument.Value, ct, out _)))
                claimArgument = argument.Value;
            else if (argument.Value.Type?.SpecialType == SpecialType.System_String)
                otherArgument ??= argument.Value;
        }

        if (!instanceIsClaim && claimArgument is null)
            return AppIdClaims.NamesAppId(invocation) ? Finding.Read : Finding.None;

        switch (method.Name)
        {
            case "Equals":
            case "Compare":
            case "CompareOrdinal":
                IOperation? other = instanceIsClaim ? invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null : otherArgument ?? invocation.Instance;
                return other is not null && IsExpected(other, expected) ? Finding.Check : Finding.Read;
            default:
                // Contains, IsMatch, a method of the project that receives the value: it may be compared there.
                return method.Locations.Length > 0 && method.Locations[0].IsInSource || method.Name is "Contains" or "StartsWith" or "EndsWith" or "IsMatch" or "SequenceEqual"
                    ? Finding.Check
                    : Finding.Read;
        }
    }

    private static Finding Compared(IOperation left, IOperation right, string? expected, CancellationToken ct)
    {
        if (IsClaim(left, ct))
            return IsExpected(right, expected) ? Finding.Check : Finding.Read;
        if (IsClaim(right, ct))
            return IsExpected(left, expected) ? Finding.Check : Finding.Read;
        return Finding.None;
    }

    private static bool IsClaim(IOperation operand, CancellationToken ct)
        => AppIdClaims.IsAppIdValue(operand, ct) || AppIdClaims.IsCaseFoldedAppIdValue(operand, ct, out _);

    /// <summary>The value is the expected app id, or not known at compile time (so it might be).</summary>
    private static bool IsExpected(IOperation value, string? expected)
    {
        if (value.ConstantValue is { HasValue: true } constant)
        {
            return constant.Value is string text
                && text.Trim().Length > 0
                && (expected is null || text == expected);
        }

        return true;
    }

    private static bool PatternChecks(IPatternOperation pattern, string? expected)
    {
        if (pattern is IConstantPatternOperation constant)
            return IsExpected(constant.Value, expected);

        foreach (IOperation descendant in pattern.Descendants())
        {
            if (descendant is IConstantPatternOperation inner && IsExpected(inner.Value, expected))
                return true;
        }

        return false;
    }
}
