using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Judges whether a validator delegate of <c>TokenValidationParameters</c> accepts every token. Used by OA0006
/// (<c>AlwaysTrueValidatorAnalyzer</c>) and by the switch rules (<see cref="ValidationSwitchRule"/>).
/// </summary>
internal static class AlwaysTrueValidators
{
    private static readonly ImmutableHashSet<string> Validators = ImmutableHashSet.Create(
        "AudienceValidator",
        "IssuerValidator",
        "IssuerValidatorUsingConfiguration",
        "LifetimeValidator",
        "IssuerSigningKeyValidator",
        "IssuerSigningKeyValidatorUsingConfiguration",
        "TypeValidator",
        "AlgorithmValidator");

    /// <summary>
    /// Whether the value set on validator <paramref name="property"/> accepts everything (<see cref="Verdict.NotProven"/>
    /// for other properties or when that cannot be proven). Also used by the switch rules, which leave a switch
    /// to the delegate that replaces it only when the delegate is not one that accepts everything.
    /// </summary>
    public static Verdict Judge(IPropertySymbol property, IOperation value, CancellationToken ct)
    {
        if (!Validators.Contains(property.Name) || property.Type is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke })
            return Verdict.NotProven;

        bool returnsBool = invoke.ReturnType.SpecialType == SpecialType.System_Boolean;
        bool returnsString = invoke.ReturnType.SpecialType == SpecialType.System_String;
        if (!returnsBool && !returnsString)
            return Verdict.NotProven;

        bool nullGuardIsNoCheck = NullGuardedValidators.Contains(property.Name);
        return FunctionBodies.Judge(value, body => AlwaysAccepts(body, returnsBool, nullGuardIsNoCheck, ct), ct);
    }

    /// <summary>
    /// Validators whose first parameter is the value being judged (issuer, type, audiences, algorithm): a guard that
    /// only rejects that value when it is missing accepts every value a token can actually carry.
    /// </summary>
    /// <remarks>
    /// The signing key validators are among them: the key they are given has already been found among the trusted
    /// keys, so one that only rejects a missing key accepts every key a token can name. The lifetime validator is
    /// not: requiring an expiry is a real check.
    /// </remarks>
    private static readonly ImmutableHashSet<string> NullGuardedValidators = ImmutableHashSet.Create(
        "AudienceValidator",
        "IssuerValidator",
        "IssuerValidatorUsingConfiguration",
        "IssuerSigningKeyValidator",
        "IssuerSigningKeyValidatorUsingConfiguration",
        "TypeValidator",
        "AlgorithmValidator");

    private static bool AlwaysAccepts(FunctionBody function, bool returnsBool, bool nullGuardIsNoCheck, CancellationToken ct)
    {
        // A parameter the body reassigns is no longer the value being judged: its null guards prove nothing.
        IParameterSymbol? judged = nullGuardIsNoCheck && function.Parameters.Length > 0 && FunctionBodies.IsNeverWritten(function.Body, function.Parameters[0])
            ? function.Parameters[0]
            : null;
        return returnsBool
            ? FunctionBodies.AlwaysReturns(function, ret => IsAcceptedBool(ret.ReturnedValue, judged, 0, ct), judged, ct)
            : FunctionBodies.AlwaysReturns(function, ret => ReturnsInputUnchanged(ret, function, judged), judged, ct);
    }

    /// <summary>
    /// A returned value that is true for every present value of <paramref name="judged"/>: <c>true</c>,
    /// <c>audiences != null &amp;&amp; audiences.Any()</c>, <c>string.IsNullOrEmpty(type) ? false : true</c>.
    /// </summary>
    private static bool IsAcceptedBool(IOperation? value, IParameterSymbol? judged, int depth, CancellationToken ct)
    {
        if (value is null || depth > 4)
            return false;

        if (ValueEvaluator.EvaluateBool(value, ct) == BoolValue.True)
            return true;

        // (a, t, p) => AcceptAudience(a, t, p), where the helper in this file returns true on every path.
        if (value.SkipConversions() is IInvocationOperation call && FunctionBodies.IsAlwaysTrueCall(call, ct))
            return true;

        if (judged is null)
            return false;

        value = value.SkipConversions();
        if (value is null)
            return false;

        if (NullGuards.ImpliesMissing(value, judged, whenTrue: false))
            return true;

        return value is IConditionalOperation { WhenFalse: { } whenFalse } conditional
            && (NullGuards.ImpliesMissing(conditional.Condition, judged, whenTrue: true) || IsAcceptedBool(conditional.WhenTrue, judged, depth + 1, ct))
            && (NullGuards.ImpliesMissing(conditional.Condition, judged, whenTrue: false) || IsAcceptedBool(whenFalse, judged, depth + 1, ct));
    }

    /// <summary>Issuer and type validators accept by returning the value they were given (or any fixed string).</summary>
    private static bool ReturnsInputUnchanged(IReturnOperation ret, FunctionBody function, IParameterSymbol? judged)
        => IsAcceptedValue(ret.ReturnedValue, function, judged, 0);

    /// <summary>
    /// The issuer or type as given, a constant, a string property of an argument, or a choice among those
    /// (<c>type ?? "JWT"</c>, <c>issuer == null ? "x" : issuer</c>). A branch taken only when <paramref name="judged"/>
    /// is missing may return anything (<c>string.IsNullOrEmpty(issuer) ? null : issuer</c>).
    /// </summary>
    private static bool IsAcceptedValue(IOperation? value, FunctionBody function, IParameterSymbol? judged, int depth)
    {
        if (depth > 4)
            return false;

        value = value.SkipConversions();
        if (value is null)
            return false;

        if (value.ConstantValue is { HasValue: true, Value: string })
            return true;

        // issuer ?? throw ...: the throw returns nothing; whether it is a check is judged with the other throws.
        if (value is IThrowOperation)
            return true;

        if (value is ICoalesceOperation coalesce)
            return IsAcceptedValue(coalesce.Value, function, judged, depth + 1) && IsAcceptedValue(coalesce.WhenNull, function, judged, depth + 1);

        if (value is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
        {
            bool onlyMissingWhenTrue = judged is not null && NullGuards.ImpliesMissing(conditional.Condition, judged, whenTrue: true);
            bool onlyMissingWhenFalse = judged is not null && NullGuards.ImpliesMissing(conditional.Condition, judged, whenTrue: false);
            return (onlyMissingWhenTrue || IsAcceptedValue(conditional.WhenTrue, function, judged, depth + 1))
                && (onlyMissingWhenFalse || IsAcceptedValue(whenFalse, function, judged, depth + 1));
        }

        // parameters.ValidIssuer, token.Issuer or ((JwtSecurityToken)token).Issuer: a value read, never compared.
        if (value is IPropertyReferenceOperation { Property: { IsIndexer: false, Type.SpecialType: SpecialType.System_String }, Instance: { } instance }
            && instance.SkipConversions() is IParameterReferenceOperation { Parameter: { } owner }
            && function.Parameters.Contains(owner, SymbolEqualityComparer.Default))
            return true;

        return value is IParameterReferenceOperation { Parameter: { } parameter }
            && function.Parameters.Length > 0
            && SymbolEqualityComparer.Default.Equals(parameter, function.Parameters[0])
            && FunctionBodies.IsNeverWritten(function.Body, parameter);
    }
}
