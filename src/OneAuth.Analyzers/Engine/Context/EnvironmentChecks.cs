using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>Recognises values that depend on the hosting environment, such as <c>env.IsDevelopment()</c>.</summary>
internal static class EnvironmentChecks
{
    public static bool IsEnvironmentDependent(IOperation? operation, CancellationToken ct)
    {
        // Also through !: a negated environment check still tells environments apart.
        for (int depth = 0; operation is not null && depth < DepthLimits.ValueSteps; depth++)
        {
            ct.ThrowIfCancellationRequested();
            switch (operation.SkipConversions())
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    operation = not.Operand;
                    continue;
                case IInvocationOperation invocation:
                    // env.IsDevelopment(), string.Equals(env.EnvironmentName, "Development", ...)
                    return IsHostEnvironmentQuery(invocation.TargetMethod)
                        || (invocation.TargetMethod is { Name: "Equals", ContainingType.SpecialType: SpecialType.System_String }
                            && (invocation.Arguments.Any(a => IsEnvironmentName(a.Value)) || (invocation.Instance is { } instance && IsEnvironmentName(instance))));
                case IIsPatternOperation pattern:
                    // env.IsDevelopment() is false, env.EnvironmentName is "Development"
                    return IsEnvironmentName(pattern.Value) || IsEnvironmentDependent(pattern.Value, ct);
                case IPropertyReferenceOperation property:
                    return property.Property.Name == "IsAttached"
                        && WellKnownTypes.For(property).Is(property.Property.ContainingType, WellKnownType.Debugger);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    // env.EnvironmentName == "Development"
                    return IsEnvironmentName(comparison.LeftOperand) || IsEnvironmentName(comparison.RightOperand);
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="site"/> runs only in some environments or builds: inside a <c>#if DEBUG</c>
    /// region, inside either branch of an <c>if</c> whose condition checks the environment
    /// (<c>if (env.IsDevelopment()) { ... }</c>, also around the lambda that holds it), or after an early exit
    /// on such a check in the same block (<c>if (!env.IsDevelopment()) return;</c>).
    /// </summary>
    public static bool IsEnvironmentOnlySite(IOperation site, CancellationToken ct)
        => ConditionalCompilation.IsInsideDebugOnlyRegion(site.Syntax) || IsUnderEnvironmentGuard(site, ct);

    private static bool IsUnderEnvironmentGuard(IOperation site, CancellationToken ct)
    {
        IOperation current = site;
        for (IOperation? parent = site.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            ct.ThrowIfCancellationRequested();
            switch (parent)
            {
                case IConditionalOperation conditional when conditional.Condition != current && ChecksEnvironment(conditional.Condition, ct):
                    return true;
                case IBlockOperation block when FollowsEnvironmentExit(block, current, ct):
                    return true;
                case ISwitchCaseOperation { Parent: ISwitchOperation { Value: { } switched } } when IsEnvironmentSelector(switched, ct):
                    // switch (env.EnvironmentName) { case "Development": ... }
                    return true;
                case ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation { Value: { } selector } } arm
                    when arm.Value == current && IsEnvironmentSelector(selector, ct):
                    return true;
            }
        }

        return false;
    }

    /// <summary>An environment check, alone or as one operand of <c>&amp;&amp;</c> / <c>||</c>.</summary>
    private static bool ChecksEnvironment(IOperation? condition, CancellationToken ct)
    {
        while (condition is IParenthesizedOperation or IUnaryOperation { OperatorKind: UnaryOperatorKind.Not })
            condition = condition is IParenthesizedOperation p ? p.Operand : ((IUnaryOperation)condition).Operand;

        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical)
            return ChecksEnvironment(logical.LeftOperand, ct) || ChecksEnvironment(logical.RightOperand, ct);

        if (condition is ILocalReferenceOperation local
            && SingleAssignment.TryGetOnlyValue(local.Local, local, ct, out IOperation? value))
            return IsEnvironmentDependent(value, ct);

        return IsEnvironmentDependent(condition, ct);
    }

    private static bool FollowsEnvironmentExit(IBlockOperation block, IOperation statement, CancellationToken ct)
    {
        foreach (IOperation earlier in block.Operations)
        {
            if (earlier == statement)
                return false;

            if (earlier is IConditionalOperation { WhenFalse: null } exit
                && Exits(exit.WhenTrue)
                && ChecksEnvironment(exit.Condition, ct))
                return true;
        }

        return false;
    }

    private static bool Exits(IOperation operation)
    {
        while (operation is IBlockOperation { Operations.Length: 1 } block)
            operation = block.Operations[0];

        return operation is IReturnOperation or IBranchOperation
            || operation is IExpressionStatementOperation { Operation: IThrowOperation }
            || operation is IThrowOperation;
    }

    private static bool IsHostEnvironmentQuery(IMethodSymbol method)
    {
        switch (method.Name)
        {
            case "IsDevelopment":
            case "IsProduction":
            case "IsStaging":
            case "IsEnvironment":
                string? ns = method.ContainingNamespace?.ToDisplayString();
                return ns is "Microsoft.Extensions.Hosting" or "Microsoft.AspNetCore.Hosting";
            default:
                return false;
        }
    }

    /// <summary>A value a <c>switch</c> can select on to tell environments apart: <c>env.EnvironmentName</c> or an environment check.</summary>
    public static bool IsEnvironmentSelector(IOperation operand, CancellationToken ct)
        => IsEnvironmentName(operand) || IsEnvironmentDependent(operand, ct);

    private static bool IsEnvironmentName(IOperation operand)
        => operand.SkipConversions() is IPropertyReferenceOperation { Property.Name: "EnvironmentName" };
}
