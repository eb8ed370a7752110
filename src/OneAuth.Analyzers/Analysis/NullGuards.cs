using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Analysis
{
    /// <summary>
    /// Recognizes guards that only reject a missing value (<c>issuer ?? throw ...</c>, <c>if (issuer is null) throw ...</c>,
    /// <c>ArgumentNullException.ThrowIfNull(issuer)</c>, <c>string.IsNullOrEmpty(issuer)</c>). Such a guard does not make a
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
            if (depth > 8)
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
            string? type = method.ContainingType?.ToDisplayString();
            if (invocation.Arguments.Length == 0 || !IsParameter(invocation.Arguments[0].Value, guarded))
                return false;

            if (type is "System.ArgumentNullException" && method.Name == "ThrowIfNull")
                return true;
            if (type is "System.ArgumentException" && method.Name is "ThrowIfNullOrEmpty" or "ThrowIfNullOrWhiteSpace")
                return true;
            return type is "System.Linq.Enumerable" && method.Name is "Any" or "Count" && method.Parameters.Length == 1;
        }

        /// <summary>
        /// True when <paramref name="condition"/> having the value <paramref name="whenTrue"/> implies that
        /// <paramref name="guarded"/> is null or empty (<c>audiences != null &amp;&amp; audiences.Any()</c> is false only then).
        /// </summary>
        public static bool ImpliesMissing(IOperation condition, IParameterSymbol guarded, bool whenTrue)
            => ImpliesMissing(condition, guarded, whenTrue, 0);

        private static bool ImpliesMissing(IOperation condition, IParameterSymbol guarded, bool whenTrue, int depth)
        {
            if (depth > 8)
                return false;

            condition = Strip(condition)!;
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

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    bool equals = comparison.OperatorKind == BinaryOperatorKind.Equals;
                    return equals == whenTrue && (IsMissingComparison(comparison.LeftOperand, comparison.RightOperand, guarded)
                        || IsMissingComparison(comparison.RightOperand, comparison.LeftOperand, guarded));

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
                    return !whenTrue && name == "Any" && invocation.TargetMethod.ContainingType?.ToDisplayString() == "System.Linq.Enumerable";

                default:
                    return false;
            }
        }

        /// <summary><c>x == null</c>, or <c>x.Length == 0</c> / <c>x.Count == 0</c>.</summary>
        private static bool IsMissingComparison(IOperation side, IOperation other, IParameterSymbol guarded)
        {
            other = Strip(other)!;
            if (IsParameter(side, guarded))
                return IsNull(other);

            side = Strip(side)!;
            if (other.ConstantValue is { HasValue: true, Value: 0 }
                && side is IPropertyReferenceOperation { Property.Name: "Length" or "Count" } property)
            {
                return IsParameter(property.Instance, guarded);
            }

            return false;
        }

        private static bool IsNull(IOperation? value)
            => Strip(value) is { ConstantValue: { HasValue: true, Value: null } };

        private static bool IsParameter(IOperation? value, IParameterSymbol guarded)
            => Strip(value) is IParameterReferenceOperation { Parameter: { } parameter }
                && SymbolEqualityComparer.Default.Equals(parameter, guarded);

        private static IOperation? Strip(IOperation? value) => Conversions.Skip(value);
    }
}
