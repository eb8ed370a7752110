using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Token payloads decoded by hand within one method (and helpers of the same file): the second segment of a token
/// string, base64 or base64url decoded and parsed as JSON; the header segment is not a payload. The splits, decoders and
/// parsers it recognises, named as the diagnostic shows them, are listed in docs/rules/OA0013.md ("Cause").
/// </summary>
internal static class HandDecodedPayloads
{
    private const int MaxDepth = 8;

    /// <summary>Pre-filter: a JSON parse of the kind a hand decode ends with (judged by the method alone).</summary>
    public static bool IsParse(IInvocationOperation invocation) => ParserName(invocation.TargetMethod) is not null;

    /// <summary>The parsed payload when <paramref name="invocation"/> parses a hand-decoded payload segment, else null.</summary>
    public static UnverifiedOrigin? Parsed(IInvocationOperation invocation, CancellationToken ct)
    {
        string? parser = ParserName(invocation.TargetMethod);
        if (parser is null || ArgumentAt(invocation, 0) is not { } json)
            return null;

        if (parser == "JwtPayload.Base64UrlDeserialize") // decodes the base64url segment itself
            return Segment(json, 0, null, ct) is { } segment ? new UnverifiedOrigin(parser, segment.Input) : null;

        return Decoded(json, 0, null, ct) is { } decoded ? new UnverifiedOrigin(parser + " (" + decoded.Call + ")", decoded.Input) : null;
    }

    private static string? ParserName(IMethodSymbol method)
    {
        string? type = method.ContainingType?.Name;
        bool known = (method.Name, type) switch
        {
            ("Parse", "JsonDocument" or "JsonNode" or "JsonElement") => InNamespace(method, "System.Text.Json", "System.Text.Json.Nodes"),
            ("Deserialize", "JsonSerializer") => InNamespace(method, "System.Text.Json", null),
            ("Deserialize" or "Base64UrlDeserialize", "JwtPayload") => InNamespace(method, "System.IdentityModel.Tokens.Jwt", null),
            ("Parse", "JObject" or "JToken") => InNamespace(method, "Newtonsoft.Json.Linq", null),
            ("DeserializeObject", "JsonConvert") => InNamespace(method, "Newtonsoft.Json", null),
            _ => false,
        };
        return known ? type + "." + method.Name : null;
    }

    private static bool InNamespace(IMethodSymbol method, string name, string? other)
    {
        string? ns = method.ContainingType?.ContainingNamespace?.ToDisplayString();
        return ns == name || ns == other;
    }

