using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Proves the length of a <see cref="TimeSpan"/> written in source, in seconds: <c>TimeSpan.FromX(...)</c>
/// (every overload, named units summed), <c>new TimeSpan(...)</c>, <c>TimeSpan.MaxValue</c>/<c>Zero</c>, with
/// constant arguments (also a number parsed from a constant string), <c>TimeSpan.Parse</c>/<c>ParseExact</c> and
/// <c>XmlConvert.ToTimeSpan</c> of a constant string, also through <c>const</c>/<c>static readonly</c> fields, single-assignment locals and
/// conditionals. Anything else is unknown (null).
/// </summary>
internal static class DurationEvaluator
{
    /// <summary>A proven duration; <see cref="EnvironmentDependent"/> when only one environment-chosen branch has it.</summary>
    public readonly struct Duration
    {
        public Duration(double seconds, bool environmentDependent)
        {
            Seconds = seconds;
            EnvironmentDependent = environmentDependent;
        }

        public double Seconds { get; }

        public bool EnvironmentDependent { get; }
    }

    /// <summary>
    /// The longest duration the value can have, when it can be proven. For a conditional whose branches are
    /// both known this is the longer branch; when the condition is an environment check and only the longer
    /// branch exceeds <paramref name="threshold"/>, the result is marked environment dependent.
    /// </summary>
    public static Duration? EvaluateMaximum(IOperation? operation, double threshold, CancellationToken ct)
        => Evaluate(operation, threshold, 0, ct);

    private static Duration? Evaluate(IOperation? operation, double threshold, int depth, CancellationToken ct)
    {
        if (depth > DepthLimits.ValueSteps)
            return null;

        operation = ValueEvaluator.Unwrap(operation, ct);
        switch (operation)
        {
            case IConditionalOperation { WhenFalse: not null } conditional:
            {
                Duration? whenTrue = Evaluate(conditional.WhenTrue, threshold, depth + 1, ct);
                Duration? whenFalse = Evaluate(conditional.WhenFalse, threshold, depth + 1, ct);
                if (whenTrue is { } t && whenFalse is { } f)
                {
                    Duration longer = t.Seconds >= f.Seconds ? t : f;
                    Duration shorter = t.Seconds >= f.Seconds ? f : t;
                    bool bothExceed = shorter.Seconds > threshold && !shorter.EnvironmentDependent;
                    if (bothExceed || longer.Seconds <= threshold)
                        return longer;
                    return EnvironmentChecks.IsEnvironmentDependent(conditional.Condition, ct) ? new Duration(longer.Seconds, true) : null;
                }

                // One branch unknown (configuration): only an environment switch to a huge value is certain enough.
                Duration? known = whenTrue ?? whenFalse;
                return known is { } k && k.Seconds > threshold && EnvironmentChecks.IsEnvironmentDependent(conditional.Condition, ct)
                    ? new Duration(k.Seconds, true)
                    : null;
            }

            case IFieldReferenceOperation { Field: { IsStatic: true, ContainingType.SpecialType: SpecialType.None } field } when IsTimeSpan(field.ContainingType, operation):
                return field.Name switch
                {
                    "MaxValue" => new Duration(double.PositiveInfinity, false),
                    "Zero" => new Duration(0, false),
                    _ => null,
                };

            case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation when IsTimeSpan(method.ContainingType, invocation) && method.Name.StartsWith("From", StringComparison.Ordinal):
                return Sum(invocation.Arguments, UnitOf(method.Name.Substring("From".Length)), ct);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } sum
                when IsTimeSpan(sum.LeftOperand.Type, sum) && IsTimeSpan(sum.RightOperand.Type, sum):
            {
                // TimeSpan.FromMinutes(5) + TimeSpan.FromMinutes(10): both sides must be known and fixed.
                if (Evaluate(sum.LeftOperand, double.MaxValue, depth + 1, ct) is not { EnvironmentDependent: false } left
                    || Evaluate(sum.RightOperand, double.MaxValue, depth + 1, ct) is not { EnvironmentDependent: false } right)
                    return null;
                return new Duration(sum.OperatorKind == BinaryOperatorKind.Add ? left.Seconds + right.Seconds : left.Seconds - right.Seconds, false);
            }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide } scaled
                when IsTimeSpan(scaled.Type, scaled):
            {
                // TimeSpan.FromMinutes(5) * 2, 2 * TimeSpan.FromMinutes(5), TimeSpan.FromHours(1) / 2
                bool spanOnLeft = IsTimeSpan(scaled.LeftOperand.Type, scaled);
                IOperation span = spanOnLeft ? scaled.LeftOperand : scaled.RightOperand;
                IOperation factor = spanOnLeft ? scaled.RightOperand : scaled.LeftOperand;
                if (Evaluate(span, double.MaxValue, depth + 1, ct) is not { EnvironmentDependent: false } value || Number(factor, ct) is not { } number)
                    return null;
                if (scaled.OperatorKind == BinaryOperatorKind.Divide)
                    return spanOnLeft && number != 0 ? new Duration(value.Seconds / number, false) : null;
                return new Duration(value.Seconds * number, false);
            }

