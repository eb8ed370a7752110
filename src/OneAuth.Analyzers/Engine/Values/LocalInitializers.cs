using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Follows a local to the value it was declared with, cheaply first: the initializer is tested with
/// <paramref name="predicate"/> before <see cref="SingleAssignment"/> scans the method for other writes, so the common
/// case (a local that has nothing to do with tokens) costs one lookup instead of a walk over the whole body.
/// </summary>
internal static class LocalInitializers
{
    public static T? Follow<T>(ILocalReferenceOperation reference, Func<IOperation, T?> predicate, CancellationToken ct)
        where T : class
    {
        ILocalSymbol local = reference.Local;
        if (local.IsRef || InitializerOf(reference, ct) is not { } initializer)
            return null;

        T? result = predicate(initializer);
        if (result is null)
            return null;

        return SingleAssignment.TryGetOnlyValue(local, reference, ct, out _) ? result : null;
    }

    /// <summary>The operation of the local's initializer, declared in the file of the reference; null without one.</summary>
    public static IOperation? InitializerOf(ILocalReferenceOperation reference, CancellationToken ct)
    {
        ILocalSymbol local = reference.Local;
        if (local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model)
            return null;

        SyntaxNode declaration = local.DeclaringSyntaxReferences[0].GetSyntax(ct);
        return declaration.SyntaxTree == model.SyntaxTree && declaration is VariableDeclaratorSyntax { Initializer.Value: { } value }
            ? model.GetOperation(InnerExpression(value), ct)
            : null;
    }

    /// <summary>
    /// <c>value!</c> and <c>(value)</c> have no operation of their own in C# (the suppression is a flag of the operand,
    /// parentheses leave no trace), so the operation of an initializer is asked of the expression inside.
    /// </summary>
    public static ExpressionSyntax InnerExpression(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    expression = suppressed.Operand;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                default:
                    return expression;
            }
        }
    }

    /// <summary>Boolean form of <see cref="Follow{T}"/>.</summary>
    public static bool Follows(ILocalReferenceOperation reference, Func<IOperation, bool> predicate, CancellationToken ct)
        => Follow(reference, value => predicate(value) ? string.Empty : null, ct) is not null;
}
