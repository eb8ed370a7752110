using System;
using System.Globalization;
using System.Threading;
using System.Xml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Evaluates the parse calls that turn a constant string into a value, as the running program would:
/// <c>bool.Parse("false")</c>, <c>Convert.ToBoolean("false")</c>, <c>double.Parse("90")</c>,
/// <c>TimeSpan.Parse("01:00:00")</c>, <c>TimeSpan.ParseExact("90", "%m", ...)</c> and
/// <c>XmlConvert.ToTimeSpan("PT1H")</c>. A string that is not constant, or that the call would reject, gives no
/// value: unknown is never reported.
/// </summary>
internal static class ConstantParsing
{
    /// <summary><c>bool.Parse(s)</c> and <c>Convert.ToBoolean(s)</c> with a constant <c>"true"</c>/<c>"false"</c>.</summary>
    public static bool? ParseBool(IInvocationOperation invocation, CancellationToken ct)
    {
        IMethodSymbol method = invocation.TargetMethod;
        bool isParse = method.ContainingType?.SpecialType == SpecialType.System_Boolean && method.Name == "Parse";
        bool isConvert = IsType(invocation, method.ContainingType, WellKnownType.Convert) && method.Name == "ToBoolean";
        if (!method.IsStatic || (!isParse && !isConvert) || StringArgument(invocation, 0, ct) is not { } text)
            return null;

        // bool.Parse ignores case and surrounding white space; anything else throws at run time.
        return bool.TryParse(text, out bool value) ? value : null;
    }

    /// <summary>
    /// <c>int.Parse</c>, <c>long.Parse</c>, <c>double.Parse</c>, <c>decimal.Parse</c>, <c>float.Parse</c>,
    /// <c>Convert.ToInt32</c>, <c>Convert.ToDouble</c> ... of a constant whole number. A string with a separator
    /// (<c>"1.5"</c>, <c>"1,000"</c>) is left unknown: its value depends on the culture the program runs in.
    /// </summary>
    public static double? ParseNumber(IInvocationOperation invocation, CancellationToken ct)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (!method.IsStatic)
            return null;

        bool isParse = method.Name == "Parse" && method.ContainingType?.SpecialType is SpecialType.System_Int16 or SpecialType.System_Int32
            or SpecialType.System_Int64 or SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal;
        bool isConvert = IsType(invocation, method.ContainingType, WellKnownType.Convert)
            && method.Name is "ToInt16" or "ToInt32" or "ToInt64" or "ToDouble" or "ToSingle" or "ToDecimal";
        if (!isParse && !isConvert)
            return null;

        // Parse(string, NumberStyles ...) could allow hex or thousands; only the plain overloads are evaluated.
        if (invocation.Arguments.Length > 1 && invocation.Arguments[1].Parameter?.Type.Name != "IFormatProvider")
            return null;

        if (StringArgument(invocation, 0, ct) is not { } text)
            return null;

        text = text.Trim();
        int digits = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        if (digits == text.Length || text.Length - digits > 15)
            return null;
        for (int i = digits; i < text.Length; i++)
        {
            if (text[i] is < '0' or > '9')
                return null;
        }

        double number = double.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        // int.Parse("9999999999") throws at run time: out of range is no value at all.
        SpecialType target = isParse ? method.ContainingType!.SpecialType : method.ReturnType.SpecialType;
        double limit = target switch
        {
            SpecialType.System_Int16 => short.MaxValue,
            SpecialType.System_Int32 => int.MaxValue,
            _ => double.MaxValue,
        };
        return number > limit || number < -limit - 1 ? null : number;
    }

    /// <summary>
    /// The length in seconds of <c>TimeSpan.Parse(s)</c>, <c>TimeSpan.ParseExact(s, format, provider)</c> (one
    /// constant format) and <c>XmlConvert.ToTimeSpan(s)</c> with constant strings; null when the call would throw.
    /// </summary>
    public static double? ParseDuration(IInvocationOperation invocation, CancellationToken ct)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (!method.IsStatic)
            return null;

        // The type before the string: evaluating it may follow locals and fields through the whole member.
        if (IsType(invocation, method.ContainingType, WellKnownType.XmlConvert) && method.Name == "ToTimeSpan")
            return StringArgument(invocation, 0, ct) is { } xml ? XmlDuration(xml) : null;

        if (!IsType(invocation, method.ContainingType, WellKnownType.TimeSpan) || StringArgument(invocation, 0, ct) is not { } text)
            return null;

        if (method.Name == "Parse" && IsPlainProvider(invocation, 1))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan parsed) ? parsed.TotalSeconds : null;
        }

        if (method.Name == "ParseExact" && invocation.Arguments.Length is 3 or 4
            && invocation.Arguments[1].Parameter?.Type.SpecialType == SpecialType.System_String
            && StringArgument(invocation, 1, ct) is { } format
            && IsPlainProvider(invocation, 2))
        {
            TimeSpanStyles styles = TimeSpanStyles.None;
            if (invocation.Arguments.Length == 4)
            {
                if (invocation.Arguments[3].Value.ConstantValue is not { HasValue: true, Value: int flags })
                    return null;
                styles = (TimeSpanStyles)flags;
            }

            return TimeSpan.TryParseExact(text, format, CultureInfo.InvariantCulture, styles, out TimeSpan exact) ? exact.TotalSeconds : null;
        }

        return null;
    }

    private static double? XmlDuration(string text)
    {
        try
        {
            return XmlConvert.ToTimeSpan(text).TotalSeconds;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// No provider argument at <paramref name="index"/>, <c>null</c>, or <c>CultureInfo.InvariantCulture</c>: the
    /// string is read as written. Another culture could read a fraction differently, so it is left unknown.
    /// </summary>
    private static bool IsPlainProvider(IInvocationOperation invocation, int index)
    {
        if (invocation.Arguments.Length <= index)
            return true;

        IArgumentOperation argument = invocation.Arguments[index];
        if (argument.Parameter?.Type.Name != "IFormatProvider")
            return false;

        IOperation? value = argument.Value.SkipConversions();
        return value is { ConstantValue: { HasValue: true, Value: null } }
            || value is IPropertyReferenceOperation { Property: { Name: "InvariantCulture", ContainingType: var type } } && IsType(invocation, type, WellKnownType.CultureInfo);
    }

    private static string? StringArgument(IInvocationOperation invocation, int index, CancellationToken ct)
    {
        if (invocation.Arguments.Length <= index)
            return null;

        IArgumentOperation argument = invocation.Arguments[index];
        // Parse(ReadOnlySpan<char>) receives the string through an implicit conversion.
        if (argument.Parameter?.Type is not { SpecialType: SpecialType.System_String } and not { Name: "ReadOnlySpan" })
            return null;

        return ValueEvaluator.EvaluateString(argument.Value, ct);
    }

    private static bool IsType(IOperation site, INamedTypeSymbol? type, WellKnownType expected)
        => WellKnownTypes.For(site).Is(type, expected);
}
