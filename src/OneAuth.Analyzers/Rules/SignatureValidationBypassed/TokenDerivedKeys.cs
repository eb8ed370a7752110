using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Finds signing keys built from data the token itself carries: a key resolver that turns its <c>kid</c>, the raw
/// token or a header value into key bytes lets whoever writes the token choose the key that verifies it. Using the
/// kid only to look a trusted key up (<c>keys[kid]</c>, <c>keys.Where(k =&gt; k.KeyId == kid)</c>) is not such a build.
/// </summary>
internal static class TokenDerivedKeys
{
    /// <summary>Types whose constructor arguments (or initialized members) are key material.</summary>
    private static readonly ImmutableHashSet<string> KeyTypes = ImmutableHashSet.Create(
        "JsonWebKey", "JsonWebKeySet", "X509Certificate2");

    /// <summary>Members of a <c>JsonWebKey</c> initializer that name or describe the key rather than hold it.</summary>
    private static readonly ImmutableHashSet<string> DescriptiveMembers = ImmutableHashSet.Create(
        "Kid", "KeyId", "Kty", "Alg", "Use", "CryptoProviderFactory", "X5t", "X5tS256");

    /// <summary>Calls that only re-encode their input: the result is as attacker-chosen as the input.</summary>
    private static readonly ImmutableHashSet<string> Encoders = ImmutableHashSet.Create(
        "GetBytes", "FromBase64String", "DecodeBytes", "Decode", "Create", "LoadCertificate",
        "ReadToken", "ReadJwtToken", "ReadJsonWebToken", "HashData");

    /// <summary>True when the body creates a security key, JSON web key or certificate from the token's own data.</summary>
    public static bool BuildsKeyFromTokenData(FunctionBody function, CancellationToken ct)
    {
        foreach (IOperation operation in FunctionBodies.OwnOperations(function.Body))
        {
            ct.ThrowIfCancellationRequested();
            if (operation is IObjectCreationOperation { Constructor.ContainingType: { } type } creation
                && IsKeyType(type, WellKnownTypes.For(creation))
                && MaterialFromToken(creation, function, ct))
                return true;

            if (operation is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Create", ContainingType: { } factory } } create
                && IsKeyType(factory, WellKnownTypes.For(create))
                && AnyArgumentFromToken(create.Arguments, function, 0, ct))
                return true;
        }

        return false;
    }

    private static bool MaterialFromToken(IObjectCreationOperation creation, FunctionBody function, CancellationToken ct)
    {
        if (AnyArgumentFromToken(creation.Arguments, function, 0, ct))
            return true;

        if (creation.Initializer is null)
            return false;

        foreach (IOperation initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } member } } assignment
                && !DescriptiveMembers.Contains(member.Name)
                && IsFromToken(assignment.Value, function, 0, ct))
                return true;
        }

        return false;
    }

    private static bool AnyArgumentFromToken(ImmutableArray<IArgumentOperation> arguments, FunctionBody function, int depth, CancellationToken ct)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (IsFromToken(argument.Value, function, depth + 1, ct))
                return true;
        }

        return false;
    }

    /// <summary>
    /// The value is one of the token-carried parameters (raw token, parsed token, kid), something read from the
    /// parsed token, a re-encoding of such a value, or a concatenation of such values with constants.
    /// </summary>
    private static bool IsFromToken(IOperation? value, FunctionBody function, int depth, CancellationToken ct)
    {
        if (value is null || depth > 10)
            return false;

        switch (ValueEvaluator.UnwrapLocals(value, ct))
        {
            case IParameterReferenceOperation { Parameter: { } parameter } reference:
                return IsTokenCarried(parameter, function, WellKnownTypes.For(reference));
            case IPropertyReferenceOperation property:
                // jwt.Header.Kid, jwt.Header["k"], securityToken.Id: a read of the token's own content.
                return property.Instance is not null && IsFromToken(property.Instance, function, depth + 1, ct);
            case IInvocationOperation invocation:
                // jwt.GetHeaderValue<string>("k"), kid.Substring(2): a value computed from the token's content.
                if (invocation.Instance is not null && IsFromToken(invocation.Instance, function, depth + 1, ct))
                    return invocation.Type?.SpecialType != SpecialType.System_Boolean;
                return Encoders.Contains(invocation.TargetMethod.Name)
                    && OnlyTokenDataAndConstants(invocation.Arguments, function, depth + 1, ct);
            case IObjectCreationOperation { Constructor.ContainingType: { } created } creation:
                // new JsonWebToken(token), new JwtSecurityToken(token): a parse, not a verification.
                return created.Name is "JsonWebToken" or "JwtSecurityToken"
                    && AnyArgumentFromToken(creation.Arguments, function, depth + 1, ct);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                // kid + "-key" is still chosen by the token's author; secret + kid is not.
                return IsFromTokenOrConstant(concatenation.LeftOperand, function, depth + 1, ct)
                    && IsFromTokenOrConstant(concatenation.RightOperand, function, depth + 1, ct)
                    && (IsFromToken(concatenation.LeftOperand, function, depth + 1, ct) || IsFromToken(concatenation.RightOperand, function, depth + 1, ct));
            case ICoalesceOperation coalesce:
                return IsFromToken(coalesce.Value, function, depth + 1, ct);
            default:
                return false;
        }
    }

    /// <summary>
    /// Every argument is token data or a constant, and one is token data: <c>HMACSHA256.HashData(secret, kidBytes)</c>
    /// mixes in a server secret, so its result is not chosen by the token's author.
    /// </summary>
    private static bool OnlyTokenDataAndConstants(ImmutableArray<IArgumentOperation> arguments, FunctionBody function, int depth, CancellationToken ct)
    {
        bool any = false;
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                continue;
            if (IsFromToken(argument.Value, function, depth, ct))
                any = true;
            else if (!argument.Value.ConstantValue.HasValue)
                return false;
        }

        return any;
    }

    private static bool IsFromTokenOrConstant(IOperation value, FunctionBody function, int depth, CancellationToken ct)
        => value.ConstantValue.HasValue || IsFromToken(value, function, depth, ct);

    /// <summary>The raw token, the parsed token and the kid: every parameter but the validation parameters and configuration.</summary>
    private static bool IsTokenCarried(IParameterSymbol parameter, FunctionBody function, WellKnownTypes known)
    {
        if (!function.Parameters.Contains(parameter, SymbolEqualityComparer.Default))
            return false;
        return parameter.Type.SpecialType == SpecialType.System_String || known.DerivesFrom(parameter.Type, WellKnownType.SecurityToken);
    }

    private static bool IsKeyType(INamedTypeSymbol type, WellKnownTypes known)
    {
        return KeyTypes.Contains(type.Name) || known.DerivesFrom(type, WellKnownType.SecurityKey);
    }
}
