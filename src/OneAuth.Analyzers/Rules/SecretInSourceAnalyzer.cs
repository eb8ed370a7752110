using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0011: a signing secret or private key written in source: <c>new SymmetricSecurityKey(...)</c> over bytes
/// that are constant (<c>Encoding.X.GetBytes("...")</c>, <c>Convert.FromBase64String("...")</c>,
/// <c>Convert.FromHexString("...")</c>, <c>"..."u8.ToArray()</c>, a byte array of constants), a PEM private key
/// in a string literal, JWK JSON with a private member (<c>"d"</c>, or <c>"k"</c> of an <c>oct</c> key), and
/// constant private members set on a <c>JsonWebKey</c>. Values read at run time (configuration, files, key
/// vaults) are never reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecretInSourceAnalyzer : DiagnosticAnalyzer
{
    internal const string SymmetricKey = "The secret of this SymmetricSecurityKey";
    internal const string PemKey = "A PEM private key";
    internal const string JwkJson = "A private JSON Web Key";

    private static readonly ImmutableHashSet<string> PrivateJwkMembers = ImmutableHashSet.Create("D", "P", "Q", "DP", "DQ", "QI", "K");

    // The marker alone (a constant used to strip or rebuild a PEM read at run time) is not a key: some key
    // material must follow it.
    private static readonly Regex PemPrivateKey = new(
        "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[^-]*?[A-Za-z0-9+/]{24}",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    private static readonly Regex JwkPrivateMember = new(
        "\"(?:d|k)\"\\s*:\\s*\"[A-Za-z0-9_\\-]",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    private static readonly Regex JwkKeyType = new(
        "\"kty\"\\s*:",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.SecretInSource);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is null)
                return;

            start.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(AnalyzeString, OperationKind.Literal, OperationKind.InterpolatedString, OperationKind.Binary);
            start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not { Name: "SymmetricSecurityKey" } type
            || !WellKnownTypes.For(context.Compilation).Is(type, WellKnownType.SymmetricSecurityKey)
            || creation.Arguments.Length != 1)
            return;

        if (IsConstantBytes(creation.Arguments[0].Value, context.CancellationToken))
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SecretInSource, creation.Syntax.GetLocation(), SymmetricKey));
    }

    /// <summary>
    /// A constant string, judged whole: a literal, a raw string, an interpolated string of constants or a
    /// concatenation of constants. Pieces of a larger constant are left to it; pieces of a string built at run
    /// time (<c>$"-----BEGIN PRIVATE KEY-----\n{body}"</c>) are judged alone.
    /// </summary>
    private static void AnalyzeString(OperationAnalysisContext context)
    {
        // The type first: this runs for every literal and binary operator in the project, and few of them are strings.
        IOperation operation = context.Operation;
        if (operation.Type?.SpecialType != SpecialType.System_String
            || operation.ConstantValue is not { HasValue: true, Value: string text }
            || text.Length < 16
            || IsPartOfLargerConstant(operation))
            return;

        string? what = null;
        if (text.IndexOf("PRIVATE KEY-----", StringComparison.Ordinal) >= 0 && PemPrivateKey.Match(text) is { Success: true } pem && !IsPlaceholderPem(text, pem.Index))
            what = PemKey;
        else if (text.IndexOf("\"kty\"", StringComparison.Ordinal) >= 0 && JwkKeyType.IsMatch(text) && JwkPrivateMember.IsMatch(text))
            what = JwkJson;

        if (what is not null)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SecretInSource, operation.Syntax.GetLocation(), what));
    }

    /// <summary>Words that mark a PEM block as a stand-in: in its label or its body, in any case.</summary>
    private static readonly string[] PlaceholderWords = { "fake", "example", "dummy", "placeholder", "sample", "redacted", "notreal", "not-real", "not_a_real", "your" };

    /// <summary>The shortest body of a real private key: an Ed25519 PKCS#8 key is 64 base64 characters.</summary>
    private const int MinimumKeyBody = 60;

    /// <summary>
    /// A PEM block that says it is not a key: its label or body names itself fake, an example, a dummy or a
    /// placeholder, its body is elided (<c>...</c>, <c>&lt;key&gt;</c>), or the body is too short to hold any private key.
    /// </summary>
    private static bool IsPlaceholderPem(string text, int start)
    {
        int labelEnd = text.IndexOf("-----", start + "-----BEGIN".Length, StringComparison.Ordinal);
        if (labelEnd < 0)
            return false;

        int bodyStart = labelEnd + "-----".Length;
        int bodyEnd = text.IndexOf("-----END", bodyStart, StringComparison.Ordinal);
        string label = text.Substring(start, bodyStart - start);
        string body = bodyEnd < 0 ? text.Substring(bodyStart) : text.Substring(bodyStart, bodyEnd - bodyStart);
        foreach (string word in PlaceholderWords)
        {
            // A short word inside base64 may be chance: in the body it must stand alone (" fake ", "FAKE-KEY").
            if (label.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0
                || (word.Length >= 5 ? body.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0 : StandsAlone(body, word)))
                return true;
        }

        if (body.IndexOf("...", StringComparison.Ordinal) >= 0 || body.IndexOf('<') >= 0 || body.IndexOf('\u2026') >= 0)
            return true;

        int keyCharacters = 0;
        foreach (char c in body)
        {
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '=')
                keyCharacters++;
        }

        return keyCharacters < MinimumKeyBody;
    }

    private static bool StandsAlone(string body, string word)
    {
        for (int at = body.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = body.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            bool before = at == 0 || !char.IsLetterOrDigit(body[at - 1]);
            bool after = at + word.Length == body.Length || !char.IsLetterOrDigit(body[at + word.Length]);
            if (before && after)
                return true;
        }

        return false;
    }

    private static bool IsPartOfLargerConstant(IOperation operation)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IInterpolatedStringTextOperation or IInterpolationOperation or IParenthesizedOperation or IConversionOperation:
                    continue;
                case IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                    if (parent.ConstantValue is { HasValue: true, Value: string })
                        return true;
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary><c>new JsonWebKey { D = "..." }</c>, <c>jwk.K = "..."</c>.</summary>
    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { ContainingType: { Name: "JsonWebKey" } owner } property }
            || !PrivateJwkMembers.Contains(property.Name)
            || !WellKnownTypes.For(context.Compilation).Is(owner, WellKnownType.JsonWebKey))
            return;

        if (ValueEvaluator.EvaluateString(assignment.Value, context.CancellationToken) is { Length: > 0 })
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SecretInSource, assignment.Syntax.GetLocation(), $"The private member '{property.Name}' of this JsonWebKey"));
    }

    private static bool IsConstantBytes(IOperation value, CancellationToken ct) => IsConstantBytes(value, 0, ct);

    private static bool IsConstantBytes(IOperation value, int depth, CancellationToken ct)
    {
        if (depth > 4)
            return false;

        IOperation? source = ValueEvaluator.Unwrap(value, ct);
        switch (source)
        {
            case IInvocationOperation { TargetMethod: { } method } invocation:
                // GetBytes and HashData are recognised by namespace (System.Text., System.Security.Cryptography.), not by one type.
                string? type = method.ContainingType?.ToDisplayString();
                WellKnownTypes known = WellKnownTypes.For(invocation);
                if (method.Name == "GetBytes" && type is not null && type.StartsWith("System.Text.", StringComparison.Ordinal)
                    && invocation.Arguments.Length == 1)
                    return MayBeConstantText(invocation.Arguments[0].Value, 0, ct);

                if (method.Name is "FromBase64String" or "FromHexString" && known.Is(method.ContainingType, WellKnownType.Convert) && invocation.Arguments.Length == 1)
                    return MayBeConstantText(invocation.Arguments[0].Value, 0, ct);

                if (method.Name == "ToArray" && invocation.Instance is IUtf8StringOperation { Value.Length: > 0 })
                    return true;

                // Base64UrlEncoder.DecodeBytes("..."), WebEncoders.Base64UrlDecode("...")
                if (method.Name is "DecodeBytes" or "Base64UrlDecode" && invocation.Arguments.Length >= 1
                    && known.IsAny(method.ContainingType, WellKnownType.Base64UrlEncoder, WellKnownType.WebEncoders))
                    return MayBeConstantText(invocation.Arguments[0].Value, 0, ct);

                // SHA256.HashData(Encoding.UTF8.GetBytes("...")): a fixed digest of a fixed secret is still fixed.
                if (method.Name is "HashData" or "ComputeHash" && type is not null && type.StartsWith("System.Security.Cryptography.", StringComparison.Ordinal)
                    && invocation.Arguments.Length == 1 && invocation.Arguments[0].Value.Type is IArrayTypeSymbol)
                    return IsConstantBytes(invocation.Arguments[0].Value, depth + 1, ct);

                return false;

            case IFieldReferenceOperation reference when IsUnchangedStaticField(reference, ct, out IOperation? initial) && initial is not null:
                // static byte[] Key = Encoding.UTF8.GetBytes("..."); never assigned again
                return IsConstantBytes(initial, depth + 1, ct);

            case IArrayCreationOperation or IArrayInitializerOperation or ICollectionExpressionOperation:
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
    /// The text is a non-empty constant, or falls back to one (<c>config["Jwt:Key"] ?? "dev-secret"</c>, an options property <c>public string Key { get; set; } = "dev-secret";</c>,
    /// <c>isDev ? "dev-secret" : config["Jwt:Key"]</c>, <c>config.GetValue("Jwt:Key", "dev-secret")</c>): the fallback
    /// ships in the binary and is used whenever the setting is missing.
    /// </summary>
    private static bool MayBeConstantText(IOperation? value, int depth, CancellationToken ct)
    {
        if (ValueEvaluator.EvaluateString(value, ct) is { Length: > 0 })
            return true;

        if (depth > 4)
            return false;

        return ValueEvaluator.Unwrap(value, ct) switch
        {
            IFieldReferenceOperation reference when IsUnchangedStaticField(reference, ct, out IOperation? initial)
                => initial is null || MayBeConstantText(initial, depth + 1, ct),
            ICoalesceOperation coalesce => MayBeConstantText(coalesce.WhenNull, depth + 1, ct),
            IConditionalOperation { WhenFalse: { } whenFalse } conditional
                => MayBeConstantText(conditional.WhenTrue, depth + 1, ct) || MayBeConstantText(whenFalse, depth + 1, ct),
            IInvocationOperation invocation when ConfigurationDefault(invocation) is { } fallback
                => MayBeConstantText(fallback, depth + 1, ct),
            IPropertyReferenceOperation { Property: { IsStatic: false } property } => HasLiteralDefault(property, ct),
            _ => false,
        };
    }

    /// <summary>
    /// The initializer of a static field that is not readonly but that nothing in the project assigns again
    /// (<c>private static string Secret = "...";</c>): it holds its initial value like a readonly one. Writes are
    /// found by name (any assignment, increment, or <c>ref</c>/<c>out</c> use of that name counts), in the
    /// declaring type for a private field, in every file otherwise. <paramref name="initializer"/> is the initial
    /// value when the field is declared in the file of the reference, and null for a non-empty string literal
    /// initializer in another file (read from syntax).
    /// </summary>
    private static bool IsUnchangedStaticField(IFieldReferenceOperation reference, CancellationToken ct, out IOperation? initializer)
    {
        initializer = null;
        IFieldSymbol field = reference.Field;
        if (!field.IsStatic || field.IsReadOnly || field.IsConst || reference.SemanticModel is not { } model)
            return false;

        if (!ValueEvaluator.TryGetInitializer(field, reference, out initializer) || initializer is null)
        {
            initializer = null;
            bool literal = field.DeclaringSyntaxReferences.Any(r => r.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax { Token.ValueText.Length: > 0 } value }
                && value.IsKind(SyntaxKind.StringLiteralExpression));
            if (!literal)
                return false;
        }

        return ValueEvaluator.IsNeverReassigned(field, model.Compilation, ct);
    }

    /// <summary>
    /// An auto-property of a class in this project whose initializer is a non-empty string literal: options bound from
    /// configuration keep it whenever the setting is missing. Read from syntax, so the class may be in another file.
    /// </summary>
    private static bool HasLiteralDefault(IPropertySymbol property, CancellationToken ct)
    {
        foreach (SyntaxReference declaration in property.DeclaringSyntaxReferences)
        {
            if (declaration.GetSyntax(ct) is PropertyDeclarationSyntax { Initializer.Value: LiteralExpressionSyntax literal }
                && literal.IsKind(SyntaxKind.StringLiteralExpression)
                && literal.Token.ValueText.Length > 0)
                return true;
        }

        return false;
    }

    /// <summary>The <c>defaultValue</c> argument of <c>ConfigurationBinder.GetValue(configuration, key, defaultValue)</c>.</summary>
    private static IOperation? ConfigurationDefault(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod is not { Name: "GetValue", ContainingType: { Name: "ConfigurationBinder" } containing }
            || !WellKnownTypes.For(invocation).Is(containing, WellKnownType.ConfigurationBinder))
            return null;

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is { Name: "defaultValue" } && argument.ArgumentKind == ArgumentKind.Explicit)
                return argument.Value;
        }

        return null;
    }
}
