using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Analysis
{
    /// <summary>Recognises values that depend on the hosting environment, such as <c>env.IsDevelopment()</c>.</summary>
    internal static class EnvironmentChecks
    {
        public static bool IsEnvironmentDependent(IOperation? operation, CancellationToken ct)
        {
            for (int depth = 0; operation is not null && depth < 8; depth++)
            {
                ct.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                        operation = not.Operand;
                        continue;
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    case IInvocationOperation invocation:
                        return IsHostEnvironmentQuery(invocation.TargetMethod);
                    case IPropertyReferenceOperation property:
                        return property.Property.Name == "IsAttached"
                            && property.Property.ContainingType.ToDisplayString() == "System.Diagnostics.Debugger";
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                        // env.EnvironmentName == "Development"
                        return IsEnvironmentName(comparison.LeftOperand) || IsEnvironmentName(comparison.RightOperand);
                    default:
                        return false;
                }
            }

            return false;
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

        private static bool IsEnvironmentName(IOperation operand)
        {
            while (operand is IConversionOperation conversion)
                operand = conversion.Operand;

            return operand is IPropertyReferenceOperation { Property.Name: "EnvironmentName" };
        }
    }
}