            case IInvocationOperation invocation when ConstantParsing.ParseDuration(invocation, ct) is { } parsed:
                // TimeSpan.Parse("01:00:00"), TimeSpan.ParseExact("90", "%m", null), XmlConvert.ToTimeSpan("PT1H")
                return new Duration(parsed, false);

            case IObjectCreationOperation { Constructor: { } constructor } creation when IsTimeSpan(constructor.ContainingType, creation):
                return creation.Arguments.IsEmpty ? new Duration(0, false) : Sum(creation.Arguments, null, ct);

            default:
                return null;
        }
    }

    private static Duration? Sum(ImmutableArray<IArgumentOperation> arguments, double? methodUnit, CancellationToken ct)
    {
        double total = 0;
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
                return null;

            double? unit = UnitOf(parameter.Name) ?? (parameter.Name == "value" ? methodUnit : null);
            if (unit is null || Number(argument.Value, ct) is not { } number)
                return null;

            total += number * unit.Value;
        }

        return new Duration(total, false);
    }

    private static double? Number(IOperation value, CancellationToken ct)
    {
        // A constant as written (a cast may change it), else what the value was set from, unwrapped once.
        IOperation? source = value.ConstantValue.HasValue ? value : ValueEvaluator.Unwrap(value, ct);

        // TimeSpan.FromMinutes(double.Parse("90"))
        if (source is IInvocationOperation invocation)
            return ConstantParsing.ParseNumber(invocation, ct);

        object? constant = source?.ConstantValue is { HasValue: true } c ? c.Value : null;
        return constant switch
        {
            int i => i,
            long l => l,
            double d => d,
            float f => f,
            decimal m => (double)m,
            short s => s,
            byte b => b,
            uint ui => ui,
            ulong ul => ul,
            _ => null,
        };
    }

    private static double? UnitOf(string name) => name.ToLowerInvariant() switch
    {
        "days" => 86400,
        "hours" => 3600,
        "minutes" => 60,
        "seconds" => 1,
        "milliseconds" => 1e-3,
        "microseconds" => 1e-6,
        "ticks" => 1e-7,
        _ => null,
    };

    private static bool IsTimeSpan(ITypeSymbol? type, IOperation site) => WellKnownTypes.For(site).Is(type, WellKnownType.TimeSpan);

    /// <summary>"90 seconds", "10 minutes", "2 hours", "TimeSpan.MaxValue".</summary>
    public static string Describe(double seconds)
    {
        if (double.IsInfinity(seconds) || seconds >= TimeSpan.MaxValue.TotalSeconds)
            return "TimeSpan.MaxValue";
        if (seconds >= 86400 && seconds % 86400 == 0)
            return Plural(seconds / 86400, "day");
        if (seconds >= 3600 && seconds % 3600 == 0)
            return Plural(seconds / 3600, "hour");
        if (seconds >= 60 && seconds % 60 == 0)
            return Plural(seconds / 60, "minute");
        return Plural(Math.Round(seconds, 3), "second");
    }

    private static string Plural(double count, string unit)
        => count.ToString(CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? string.Empty : "s");
}
