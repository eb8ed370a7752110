using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Recognizes guards that only reject a missing value (<c>issuer ?? throw ...</c>, <c>if (issuer is null) throw ...</c>,
/// <c>ArgumentNullException.ThrowIfNull(issuer)</c>, <c>string.IsNullOrEmpty(issuer)</c>, <c>audiences?.Any() == true</c>,
/// <c>if (audiences != null) return true;</c> before a <c>return false</c>). Such a guard does not make a
/// validator check anything: every present value still passes.
/// </summary>
internal static class NullGuards
{
    /// <summary>
    /// True when <paramref name="rejection"/> (a throw, or a <c>return false</c> / <c>return null</c>) can only be reached
    /// while <paramref name="guarded"/> is null or empty.
    /// </summary>
    public static bool IsReachableOnlyWhenMissing(IOperation rejection, IOperation body, IParameterSymbol guarded)
    {
        IOperation child = rejection;
        for (IOperation? parent = rejection.Parent; parent is not null && child != body; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ICoalesceOperation coalesce when coalesce.WhenNull == child && IsParameter(coalesce.Value, guarded):
                    return true;
                case IConditionalOperation conditional when conditional.WhenTrue == child && ImpliesMissing(conditional.Condition, guarded, true, 0):
                    return true;
                case IConditionalOperation conditional when conditional.WhenFalse == child && ImpliesMissing(conditional.Condition, guarded, false, 0):
                    return true;
                case IBlockOperation block when FollowsExitUnlessMissing(block, child, body, guarded):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a statement before <paramref name="statement"/> in <paramref name="block"/> is an <c>if</c> whose
    /// taken branch always leaves and whose condition is false only for a missing value
    /// (<c>if (audiences != null) return true; return false;</c>): the statement is then reached only when the value is missing.
    /// </summary>
    private static bool FollowsExitUnlessMissing(IBlockOperation block, IOperation statement, IOperation body, IParameterSymbol guarded)
    {
        int index = block.Operations.IndexOf(statement);
        if (index <= 0)
            return false;

        for (int i = 0; i < index; i++)
        {
            if (block.Operations[i] is not IConditionalOperation { WhenTrue: { } whenTrue } conditional
                || !AlwaysLeaves(whenTrue, 0)
                || !ImpliesMissing(conditional.Condition, guarded, false, 0))
                continue;

            // A goto could jump past the if to a label further down.
            return !HasLabels(body);
        }

        return false;
    }

    /// <summary>A return or a throw, or a block or an if/else whose every branch ends in one.</summary>
    private static bool AlwaysLeaves(IOperation statement, int depth)
    {
        if (depth > DepthLimits.StatementNesting)
            return false;

        return statement switch
        {
            IReturnOperation { Kind: OperationKind.Return } => true,
            IThrowOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBlockOperation { Operations: { Length: > 0 } operations } => AlwaysLeaves(operations[operations.Length - 1], depth + 1),
            IConditionalOperation { WhenFalse: { } whenFalse } conditional => AlwaysLeaves(conditional.WhenTrue, depth + 1) && AlwaysLeaves(whenFalse, depth + 1),
            _ => false,
        };
    }

    private static bool HasLabels(IOperation body)
    {
        foreach (IOperation operation in FunctionBodies.OwnOperations(body))
        {
            if (operation is ILabeledOperation)
                return true;
        }

        return false;
    }

    /// <summary>
    /// True for calls that throw only on a missing value (<c>ArgumentNullException.ThrowIfNull(x)</c>,
    /// <c>ArgumentException.ThrowIfNullOrEmpty(x)</c>) or that only ask whether it is empty (<c>audiences.Any()</c>).
    /// </summary>
    public static bool IsMissingValueCall(IInvocationOperation invocation, IParameterSymbol guarded)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (invocation.Arguments.Length == 0 || !IsParameter(invocation.Arguments[0].Value, guarded))
            return false;

        INamedTypeSymbol? type = method.ContainingType;
        WellKnownTypes known = WellKnownTypes.For(invocation);
        if (method.Name == "ThrowIfNull" && known.Is(type, WellKnownType.ArgumentNullException))
            return true;
        if (method.Name is "ThrowIfNullOrEmpty" or "ThrowIfNullOrWhiteSpace" && known.Is(type, WellKnownType.ArgumentException))
            return true;
        return method.Name is "Any" or "Count" && method.Parameters.Length == 1 && known.Is(type, WellKnownType.Enumerable);
    }

    /// <summary>
    /// True when <paramref name="condition"/> having the value <paramref name="whenTrue"/> implies that
    /// <paramref name="guarded"/> is null or empty (<c>audiences != null &amp;&amp; audiences.Any()</c> is false only then).
    /// </summary>
    public static bool ImpliesMissing(IOperation condition, IParameterSymbol guarded, bool whenTrue)
        => ImpliesMissing(condition, guarded, whenTrue, 0);

    private static bool ImpliesMissing(IOperation condition, IParameterSymbol guarded, bool whenTrue, int depth)
    {
        if (depth > DepthLimits.ValueSteps)
            return false;

        condition = condition.SkipConversions()!;
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return ImpliesMissing(not.Operand, guarded, !whenTrue, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                return whenTrue
                    ? ImpliesMissing(or.LeftOperand, guarded, true, depth + 1) && ImpliesMissing(or.RightOperand, guarded, true, depth + 1)
                    : ImpliesMissing(or.LeftOperand, guarded, false, depth + 1) || ImpliesMissing(or.RightOperand, guarded, false, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return whenTrue
                    ? ImpliesMissing(and.LeftOperand, guarded, true, depth + 1) || ImpliesMissing(and.RightOperand, guarded, true, depth + 1)
                    : ImpliesMissing(and.LeftOperand, guarded, false, depth + 1) && ImpliesMissing(and.RightOperand, guarded, false, depth + 1);

            // audiences?.Any() ?? false: the null case is the missing value; otherwise it is audiences.Any().
            case ICoalesceOperation coalesce when Present(coalesce.Value, guarded) is { } present && present != coalesce.Value.SkipConversions():
                return ImpliesMissing(present, guarded, whenTrue, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when IsBoolComparison(comparison, guarded, out IOperation? tested, out bool constant):
                // audiences?.Any() == true is true exactly when audiences.Any() is (or audiences is null).
                bool holds = (comparison.OperatorKind == BinaryOperatorKind.Equals) == whenTrue;
                return ImpliesMissing(tested!, guarded, holds ? constant : !constant, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when (comparison.OperatorKind == BinaryOperatorKind.Equals) == whenTrue
                    && (IsNullComparison(comparison.LeftOperand, comparison.RightOperand, guarded)
                        || IsNullComparison(comparison.RightOperand, comparison.LeftOperand, guarded)):
                return true;

            case IBinaryOperation comparison:
                return IsEmptyComparison(comparison, guarded, whenTrue);

            case IIsPatternOperation isPattern when IsParameter(isPattern.Value, guarded):
                return isPattern.Pattern switch
                {
                    IConstantPatternOperation constant => whenTrue && IsNull(constant.Value),
                    INegatedPatternOperation { Pattern: IConstantPatternOperation constant } => !whenTrue && IsNull(constant.Value),
                    _ => false,
                };

            case IInvocationOperation invocation when invocation.Arguments.Length == 1 && IsParameter(invocation.Arguments[0].Value, guarded):
                string name = invocation.TargetMethod.Name;
                if (invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String)
                    return whenTrue && name is "IsNullOrEmpty" or "IsNullOrWhiteSpace";
                return !whenTrue && name == "Any" && WellKnownTypes.For(invocation).Is(invocation.TargetMethod.ContainingType, WellKnownType.Enumerable);

            default:
                return false;
        }
    }

    /// <summary><c>x == null</c>.</summary>
    private static bool IsNullComparison(IOperation side, IOperation other, IParameterSymbol guarded)
        => IsParameter(side, guarded) && IsNull(other);

    /// <summary>
    /// A comparison of the value with <c>true</c> or <c>false</c>, where the value is a boolean (after
    /// <see cref="Present"/>): <c>audiences?.Any() == true</c>.
    /// </summary>
    private static bool IsBoolComparison(IBinaryOperation comparison, IParameterSymbol guarded, out IOperation? tested, out bool constant)
    {
        IOperation? left = Present(comparison.LeftOperand, guarded), right = Present(comparison.RightOperand, guarded);
        if (right?.ConstantValue is { HasValue: true, Value: bool k } && left?.Type?.SpecialType == SpecialType.System_Boolean)
        {
            (tested, constant) = (left, k);
            return true;
        }

        if (left?.ConstantValue is { HasValue: true, Value: bool j } && right?.Type?.SpecialType == SpecialType.System_Boolean)
        {
            (tested, constant) = (right, j);
            return true;
        }

        (tested, constant) = (null, false);
        return false;
    }

    /// <summary>
    /// True when a comparison of the number of items with a constant (<c>x.Length == 0</c>, <c>x.Count() &gt; 0</c>,
    /// <c>audiences?.Count() &gt;= 1</c>) having the value <paramref name="whenTrue"/> means there are none.
    /// </summary>
    private static bool IsEmptyComparison(IBinaryOperation comparison, IParameterSymbol guarded, bool whenTrue)
    {
        IOperation? left = Present(comparison.LeftOperand, guarded), right = Present(comparison.RightOperand, guarded);
        BinaryOperatorKind kind = comparison.OperatorKind;
        if (!IsCount(left, guarded))
        {
            (left, right) = (right, left);
            kind = kind switch
            {
                BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                _ => kind,
            };
        }

        if (!IsCount(left, guarded) || right?.ConstantValue is not { HasValue: true, Value: int k })
            return false;

        // A count is never negative; the comparison must not have the value whenTrue for any count of one or more.
        // Its truth over 1, 2, ... changes at most around k, so these samples cover every case.
        foreach (long n in new long[] { 1, k, (long)k + 1, int.MaxValue })
        {
            if (n < 1)
                continue;
            bool? result = kind switch
            {
                BinaryOperatorKind.Equals => n == k,
                BinaryOperatorKind.NotEquals => n != k,
                BinaryOperatorKind.LessThan => n < k,
                BinaryOperatorKind.LessThanOrEqual => n <= k,
                BinaryOperatorKind.GreaterThan => n > k,
                BinaryOperatorKind.GreaterThanOrEqual => n >= k,
                _ => null,
            };
            if (result is null || result == whenTrue)
                return false;
        }

        return true;
    }

    /// <summary><c>x.Length</c>, <c>x.Count</c> or <c>x.Count()</c>.</summary>
    private static bool IsCount(IOperation? value, IParameterSymbol guarded)
        => value.SkipConversions() switch
        {
            IPropertyReferenceOperation { Property: { Name: "Length" or "Count", IsIndexer: false }, Instance: var instance } => IsParameter(instance, guarded),
            IInvocationOperation { TargetMethod: { Name: "Count", Parameters.Length: 1 } method } invocation
                => WellKnownTypes.For(invocation).Is(method.ContainingType, WellKnownType.Enumerable) && IsParameter(invocation.Arguments[0].Value, guarded),
            _ => false,
        };

    /// <summary>
    /// <c>audiences?.Any()</c> read as <c>audiences.Any()</c>. Only for asking whether a value implies a missing
    /// <paramref name="guarded"/>: when it is null, it is missing whatever the rest says.
    /// </summary>
    private static IOperation? Present(IOperation? value, IParameterSymbol guarded)
    {
        value = value.SkipConversions();
        return value is IConditionalAccessOperation { WhenNotNull: { Type: { IsValueType: true } type } whenNotNull } access
            && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
            && IsParameter(access.Operation, guarded)
            ? whenNotNull.SkipConversions()
            : value;
    }

    private static bool IsNull(IOperation? value)
        => value.SkipConversions() is { ConstantValue: { HasValue: true, Value: null } };

    /// <summary>The parameter itself, or the <c>audiences</c> of <c>audiences?.Any()</c> as seen inside the access.</summary>
    private static bool IsParameter(IOperation? value, IParameterSymbol guarded)
    {
        value = value.SkipConversions();
        if (value is IConditionalAccessInstanceOperation instance)
            value = (OwnerOf(instance)?.Operation).SkipConversions();

        return value is IParameterReferenceOperation { Parameter: { } parameter }
            && SymbolEqualityComparer.Default.Equals(parameter, guarded);
    }

    /// <summary>The <c>?.</c> access whose checked value <paramref name="instance"/> stands for.</summary>
    private static IConditionalAccessOperation? OwnerOf(IConditionalAccessInstanceOperation instance)
    {
        IOperation child = instance;
        for (IOperation? parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation access && access.WhenNotNull == child)
                return access;
        }

        return null;
    }
}