    /// <summary>
    /// The decoded payload segment (a string or bytes): the decoder's name as the diagnostic shows it and the token string
    /// that was split. <paramref name="segmentParameter"/> is, inside a decoding helper, the parameter that receives the segment.
    /// </summary>
    private static UnverifiedOrigin? Decoded(IOperation? operation, int depth, IParameterSymbol? segmentParameter, CancellationToken ct)
    {
        operation = operation.SkipConversionsAndConditionalAccess();
        if (operation is null || depth > MaxDepth)
            return null;

        ct.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IInvocationOperation call:
                IMethodSymbol method = call.TargetMethod;
                if (method.Name == "GetString" && WellKnownTypes.For(call).DerivesFrom(method.ContainingType, WellKnownType.Encoding))
                    return Decoded(ArgumentAt(call, 0), depth + 1, segmentParameter, ct); // Encoding.UTF8.GetString(bytes)
                if (method.Name is "ToArray" && call.Instance is { } span)
                    return Decoded(span, depth + 1, segmentParameter, ct);
                if (DecoderName(method, WellKnownTypes.For(call)) is { } decoder)
                    return Segment(ArgumentAt(call, 0), depth + 1, segmentParameter, ct) is { } segment ? new UnverifiedOrigin(decoder, segment.Input) : null;
                return ThroughDecodingHelper(call, depth, segmentParameter, ct);

            case ILocalReferenceOperation local:
                return LocalInitializers.Follow(local, value => Decoded(value, depth + 1, segmentParameter, ct), ct);

            default:
                return null;
        }
    }

    private static string? DecoderName(IMethodSymbol method, WellKnownTypes known)
    {
        INamedTypeSymbol? type = method.ContainingType;
        bool decodes = method.Name switch
        {
            "Decode" or "DecodeBytes" when known.Is(type, WellKnownType.Base64UrlEncoder) => true,
            "FromBase64String" when known.Is(type, WellKnownType.Convert) => true,
            "Base64UrlDecode" when known.Is(type, WellKnownType.WebEncoders) => true,
            "Decode" when known.Is(type, WellKnownType.Base64UrlTextEncoder) => true,
            "DecodeFromChars" or "DecodeFromUtf8" when known.Is(type, WellKnownType.Base64Url) => true,
            _ => false,
        };
        return decodes ? type!.Name + "." + method.Name : null;
    }

    /// <summary>
    /// A method of this file that decodes: either the caller hands it the payload segment and every <c>return</c> is that
    /// parameter decoded (<c>Base64UrlDecode(parts[1])</c>), or every <c>return</c> is a payload it decodes itself from a
    /// token (<c>string PayloadJson(string token)</c>).
    /// </summary>
    private static UnverifiedOrigin? ThroughDecodingHelper(IInvocationOperation call, int depth, IParameterSymbol? segmentParameter, CancellationToken ct)
    {
        if (depth > MaxDepth / 2 || FunctionBodies.SameFileBody(call, ct) is not { } body)
            return null;

        IMethodSymbol method = call.TargetMethod.OriginalDefinition;
        foreach (IArgumentOperation argument in call.Arguments)
        {
            if (argument.Parameter is not { } parameter
                || parameter.Ordinal >= method.Parameters.Length
                || parameter.Type.SpecialType != SpecialType.System_String
                || Segment(argument.Value, depth + 1, segmentParameter, ct) is not { } segment)
                continue;

            IParameterSymbol inner = method.Parameters[parameter.Ordinal];
            return FunctionBodies.EveryReturn(body, value => Decoded(value, depth + 1, inner, ct), ct) is not null
                ? new UnverifiedOrigin(method.Name + "()", segment.Input)
                : null;
        }

        return FunctionBodies.EveryReturn(body, value => Decoded(value, depth + 1, null, ct), ct) is { } found
            ? new UnverifiedOrigin(method.Name + "() (" + found.Call + ")", FunctionBodies.ArgumentFor(found.Input, method, call))
            : null;
    }

    /// <summary>
    /// The payload segment of a token string, through padding fix-ups; its <see cref="UnverifiedOrigin.Input"/> is the
    /// token string (null when the segment is a helper's parameter).
    /// </summary>
    private static UnverifiedOrigin? Segment(IOperation? operation, int depth, IParameterSymbol? segmentParameter, CancellationToken ct)
    {
        operation = operation.SkipConversionsAndConditionalAccess();
        if (operation is null || depth > MaxDepth)
            return null;

        ct.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IParameterReferenceOperation parameter when segmentParameter is not null
                                                            && SymbolEqualityComparer.Default.Equals(parameter.Parameter, segmentParameter):
                return OnlyFixedUp(parameter.Parameter, operation, ct) ? new UnverifiedOrigin(string.Empty, null) : null;

            case ILocalReferenceOperation local when !local.Local.IsRef:
            {
                UnverifiedOrigin? found = LocalInitializers.InitializerOf(local, ct) is { } initializer ? Segment(initializer, depth + 1, segmentParameter, ct) : null;
                return found is not null && OnlyFixedUp(local.Local, operation, ct) ? found : null;
            }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                return Segment(concatenation.LeftOperand, depth + 1, segmentParameter, ct); // segment + "=="

            case IInterpolatedStringOperation { Parts.Length: > 0 } interpolated when interpolated.Parts[0] is IInterpolationOperation first:
                return Segment(first.Expression, depth + 1, segmentParameter, ct); // $"{segment}{padding}"

            case IArrayElementReferenceOperation { Indices.Length: 1 } element when IsConstant(element.Indices[0], 1):
                return SplitOfToken(element.ArrayReference, depth + 1, ct);

            case IInvocationOperation call:
                return SegmentCall(call, depth, segmentParameter, ct);

            case IImplicitIndexerReferenceOperation { Argument: IRangeOperation { LeftOperand: { } start, RightOperand: not null } } range
                when range.Instance.Type?.SpecialType == SpecialType.System_String && AfterFirstDot(start, depth + 1, ct):
                return new UnverifiedOrigin(string.Empty, range.Instance); // token[(dot + 1)..second]

            default:
                return null;
        }
    }

    private static UnverifiedOrigin? SegmentCall(IInvocationOperation call, int depth, IParameterSymbol? segmentParameter, CancellationToken ct)
    {
        IMethodSymbol method = call.TargetMethod;
        if (call.Instance is { Type.SpecialType: SpecialType.System_String } instance)
        {
            switch (method.Name)
            {
                case "Replace" or "PadRight" or "PadLeft" or "Trim" or "TrimEnd" or "TrimStart" or "ToString":
                    return Segment(instance, depth + 1, segmentParameter, ct);
                case "Substring" when call.Arguments.Length == 2 && AfterFirstDot(ArgumentAt(call, 0), depth + 1, ct):
                    return new UnverifiedOrigin(string.Empty, instance); // token.Substring(dot + 1, second - dot - 1)
                default:
                    return null;
            }
        }

        if (method.ContainingType?.SpecialType == SpecialType.System_String && method.Name == "Concat")
            return Segment(ArgumentAt(call, 0), depth + 1, segmentParameter, ct);

        if (!method.IsExtensionMethod || !WellKnownTypes.For(call).Is(method.ContainingType, WellKnownType.Enumerable))
            return null;

        switch (method.Name)
        {
            case "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" when call.Arguments.Length == 1:
                // token.Split('.').Skip(1).First()
                return ArgumentAt(call, 0).SkipConversionsAndConditionalAccess() is IInvocationOperation { TargetMethod.Name: "Skip" } skip
                       && IsConstant(ArgumentAt(skip, 1), 1)
                    ? SplitOfToken(ArgumentAt(skip, 0), depth + 1, ct)
                    : null;
            case "ElementAt" or "ElementAtOrDefault" when IsConstant(ArgumentAt(call, 1), 1):
                return SplitOfToken(ArgumentAt(call, 0), depth + 1, ct);
            default:
                return null;
        }
    }

    /// <summary><c>token.Split('.')</c> (also <c>"."</c>, <c>new[] { '.' }</c>, with a count or options), directly or through a local.</summary>
    private static UnverifiedOrigin? SplitOfToken(IOperation? operation, int depth, CancellationToken ct)
    {
        operation = operation.SkipConversionsAndConditionalAccess();
        if (operation is null || depth > MaxDepth)
            return null;

        switch (operation)
        {
            case IInvocationOperation { TargetMethod.Name: "Split", Instance: { Type.SpecialType: SpecialType.System_String } token } split
                when IsDotSeparator(ArgumentAt(split, 0)):
                return new UnverifiedOrigin(string.Empty, token);
            case ILocalReferenceOperation local:
                return LocalInitializers.Follow(local, value => SplitOfToken(value, depth + 1, ct), ct);
            default:
                return null;
        }
    }

    private static bool IsDotSeparator(IOperation? separator)
    {
        separator = separator.SkipConversionsAndConditionalAccess();
        if (separator is IArrayCreationOperation { Initializer.ElementValues: { Length: > 0 } elements })
        {
            foreach (IOperation element in elements)
            {
                if (!IsDot(element.SkipConversionsAndConditionalAccess()))
                    return false;
            }

            return true;
        }

        return IsDot(separator);
    }

    private static bool IsDot(IOperation? operation)
        => operation?.ConstantValue is { HasValue: true, Value: '.' or "." };

    /// <summary>The position after the first dot: <c>token.IndexOf('.') + 1</c>, directly or through a local.</summary>
    private static bool AfterFirstDot(IOperation? start, int depth, CancellationToken ct)
    {
        start = start.SkipConversionsAndConditionalAccess();
        return start is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } sum
               && (IsConstant(sum.RightOperand, 1) && IsFirstDot(sum.LeftOperand, depth + 1, ct)
                   || IsConstant(sum.LeftOperand, 1) && IsFirstDot(sum.RightOperand, depth + 1, ct));
    }

    private static bool IsFirstDot(IOperation? operation, int depth, CancellationToken ct)
    {
        operation = operation.SkipConversionsAndConditionalAccess();
        if (operation is null || depth > MaxDepth)
            return false;

        return operation switch
        {
            IInvocationOperation { TargetMethod.Name: "IndexOf", Instance.Type.SpecialType: SpecialType.System_String } indexOf
                => IsDot(ArgumentAt(indexOf, 0).SkipConversionsAndConditionalAccess())
                   && (indexOf.Arguments.Length == 1 || ArgumentAt(indexOf, 1)?.Type?.Name == "StringComparison"),
            ILocalReferenceOperation local => LocalInitializers.Follows(local, value => IsFirstDot(value, depth + 1, ct), ct),
            _ => false,
        };
    }

    private static bool IsConstant(IOperation? operation, int value)
        => operation.SkipConversionsAndConditionalAccess()?.ConstantValue is { HasValue: true, Value: int constant } && constant == value;

    /// <summary>The argument for the parameter at <paramref name="ordinal"/> (extension methods count their receiver).</summary>
    internal static IOperation? ArgumentAt(IInvocationOperation call, int ordinal)
    {
        foreach (IArgumentOperation argument in call.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
                return argument.Value;
        }

        return null;
    }

    /// <summary>
    /// Every write of the variable after its declaration is a padding fix-up of itself: <c>s += "="</c>,
    /// <c>s = s.Replace('-', '+')</c>, <c>s = s.PadRight(...)</c>. A <c>ref</c>/<c>out</c> use counts as another value.
    /// </summary>
    private static bool OnlyFixedUp(ISymbol variable, IOperation reference, CancellationToken ct)
    {
        if (ScopeOf(variable, reference, ct) is not { } scope)
            return false;

        foreach (IOperation operation in scope.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            switch (operation)
            {
                case ISimpleAssignmentOperation assignment when Is(assignment.Target, variable):
                    if (!IsFixUpOf(assignment.Value, variable))
                        return false;
                    break;
                case ICompoundAssignmentOperation compound when Is(compound.Target, variable):
                    if (compound.OperatorKind != BinaryOperatorKind.Add)
                        return false;
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when Is(argument.Value, variable):
                    return false;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (IOperation part in deconstruction.Target.DescendantsAndSelf())
                    {
                        if (Is(part, variable))
                            return false;
                    }

                    break;
            }
        }

        return true;
    }

    private static bool IsFixUpOf(IOperation value, ISymbol variable)
    {
        // Not ValueEvaluator.Unwrap: this walk steps through ?. and through the padding fix-ups themselves.
        IOperation? current = value;
        for (int guard = 0; guard < 16; guard++)
        {
            current = current.SkipConversionsAndConditionalAccess();
            switch (current)
            {
                case IInvocationOperation { TargetMethod.Name: "Replace" or "PadRight" or "PadLeft" or "Trim" or "TrimEnd" or "TrimStart", Instance: { } instance }:
                    current = instance;
                    continue;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                    current = concatenation.LeftOperand;
                    continue;
                default:
                    return current is not null && Is(current, variable);
            }
        }

        return false;
    }

    private static bool Is(IOperation? operation, ISymbol variable) => operation.SkipConversionsAndConditionalAccess() switch
    {
        ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, variable),
        IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable),
        _ => false,
    };

    /// <summary>The operation tree of the member (or local function, lambda) that declares the local or parameter.</summary>
    private static IOperation? ScopeOf(ISymbol variable, IOperation reference, CancellationToken ct)
    {
        if (variable.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model)
            return null;

        SyntaxNode declaration = variable.DeclaringSyntaxReferences[0].GetSyntax(ct);
        SyntaxNode? scope = variable is IParameterSymbol
            ? declaration.FirstAncestorOrSelf<SyntaxNode>(static n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
            : declaration.FirstAncestorOrSelf<SyntaxNode>(static n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or GlobalStatementSyntax or CompilationUnitSyntax);
        if (scope is null || scope.SyntaxTree != model.SyntaxTree)
            return null;

        return model.GetOperation(scope is GlobalStatementSyntax ? scope.Parent! : scope, ct);
    }

    /// <summary>The types a hand decode parses with: a file that names none of them has no hand decode to follow.</summary>
    public static readonly string[] ParserTypes =
        { "JsonDocument", "JsonNode", "JsonElement", "JsonSerializer", "JwtPayload", "JObject", "JToken", "JsonConvert" };

    /// <summary>
    /// Cheap syntactic test before a helper of the same file is analysed: its declaration names a JSON parser type or a
    /// token decoder (a helper that only calls other helpers is not followed).
    /// </summary>
    public static bool MayDecode(IMethodSymbol method, SyntaxTree tree, CancellationToken ct)
    {
        method = method.OriginalDefinition;
        if (method.ReturnsVoid || method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].SyntaxTree != tree)
            return false;

        foreach (SyntaxToken token in method.DeclaringSyntaxReferences[0].GetSyntax(ct).DescendantTokens())
        {
            if (token.RawKind == (int)SyntaxKind.IdentifierToken
                && (Array.IndexOf(ParserTypes, token.ValueText) >= 0 || Array.IndexOf(UnverifiedTokens.DecoderWords, token.ValueText) >= 0))
                return true;
        }

        return false;
    }
}
