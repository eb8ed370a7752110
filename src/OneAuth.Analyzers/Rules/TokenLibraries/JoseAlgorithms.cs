using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>The algorithm arguments of jose-jwt calls: <c>JwsAlgorithm</c> values and their string names.</summary>
internal static class JoseAlgorithms
{
    /// <summary>The algorithm named by a <c>JwsAlgorithm</c> constant or a constant string, or null.</summary>
    public static string? Name(IOperation? value, CancellationToken ct)
    {
        IOperation? source = ValueEvaluator.Unwrap(value, ct);
        if (source is IFieldReferenceOperation { Field: { HasConstantValue: true, ContainingType: { TypeKind: TypeKind.Enum } type } field }
            && type.Name == "JwsAlgorithm")
            return field.Name;
        if (source?.ConstantValue is { HasValue: true, Value: int number } && source.Type is { TypeKind: TypeKind.Enum, Name: "JwsAlgorithm" } enumType)
        {
            foreach (ISymbol member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: int memberValue } enumField && memberValue == number)
                    return enumField.Name;
            }
        }

        return ValueEvaluator.EvaluateString(value, ct);
    }

    public static bool IsNone(IOperation? value, CancellationToken ct)
        => Name(value, ct) is { } name && string.Equals(name.Trim(), "none", StringComparison.OrdinalIgnoreCase);

    public static bool IsHmac(string? name)
        => name is not null && name.Trim().ToUpperInvariant() is "HS256" or "HS384" or "HS512";
}
