using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Tracks, within one method, tokens decoded without verification and the data derived from their payload; each
/// entry point answers with the call that decoded the token, or null. Header members and token times are not payload
/// data. The decoders, payload reads and flows it follows are listed in docs/rules/OA0013.md ("Cause").
/// </summary>
internal static class UnverifiedTokens
{
    /// <summary>
    /// The names a file must mention to decode a token with Microsoft.IdentityModel: the decoding methods and the token
    /// types whose constructors decode.
    /// </summary>
    public static readonly string[] DecoderWords = { "ReadJwtToken", "ReadJsonWebToken", "ReadToken", "JwtSecurityToken", "JsonWebToken", "Payload" };

    private const int MaxDepth = 10;

    /// <summary>
    /// The decoding call and the token string it decoded when <paramref name="operation"/> is derived from an
    /// unverified token's payload.
    /// </summary>
    public static UnverifiedOrigin? DataOrigin(IOperation? operation, CancellationToken ct) => Data(operation, 0, null, ct);

    /// <summary>The decoding call and the token string it decoded when <paramref name="operation"/> is an unverified token object.</summary>
    public static UnverifiedOrigin? TokenOrigin(IOperation? operation, CancellationToken ct) => Token(operation, 0, null, ct);

    /// <summary>
    /// Like <see cref="DataOrigin"/> for a condition, ignoring parts that only test for presence (<c>x == null</c>,
    /// <c>x is not null</c>, <c>string.IsNullOrEmpty(x)</c>, <c>TryGetClaim</c>): those guard display code.
    /// </summary>
    public static UnverifiedOrigin? DecisionOrigin(IOperation? operation, CancellationToken ct) => Decision(operation, 0, null, ct);

