using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Judges the key arguments of JWT.NET and jose-jwt calls: secrets written in source (a constant string, bytes of a
/// constant string, a byte array of constants) and public-key material passed where a shared secret is expected.
/// </summary>
internal static class TokenLibraryKeys
{
    private const int MaxDepth = 4;

    /// <summary>The key argument of a JWT.NET or jose-jwt call: the parameter named key, keys, secret or secrets.</summary>
    public static IArgumentOperation? KeyArgument(IInvocationOperation invocation)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Name is "key" or "keys" or "secret" or "secrets")
                return argument;
        }

        return null;
    }

    /// <summary>The values of a key argument: the argument itself, or the elements of a <c>params</c> array.</summary>
    public static IEnumerable<IOperation> Values(IArgumentOperation argument)
    {
        if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
        {
            foreach (IOperation element in initializer.ElementValues)
                yield return element;
            yield break;
        }

        yield return argument.Value;
    }

    /// <summary>
    /// A secret written in source: non-empty constant text, or bytes made from it or from constants, also as the
    /// fallback of a setting (<c>?? "..."</c>) or one branch of a conditional.
    /// </summary>
    public static bool IsConstantSecret(IOperation? value, CancellationToken ct) => IsConstantSecret(value, 0, ct);

    private static bool IsConstantSecret(IOperation? value, int depth, CancellationToken ct)
    {
        if (value is null || depth > MaxDepth)
            return false;
        if (ValueEvaluator.EvaluateString(value, ct) is { Length: > 0 } text)
            return !IsPublicKeyText(text);

        IOperation? source = ValueEvaluator.Unwrap(value, ct);
        switch (source)
        {
            case ICoalesceOperation coalesce:
                // configuration["Jwt:Secret"] ?? "dev-secret": the fallback ships and is used whenever the setting is missing.
                return IsConstantSecret(coalesce.WhenNull, depth + 1, ct);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return IsConstantSecret(conditional.WhenTrue, depth + 1, ct) || IsConstantSecret(whenFalse, depth + 1, ct);
            case IInvocationOperation { TargetMethod: { } method } invocation:
                // GetBytes of any type under System.Text (Encoding and its encodings): a namespace test, not one type.
                string? type = method.ContainingType?.ToDisplayString();
                if (invocation.Arguments.Length == 1
                    && (method.Name == "GetBytes" && type is not null && type.StartsWith("System.Text.", StringComparison.Ordinal)
                        || method.Name is "FromBase64String" or "FromHexString" && WellKnownTypes.For(invocation).Is(method.ContainingType, WellKnownType.Convert)))
                    return IsConstantSecret(invocation.Arguments[0].Value, depth + 1, ct);
                return method.Name == "ToArray" && invocation.Instance is IUtf8StringOperation { Value.Length: > 0 };
            case IArrayCreationOperation or IArrayInitializerOperation or ICollectionExpressionOperation:
                if (source.Type is IArrayTypeSymbol { ElementType.SpecialType: not SpecialType.System_Byte })
                    return false;
                if (!ValueEvaluator.TryGetElements(source, ct, out var elements) || elements.IsEmpty)
                    return false;
                foreach ((IOperation element, _) in elements)
                {
                    if (element.ConstantValue is not { HasValue: true, Value: byte or int })
                        return false;
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Public-key material: PEM text of a public key or certificate (or its bytes), a public-key export
    /// (<c>ExportSubjectPublicKeyInfo()</c>, <c>ExportRSAPublicKey()</c>, <c>GetPublicKey()</c>, ...), or a value
    /// whose name says it is a public key (<c>publicKey</c>, <c>_rsaPublicKeyPem</c>, <c>PublicKeyBytes</c>).
    /// </summary>
    public static bool IsPublicKeyMaterial(IOperation? value, CancellationToken ct) => IsPublicKeyMaterial(value, 0, ct);

    private static bool IsPublicKeyMaterial(IOperation? value, int depth, CancellationToken ct)
    {
        if (value is null || depth > MaxDepth)
            return false;
        if (ValueEvaluator.EvaluateString(value, ct) is { } text)
            return IsPublicKeyText(text);

        IOperation? stripped = value.SkipConversions();
        if (NamesPublicKey(stripped))
            return true;

        IOperation? source = ValueEvaluator.Unwrap(value, ct);
        if (source != stripped && NamesPublicKey(source))
            return true;
        switch (source)
        {
            case IInvocationOperation { TargetMethod: { } method } invocation:
                if (method.Name is "ExportSubjectPublicKeyInfo" or "ExportRSAPublicKey" or "ExportSubjectPublicKeyInfoPem" or "ExportRSAPublicKeyPem"
                    or "GetPublicKey" or "GetPublicKeyString" or "GetRawCertData" or "GetRawCertDataString" or "ExportCertificatePem")
                    return true;
                if (method.Name is "GetBytes" or "FromBase64String" or "ReadAllText" or "ReadAllBytes" && invocation.Arguments.Length >= 1)
                    return IsPublicKeyMaterial(invocation.Arguments[0].Value, depth + 1, ct)
                           || method.Name is "ReadAllText" or "ReadAllBytes" && IsPublicKeyPath(invocation.Arguments[0].Value, ct);
                return false;
            case IPropertyReferenceOperation { Property.Name: "RawData" } raw when raw.Instance?.Type?.Name is "X509Certificate2" or "X509Certificate":
                return true;
            default:
                return false;
        }
    }

    private static bool NamesPublicKey(IOperation? operation)
    {
        string? name = operation switch
        {
            ILocalReferenceOperation local => local.Local.Name,
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            _ => null,
        };
        if (name is null)
            return false;
        string normalized = name.Replace("_", string.Empty).ToLowerInvariant();
        return normalized.Contains("publickey") || normalized.Contains("pubkey");
    }

    private static bool IsPublicKeyPath(IOperation value, CancellationToken ct)
        => ValueEvaluator.EvaluateString(value, ct) is { } path
           && (path.IndexOf("public", StringComparison.OrdinalIgnoreCase) >= 0 || path.EndsWith(".pub", StringComparison.OrdinalIgnoreCase));

    public static bool IsPublicKeyText(string text)
        => text.IndexOf("PUBLIC KEY-----", StringComparison.Ordinal) >= 0
           || text.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal) >= 0
           || text.StartsWith("ssh-rsa ", StringComparison.Ordinal);
}
