using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>The small moves over an operation tree that every rule makes: up to the root, in and out of conversions.</summary>
internal static class OperationExtensions
{
    /// <summary>
    /// The operand under any conversions (implicit ones and casts such as <c>(JwtSecurityToken)token</c> or
    /// <c>token as JsonWebToken</c>) and parentheses; null for null.
    /// </summary>
    public static IOperation? SkipConversions(this IOperation? operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        return operation;
    }

    /// <summary>
    /// As <see cref="SkipConversions"/>, and also through <c>?.</c>: <c>a?.b</c> stands for <c>b</c>, and the implicit
    /// receiver inside <c>?.</c> stands for the expression before the <c>?</c>, so <c>p.FindFirst("app_id")?.Value</c>
    /// reads like <c>p.FindFirst("app_id").Value</c>. Null for null, and after <see cref="DepthLimits.ConditionalAccessSteps"/> steps.
    /// </summary>
    public static IOperation? SkipConversionsAndConditionalAccess(this IOperation? operation)
    {
        for (int steps = 0; steps < DepthLimits.ConditionalAccessSteps; steps++)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IConditionalAccessOperation conditional:
                    operation = conditional.WhenNotNull;
                    continue;
                case IConditionalAccessInstanceOperation instance:
                    operation = ConditionalAccessReceiver(instance);
                    continue;
                default:
                    return operation;
            }
        }

        return null;
    }

    /// <summary>The root of the operation tree that holds <paramref name="operation"/>: the whole member body (or top-level code).</summary>
    public static IOperation Root(this IOperation operation)
    {
        while (operation.Parent is not null)
            operation = operation.Parent;
        return operation;
    }

    /// <summary>The outermost conversion or parenthesis around <paramref name="operation"/>, or the operation itself.</summary>
    public static IOperation Outermost(this IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation)
            operation = operation.Parent;
        return operation;
    }

    /// <summary>
    /// The outermost implicit conversion or parenthesis around <paramref name="operation"/>: the value as a store
    /// receives it. Unlike <see cref="Outermost"/>, a cast stops the walk (it makes another value).
    /// </summary>
    public static IOperation OutermostImplicit(this IOperation operation)
    {
        while (operation.Parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
            operation = operation.Parent;
        return operation;
    }

    /// <summary>The local or parameter <paramref name="operation"/> reads (as written: no conversion is skipped); null otherwise.</summary>
    public static ISymbol? ReferencedVariable(this IOperation? operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private static IOperation? ConditionalAccessReceiver(IConditionalAccessInstanceOperation instance)
    {
        IOperation child = instance;
        for (IOperation? parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation conditional && conditional.WhenNotNull == child)
                return conditional.Operation;
        }

        return null;
    }
}