    private static UnverifiedOrigin? Decision(IOperation? operation, int depth, Assumption? assumed, CancellationToken ct)
    {
        operation = operation.SkipConversionsAndConditionalAccess();
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.And or BinaryOperatorKind.Or } logical:
                return Decision(logical.LeftOperand, depth, assumed, ct) ?? Decision(logical.RightOperand, depth, assumed, ct);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Decision(not.Operand, depth, assumed, ct);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } equality
                when IsNull(equality.LeftOperand) || IsNull(equality.RightOperand):
                return null;
            case IIsPatternOperation { Pattern: IConstantPatternOperation constant } when IsNull(constant.Value):
                return null;
            case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } when IsNull(constant.Value):
                return null;
            case IInvocationOperation { TargetMethod.Name: "IsNullOrEmpty" or "IsNullOrWhiteSpace" or "TryGetClaim" or "TryGetPayloadValue" or "TryGetProperty" or "TryGetPropertyValue" or "TryGetValue" }:
                return null;
            default:
                return Data(operation, depth, assumed, ct);
        }
    }

    /// <summary>
    /// Pre-filter: the operation decodes a token (a read call or a token constructor), or may hand over a token decoded
    /// elsewhere in the project (a call of a method of the project that returns a token, a field holding one), judged by
    /// names only.
    /// </summary>
    public static bool IsDecoding(IOperation operation) => operation switch
    {
        IInvocationOperation { TargetMethod.Name: "ReadJwtToken" or "ReadJsonWebToken" or "ReadToken" } => true,
        IObjectCreationOperation { Type.Name: "JwtSecurityToken" or "JsonWebToken" } => true,
        IInvocationOperation { TargetMethod: { ReturnType.Name: "JwtSecurityToken" or "JsonWebToken" } method } => IsInSource(method),
        IFieldReferenceOperation { Field.Type.Name: "JwtSecurityToken" or "JsonWebToken" } => true,
        IInvocationOperation invocation => JosePayload(invocation) is not null,
        _ => false,
    };

    /// <summary>
    /// jose-jwt's <c>JWT.Payload(token)</c>, <c>JWT.Payload&lt;T&gt;(token)</c> and <c>JWT.PayloadBytes(token)</c>: the
    /// payload read without any key. (<c>JWT.Headers</c> reads the header, which routes, as <c>kid</c> does.)
    /// </summary>
    private static UnverifiedOrigin? JosePayload(IInvocationOperation invocation)
        => invocation.TargetMethod is { Name: "Payload" or "PayloadBytes", IsStatic: true, ContainingType: { Name: "JWT" } type }
           && type.ContainingNamespace?.ToDisplayString() == "Jose"
           && type.ContainingAssembly?.Name == "jose-jwt"
           && invocation.Arguments.Length > 0
            ? new UnverifiedOrigin("JWT." + invocation.TargetMethod.Name, HandDecodedPayloads.ArgumentAt(invocation, 0))
            : null;

    private static bool IsInSource(ISymbol symbol) => symbol.Locations.Length > 0 && symbol.Locations[0].IsInSource;

    private static bool IsNull(IOperation operation) => operation.ConstantValue is { HasValue: true, Value: null };

    private static UnverifiedOrigin? Token(IOperation? operation, int depth, Assumption? assumed, CancellationToken ct)
    {
        operation = operation.SkipConversionsAndConditionalAccess();
        if (operation is null || depth > MaxDepth)
            return null;

        ct.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: { Name: "ReadJwtToken" or "ReadJsonWebToken" or "ReadToken" } method } read
                when IsTokenHandler(method.ContainingType, WellKnownTypes.For(read)):
                return new UnverifiedOrigin(method.Name, read.Arguments.Length > 0 ? read.Arguments[0].Value : null);

            case IInvocationOperation call when IsTokenType(call.TargetMethod.ReturnType, WellKnownTypes.For(call)) && IsInSource(call.TargetMethod):
                return ThroughHelper(call, depth, ct);

            case IObjectCreationOperation { Constructor: { } constructor } creation:
                INamedTypeSymbol? type = constructor.ContainingType;
                WellKnownTypes known = WellKnownTypes.For(creation);
                if (known.Is(type, WellKnownType.JsonWebToken)
                    && creation.Arguments.Length >= 1
                    && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String)
                    return new UnverifiedOrigin("new JsonWebToken(...)", creation.Arguments[0].Value);
                if (known.Is(type, WellKnownType.JsonWebToken))
                    return new UnverifiedOrigin("new JsonWebToken(...)", null);
                if (known.Is(type, WellKnownType.JwtSecurityToken)
                    && creation.Arguments.Length == 1
                    && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String)
                    return new UnverifiedOrigin("new JwtSecurityToken(string)", creation.Arguments[0].Value);
                return null;

            case ILocalReferenceOperation local:
                return LocalInitializers.Follow(local, value => Token(value, depth + 1, assumed, ct), ct);

            case IParameterReferenceOperation parameter when assumed is not null
                                                            && SymbolEqualityComparer.Default.Equals(parameter.Parameter, assumed.Parameter):
                return assumed.Origin;

            case IFieldReferenceOperation field when IsTokenType(field.Field.Type, WellKnownTypes.For(field)):
                return ThroughField(field, depth, ct);

            default:
                return null;
        }
    }

    /// <summary>
    /// A method of the project declared in the same file whose every <c>return</c> hands back an unverified token, such as
    /// <c>JwtSecurityToken Decode(string t) =&gt; handler.ReadJwtToken(t);</c>. When the helper decodes one of its
    /// parameters, the decoded token string is the caller's argument for it.
    /// </summary>
    private static UnverifiedOrigin? ThroughHelper(IInvocationOperation call, int depth, CancellationToken ct)
    {
        IMethodSymbol method = call.TargetMethod.OriginalDefinition;
        if (FunctionBodies.SameFileBody(call, ct) is not { } body)
            return null;

        if (ContainsValidation(body))
            return null; // the helper validates before it hands the decoded copy out

        // Every return must be a decoded token: one that returns anything else (or nothing) is not followed.
        return FunctionBodies.EveryReturn(body, value => Token(value, depth + 1, null, ct), ct) is { } found
            ? new UnverifiedOrigin(method.Name + "() (" + found.Call + ")", FunctionBodies.ArgumentFor(found.Input, method, call))
            : null;
    }

    /// <summary>
    /// <c>HasRole(jwt, "admin")</c>: a decoded token handed to a <c>bool</c> method of this file whose result is decided by
    /// the token's payload (judged by analysing the method with that parameter standing for the decoded token).
    /// </summary>
    private static UnverifiedOrigin? PredicateOverToken(IInvocationOperation call, int depth, Assumption? assumed, CancellationToken ct)
    {
        IMethodSymbol method = call.TargetMethod.OriginalDefinition;
        if (depth > MaxDepth / 2 || !IsInSource(method) || method.DeclaringSyntaxReferences.Length != 1 || call.SemanticModel is null)
            return null;

        foreach (IArgumentOperation argument in call.Arguments)
        {
            if (argument.Parameter is not { } parameter
                || !IsTokenType(parameter.Type, WellKnownTypes.For(call))
                || Token(argument.Value, depth + 1, assumed, ct) is not { } origin)
                continue;

            if (FunctionBodies.SameFileBody(call, ct) is not { } body || ContainsValidation(body))
                return null;

            var inner = new Assumption(method.Parameters[parameter.Ordinal], origin);
            foreach (IOperation operation in body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned } @return
                    && !FunctionBodies.IsInNestedFunction(@return, body)
                    && Decision(returned, depth + 1, inner, ct) is { } decided)
                    return new UnverifiedOrigin(decided.Call, origin.Input);
            }

            return null;
        }

        return null;
    }

    /// <summary>While a helper is analysed for a call: its parameter that receives the decoded token.</summary>
    private sealed class Assumption
    {
        public Assumption(IParameterSymbol parameter, UnverifiedOrigin origin)
        {
            Parameter = parameter;
            Origin = origin;
        }

        public IParameterSymbol Parameter { get; }

        public UnverifiedOrigin Origin { get; }
    }

    /// <summary>
    /// A private field of a type declared once in this file, written only with unverified tokens
    /// (<c>_token = handler.ReadJwtToken(raw);</c> in one method, <c>_token.Claims</c> in another).
    /// </summary>
    private static UnverifiedOrigin? ThroughField(IFieldReferenceOperation reference, int depth, CancellationToken ct)
    {
        IFieldSymbol field = reference.Field;
        if (field.DeclaredAccessibility != Accessibility.Private
            || field.ContainingType.DeclaringSyntaxReferences.Length != 1
            || reference.SemanticModel is not { } model)
            return null;

        SyntaxNode type = field.ContainingType.DeclaringSyntaxReferences[0].GetSyntax(ct);
        if (type.SyntaxTree != model.SyntaxTree)
            return null;

        UnverifiedOrigin? found = null;
        foreach (SyntaxNode node in type.DescendantNodes())
        {
            ct.ThrowIfCancellationRequested();
            IOperation? written;
            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator when declarator.Identifier.ValueText == field.Name:
                    if (!SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator, ct), field))
                        continue;
                    written = model.GetOperation(initializer, ct);
                    break;
                case AssignmentExpressionSyntax assignment when NameOf(assignment.Left) == field.Name:
                    if (model.GetOperation(assignment, ct) is not IAssignmentOperation { Target: IFieldReferenceOperation target } operation
                        || !SymbolEqualityComparer.Default.Equals(target.Field, field))
                        continue;
                    if (operation is not ISimpleAssignmentOperation simple)
                        return null;
                    written = simple.Value;
                    break;
                case ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument when NameOf(argument.Expression) == field.Name:
                    return null; // written through ref or out: cannot tell with what
                default:
                    continue;
            }

            if (written is null || written.SkipConversionsAndConditionalAccess()?.ConstantValue is { HasValue: true, Value: null })
                continue; // cleared
            if (Token(written, depth + 1, null, ct) is not { } origin || ContainsValidation(written.Root()))
                return null; // another kind of value, or the writing method validates the token it keeps
            found ??= origin;
        }

        return found is null ? null : new UnverifiedOrigin(found.Call, null);
    }

    /// <summary>A token validation call (<c>ValidateToken</c>, <c>ValidateTokenAsync</c>, the generated <c>ValidateAsync</c>) in the operation tree.</summary>
    public static bool IsValidation(IOperation operation)
        => operation is IInvocationOperation { TargetMethod.Name: "ValidateToken" or "ValidateTokenAsync" or "ValidateAsync" }
           || operation is IInvocationOperation { TargetMethod: { Name: "Decode" or "DecodeBytes" or "Verify" or "VerifyBytes", ContainingType: { Name: "JWT" } jose } } joseCall
              && jose.ContainingNamespace?.ToDisplayString() == "Jose"
              && joseCall.Arguments.Length > 1; // jose-jwt's verifying decode (a missing key is OA0018)

    internal static bool ContainsValidation(IOperation root)
    {
        foreach (IOperation operation in root.DescendantsAndSelf())
        {
            if (IsValidation(operation))
                return true;
        }

        return false;
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    private static bool IsTokenType(ITypeSymbol? type, WellKnownTypes known)
        => known.IsAny(type, WellKnownType.JwtSecurityToken, WellKnownType.JsonWebToken);

    private static UnverifiedOrigin? Data(IOperation? operation, int depth, Assumption? assumed, CancellationToken ct)
    {
        operation = operation.SkipConversionsAndConditionalAccess();
        if (operation is null || depth > MaxDepth)
            return null;

        ct.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IPropertyReferenceOperation property:
                if (IsPayloadMember(property.Property.Name) && Token(property.Instance, depth + 1, assumed, ct) is { } fromToken)
                    return fromToken;
                return property.Instance is null || NamesTimeClaim(property) ? null : Data(property.Instance, depth + 1, assumed, ct);

            case IInvocationOperation invocation:
            {
                if (JosePayload(invocation) is { } josePayload)
                    return josePayload; // Jose.JWT.Payload<Dictionary<string, object>>(token)
                if (HandDecodedPayloads.Parsed(invocation, ct) is { } parsed)
                    return parsed; // JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])), ...
                if (HandDecodedPayloads.IsParse(invocation) && invocation.Arguments.Length > 0
                    && Data(HandDecodedPayloads.ArgumentAt(invocation, 0), depth + 1, assumed, ct) is { } parsedData)
                    return parsedData; // JsonDocument.Parse(Jose.JWT.Payload(token))
                if (NamesTimeClaim(invocation))
                    return null; // GetProperty("exp"): clients decide when to refresh with it

                if (invocation.Instance is not null)
                {
                    if (IsPayloadMember(invocation.TargetMethod.Name) && Token(invocation.Instance, depth + 1, assumed, ct) is { } fromTokenCall)
                        return fromTokenCall;
                    if (Data(invocation.Instance, depth + 1, assumed, ct) is { } fromData)
                        return fromData;
                }

                if (invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean
                    && PredicateOverToken(invocation, depth, assumed, ct) is { } fromHelper)
                    return fromHelper;

                // LINQ over claims, string helpers, and any predicate over the data: the result carries the data.
                if (invocation.TargetMethod.IsExtensionMethod
                    || invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
                    || IsBooleanResult(invocation.TargetMethod.ReturnType)
                       && !invocation.TargetMethod.Name.StartsWith("Try", StringComparison.Ordinal)) // a lookup or parse (keys by issuer, Guid.TryParse)
                {
                    foreach (IArgumentOperation argument in invocation.Arguments)
                    {
                        if (Data(argument.Value, depth + 1, assumed, ct) is { } fromArgument)
                            return fromArgument;
                    }
                }

                return invocation.Instance is null or IInstanceReferenceOperation
                    ? ThroughDataHelper(invocation, depth, ct)
                    : null;
            }

            case IObjectCreationOperation { Constructor.ContainingType: { } created } creation when IsPrincipalType(created, WellKnownTypes.For(creation)) || IsClaimType(created, WellKnownTypes.For(creation)):
                foreach (IArgumentOperation argument in creation.Arguments)
                {
                    if (Data(argument.Value, depth + 1, assumed, ct) is { } fromArgument)
                        return fromArgument;
                }

                return null;

            case IObjectCreationOperation { Initializer: { } initializer }:
                // new List<Claim> { new Claim("sub", payload.Sub) }
                foreach (IOperation added in initializer.Initializers)
                {
                    if (added is IInvocationOperation { Arguments: var arguments })
                    {
                        foreach (IArgumentOperation argument in arguments)
                        {
                            if (Data(argument.Value, depth + 1, assumed, ct) is { } fromElement)
                                return fromElement;
                        }
                    }
                }

                return null;

            case IArrayCreationOperation { Initializer: { } elements }:
                return AnyData(elements.ElementValues, depth, assumed, ct);

            case ICollectionExpressionOperation expression:
                return AnyData(expression.Elements, depth, assumed, ct);

            case IBinaryOperation binary:
                return Data(binary.LeftOperand, depth + 1, assumed, ct) ?? Data(binary.RightOperand, depth + 1, assumed, ct);

            case IUnaryOperation unary:
                return Data(unary.Operand, depth + 1, assumed, ct);

            case IAwaitOperation awaited:
                return Data(awaited.Operation, depth + 1, assumed, ct); // await permissions.HasAsync(jwt.Subject, ...)

            // dynamic payload = JsonConvert.DeserializeObject(json): payload.role, payload["role"], payload.role.ToString()
            case IDynamicMemberReferenceOperation member when member.Instance is not null:
                return IsTimeMemberName(member.MemberName) ? null : Data(member.Instance, depth + 1, assumed, ct);
            case IDynamicIndexerAccessOperation indexer:
                return AnyTimeClaim(indexer.Arguments) ? null : Data(indexer.Operation, depth + 1, assumed, ct);
            case IDynamicInvocationOperation call:
                return AnyTimeClaim(call.Arguments) ? null : Data(call.Operation, depth + 1, assumed, ct);

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional when !IsPrincipalType(conditional.Type, WellKnownTypes.For(conditional)):
                // cond ? value.GetString() : null (a principal chosen this way is reported where it is built)
                return Data(conditional.WhenTrue, depth + 1, assumed, ct) ?? Data(whenFalse, depth + 1, assumed, ct);

            case ICoalesceOperation coalesce:
                return Data(coalesce.Value, depth + 1, assumed, ct) ?? Data(coalesce.WhenNull, depth + 1, assumed, ct);

            case IIsPatternOperation isPattern:
                return Data(isPattern.Value, depth + 1, assumed, ct);

            case IArrayElementReferenceOperation element:
                return Data(element.ArrayReference, depth + 1, assumed, ct);

            case ILocalReferenceOperation local when !local.Local.IsRef:
                if (OutOfTokenCall(local, assumed, ct) is { } fromOut)
                    return fromOut;
                if (ForEachSource(local, ct) is { } collection)
                    return Data(collection, depth + 1, assumed, ct); // foreach (var claim in jwt.Claims)
                return LocalInitializers.Follow(local, value => Data(value, depth + 1, assumed, ct), ct)
                       ?? AddedClaims(local, depth, assumed, ct);

            default:
                return null;
        }
    }

    private static UnverifiedOrigin? AnyData(ImmutableArray<IOperation> values, int depth, Assumption? assumed, CancellationToken ct)
    {
        foreach (IOperation value in values)
        {
            if (Data(value is ISpreadOperation spread ? spread.Operand : value, depth + 1, assumed, ct) is { } found)
                return found;
        }

        return null;
    }

    /// <summary>
    /// A local list of claims that starts empty and is filled in the method: <c>claims.Add(new Claim("sub", payload.Sub))</c>
    /// or <c>AddRange</c> with payload data makes it payload data.
    /// </summary>
    private static UnverifiedOrigin? AddedClaims(ILocalReferenceOperation reference, int depth, Assumption? assumed, CancellationToken ct)
    {
        if (reference.Local.Type is not INamedTypeSymbol { TypeArguments.Length: 1 } list || !IsClaimType(list.TypeArguments[0], WellKnownTypes.For(reference)))
            return null;

        IOperation root = reference.Root();
        foreach (IOperation operation in root.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (operation is not IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" or "Insert", Instance: ILocalReferenceOperation target } add
                || !SymbolEqualityComparer.Default.Equals(target.Local, reference.Local))
                continue;
            foreach (IArgumentOperation argument in add.Arguments)
            {
                if (Data(argument.Value, depth + 1, assumed, ct) is { } found)
                    return found;
            }
        }

        return null;
    }

    /// <summary>
    /// A method of this file, called here, whose every <c>return</c> is payload data
    /// (<c>string? ClaimOf(string token, string name)</c> that decodes by hand and reads one member). A helper returning a
    /// decision or a principal is reported inside itself; one called for a time claim (<c>"exp"</c>) is not followed.
    /// </summary>
    private static UnverifiedOrigin? ThroughDataHelper(IInvocationOperation call, int depth, CancellationToken ct)
    {
        IMethodSymbol method = call.TargetMethod.OriginalDefinition;
        ITypeSymbol returned = method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task ? task.TypeArguments[0] : method.ReturnType;
        if (depth > MaxDepth / 2
            || method.ReturnsVoid
            || returned.SpecialType == SpecialType.System_Boolean
            || IsPrincipalType(returned, WellKnownTypes.For(call))
            || call.SemanticModel is not { } model
            || !HandDecodedPayloads.MayDecode(method, model.SyntaxTree, ct)
            || NamesTimeClaim(call)
            || FunctionBodies.SameFileBody(call, ct) is not { } body
            || ContainsValidation(body))
            return null;

        return FunctionBodies.EveryReturn(body, value => Data(value, depth + 1, null, ct), ct) is { } found
            ? new UnverifiedOrigin(method.Name + "() (" + found.Call + ")", FunctionBodies.ArgumentFor(found.Input, method, call))
            : null;
    }

    /// <summary>
    /// The member read names a time claim (<c>exp</c>, <c>nbf</c>, <c>iat</c>) by a constant argument, by its name or by
    /// its JSON name: clients read their own token's expiry to decide when to refresh it, which is not trusting it.
    /// </summary>
    private static bool NamesTimeClaim(IOperation operation)
    {
        ImmutableArray<IArgumentOperation> arguments;
        switch (operation)
        {
            case IInvocationOperation invocation:
                arguments = invocation.Arguments;
                break;
            case IPropertyReferenceOperation property:
                if (IsTimeMemberName(property.Property.Name))
                    return true;
                foreach (AttributeData attribute in property.Property.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name is "JsonPropertyNameAttribute" or "JsonPropertyAttribute"
                        && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is string name
                        && IsTimeClaim(name))
                        return true;
                }

                arguments = property.Arguments;
                break;
            default:
                return false;
        }

        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Value.ConstantValue is { HasValue: true, Value: string name } && IsTimeClaim(name))
                return true;
        }

        return false;
    }

    private static bool IsTimeClaim(string name) => name is "exp" or "nbf" or "iat";

    private static bool AnyTimeClaim(ImmutableArray<IOperation> values)
    {
        foreach (IOperation value in values)
        {
            if (value.ConstantValue is { HasValue: true, Value: string name } && IsTimeClaim(name))
                return true;
        }

        return false;
    }

    private static bool IsTimeMemberName(string name)
    {
        switch (name.ToLowerInvariant())
        {
            case "exp" or "nbf" or "iat" or "expires" or "expiresat" or "expiration" or "expirationtime" or "notbefore"
                or "issuedat" or "validto" or "validfrom" or "expiresin":
                return true;
            default:
                return false;
        }
    }

    private static bool IsClaimType(ITypeSymbol? type, WellKnownTypes known) => known.DerivesFrom(type, WellKnownType.Claim);

    /// <summary><c>bool</c>, <c>Task&lt;bool&gt;</c> or <c>ValueTask&lt;bool&gt;</c>: the result of a predicate.</summary>
    private static bool IsBooleanResult(ITypeSymbol type)
        => type.SpecialType == SpecialType.System_Boolean
           || type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task
              && task.TypeArguments[0].SpecialType == SpecialType.System_Boolean
              && task.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    /// <summary>The collection a <c>foreach</c> iteration variable comes from.</summary>
    private static IOperation? ForEachSource(ILocalReferenceOperation reference, CancellationToken ct)
    {
        ILocalSymbol local = reference.Local;
        if (local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model)
            return null;

        SyntaxNode declaration = local.DeclaringSyntaxReferences[0].GetSyntax(ct);
        return declaration is ForEachStatementSyntax loop
               && declaration.SyntaxTree == model.SyntaxTree
               && model.GetOperation(loop, ct) is IForEachLoopOperation forEach
            ? forEach.Collection
            : null;
    }

    /// <summary>ClaimsIdentity, ClaimsPrincipal (and types derived from them), GenericPrincipal, AuthenticationTicket.</summary>
    public static bool IsPrincipalType(ITypeSymbol? type, WellKnownTypes known)
    {
        // A "ClaimsPrincipal?" is one too: the table compares symbols whatever their nullable annotation.
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (known.IsAny(t, WellKnownType.ClaimsIdentity, WellKnownType.ClaimsPrincipal, WellKnownType.AuthenticationTicket))
                return true;
        }

        return false;
    }

    private static bool IsPayloadMember(string name) => name is
        "Claims" or "Payload" or "Subject" or "Issuer" or "Audiences" or "Id" or "Actor" or "Azp"
        or "GetClaim" or "GetPayloadValue" or "TryGetClaim" or "TryGetPayloadValue";

    private static bool IsTokenHandler(INamedTypeSymbol? type, WellKnownTypes known)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (known.IsAny(t, WellKnownType.JsonWebTokenHandler, WellKnownType.JwtSecurityTokenHandler, WellKnownType.TokenHandler))
                return true;
        }

        return false;
    }

    /// <summary>A local declared by <c>out var c</c> in <c>token.TryGetClaim(...)</c> or <c>token.TryGetPayloadValue(...)</c>.</summary>
    private static UnverifiedOrigin? OutOfTokenCall(ILocalReferenceOperation reference, Assumption? assumed, CancellationToken ct)
    {
        ILocalSymbol local = reference.Local;
        if (local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model)
            return null;

        SyntaxNode declaration = local.DeclaringSyntaxReferences[0].GetSyntax(ct);
        if (declaration.SyntaxTree != model.SyntaxTree
            || declaration is not SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation } } })
            return null;

        return model.GetOperation(invocation, ct) is IInvocationOperation { TargetMethod.Name: "TryGetClaim" or "TryGetPayloadValue" or "TryGetValue" or "TryGetProperty" or "TryGetPropertyValue" } call
               && !NamesTimeClaim(call)
            ? Token(call.Instance, 0, assumed, ct) ?? Data(call.Instance, 0, assumed, ct)
            : null;
    }
}
