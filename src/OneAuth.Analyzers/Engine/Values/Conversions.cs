using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

internal static class Conversions
{
    /// <summary>
    /// The operand under any conversions (implicit ones and casts such as <c>(JwtSecurityToken)token</c> or
    /// <c>token as JsonWebToken</c>) and parentheses; null for null.
    /// </summary>
    public static IOperation? Skip(IOperation? operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        return operation;
    }
}
