using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Cheap pre-filters for the flow rules: one walk over a member's operation blocks decides whether the member can
/// contain what a rule tracks (an <c>"app_id"</c> constant, an unverified-token read) before any per-operation work.
/// </summary>
internal static class OperationBlocks
{
    public static bool Any(ImmutableArray<IOperation> blocks, Func<IOperation, bool> predicate)
    {
        foreach (IOperation block in blocks)
        {
            foreach (IOperation operation in block.DescendantsAndSelf())
            {
                if (predicate(operation))
                    return true;
            }
        }

        return false;
    }

    /// <summary>True when some operation is the constant string <paramref name="value"/> (a literal or a const).</summary>
    public static bool ContainsConstant(ImmutableArray<IOperation> blocks, string value)
        => Any(blocks, o => o.ConstantValue is { HasValue: true, Value: string s } && s == value);
}
