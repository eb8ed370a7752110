using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Recognises reads of the <c>app_id</c> claim: <c>FindFirst("app_id")?.Value</c>, <c>FindFirstValue("app_id")</c>,
/// <c>Claims.First(c =&gt; c.Type == "app_id").Value</c>, <c>GetClaim("app_id").Value</c>,
/// <c>GetPayloadValue&lt;string&gt;("app_id")</c>, <c>TryGetPayloadValue&lt;string&gt;("app_id", out v)</c>,
/// <c>TryGetClaim("app_id", out c)</c>, <c>Payload["app_id"]</c>, the claim's <c>Value</c> inside a predicate that
/// tests its type (<c>c =&gt; c.Type == "app_id" &amp;&amp; c.Value == ...</c>), and locals assigned once from any of
/// these. The claim name may be any constant equal to <c>"app_id"</c>.
/// </summary>
internal static class AppIdClaims
{
    public const string ClaimName = "app_id";

    private const int MaxDepth = 6;

    /// <summary>True when <paramref name="operation"/> evaluates to the value of the <c>app_id</c> claim.</summary>
    public static bool IsAppIdValue(IOperation? operation, CancellationToken ct) => IsValue(operation, 0, ct);

    /// <summary>True when <paramref name="operation"/> is the <c>app_id</c> value passed through <c>ToLower()</c> and friends.</summary>
    public static bool IsCaseFoldedAppIdValue(IOperation? operation, CancellationToken ct, out string? method)
    {
        method = null;
        operation = operation.SkipConversionsAndConditionalAccess();
        if (operation is ILocalReferenceOperation local)
        {
            // var app = user.FindFirst("app_id")?.Value.ToLowerInvariant(); the syntax says first whether it can be.
            if (!InitializerEndsWithCaseFolding(local.Local, ct))
                return false;
            method = LocalInitializers.Follow(local, value => IsCaseFoldedAppIdValue(value, ct, out string? folded) ? folded : null, ct);
            return method is not null;
        }

        if (operation is not IInvocationOperation { TargetMethod: { } target } invocation
            || target.ContainingType?.SpecialType != SpecialType.System_String
            || target.Name is not ("ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant")
            || !IsValue(invocation.Instance, 0, ct))
            return false;

        method = target.Name;
        return true;
    }

    private static bool InitializerEndsWithCaseFolding(ILocalSymbol local, CancellationToken ct)
    {
        if (local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(ct) is not VariableDeclaratorSyntax { Initializer.Value: { } value })
            return false;

        while (value is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax or ConditionalAccessExpressionSyntax)
        {
            value = value switch
            {
                ParenthesizedExpressionSyntax parenthesized => parenthesized.Expression,
                PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                _ => ((ConditionalAccessExpressionSyntax)value).WhenNotNull,
            };
        }

        return value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax or MemberBindingExpressionSyntax } call
            && (call.Expression is MemberAccessExpressionSyntax member ? member.Name : ((MemberBindingExpressionSyntax)call.Expression).Name)
                .Identifier.ValueText is "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant";
    }

    /// <summary>True when an argument (not the receiver) of the invocation is the constant <c>"app_id"</c>.</summary>
    public static bool NamesAppId(IInvocationOperation invocation)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Value.ConstantValue is { HasValue: true, Value: ClaimName }
                && argument.Parameter?.Type.SpecialType == SpecialType.System_String
                && !(invocation.TargetMethod.IsExtensionMethod && argument.Parameter.Ordinal == 0))
                return true;
        }

        return false;
    }

    private static bool IsValue(IOperation? operation, int depth, CancellationToken ct)
    {
        operation = operation.SkipConversionsAndConditionalAccess();
        if (operation is null || depth > MaxDepth)
            return false;

        ct.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: false } property when IsClaimValueProperty(property.Property, property):
                return IsClaim(property.Instance, depth + 1, ct) || IsTestedClaimParameter(property.Instance);

            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer:
                // token.Payload["app_id"], validationResult.Claims["app_id"]
                return indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: ClaimName }
                    && IsClaimDictionary(indexer.Instance);

            case IInvocationOperation invocation:
                if (invocation.TargetMethod.Name is "FindFirstValue" or "GetPayloadValue")
                    return NamesAppId(invocation);
                // claims.Where(c => c.Type == "app_id").Select(c => c.Value).FirstOrDefault()
                return invocation.TargetMethod.Name is "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault"
                    && invocation.Arguments.Length == 1
                    && IsSelectedValueOfTypeTest(invocation.Arguments[0].Value);

            case ICoalesceOperation coalesce:
                return IsValue(coalesce.Value, depth + 1, ct);

            case ILocalReferenceOperation local:
                if (IsOutOf(local, "TryGetPayloadValue", ct) || IsOutOf(local, "TryGetValue", ct))
                    return true;
                return LocalInitializers.Follows(local, value => IsValue(value, depth + 1, ct), ct);

            default:
                return false;
        }
    }

    /// <summary>
    /// A claims dictionary keyed by claim name: <c>JwtPayload</c>, or the <c>Claims</c>/<c>Payload</c> property of an
    /// IdentityModel type (<c>TokenValidationResult.Claims</c>). Other string-keyed dictionaries (headers, query) are not claims.
    /// </summary>
    private static bool IsClaimDictionary(IOperation? instance)
    {
        instance = instance.SkipConversionsAndConditionalAccess();
        if (instance?.Type?.Name == "JwtPayload")
            return true;

        return instance is IPropertyReferenceOperation { Property: { Name: "Claims" or "Payload" } property }
            && property.ContainingType?.ContainingNamespace?.ToDisplayString() is { } ns
            && (ns.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal) || ns.StartsWith("System.IdentityModel", StringComparison.Ordinal));
    }

    /// <summary><c>source.Where(c =&gt; c.Type == "app_id").Select(c =&gt; c.Value)</c>.</summary>
    private static bool IsSelectedValueOfTypeTest(IOperation? operation)
    {
        if (operation.SkipConversionsAndConditionalAccess() is not IInvocationOperation { TargetMethod.Name: "Select", Arguments.Length: 2 } select
            || select.Arguments[1].Value.SkipConversionsAndConditionalAccess() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation selector }
            || selector.Symbol.Parameters.Length != 1
            || ReturnedExpression(selector) is not IPropertyReferenceOperation { Property: var value, Instance: IParameterReferenceOperation selected }
            || !IsClaimValueProperty(value, select)
            || !SymbolEqualityComparer.Default.Equals(selected.Parameter, selector.Symbol.Parameters[0]))
            return false;

        return select.Arguments[0].Value.SkipConversionsAndConditionalAccess() is IInvocationOperation { TargetMethod.Name: "Where" } where && HasTypeTestPredicate(where);
    }

    private static bool IsClaim(IOperation? operation, int depth, CancellationToken ct)
    {
        operation = operation.SkipConversionsAndConditionalAccess();
        if (operation is null || depth > MaxDepth)
            return false;

        switch (operation)
        {
            case IInvocationOperation invocation:
                switch (invocation.TargetMethod.Name)
                {
                    case "FindFirst":
                    case "GetClaim":
                        return NamesAppId(invocation) || HasTypeTestPredicate(invocation);
                    case "First":
                    case "FirstOrDefault":
                    case "Single":
                    case "SingleOrDefault":
                    case "Last":
                    case "LastOrDefault":
                        return HasTypeTestPredicate(invocation);
                    default:
                        return false;
                }

            case ILocalReferenceOperation local:
                if (IsOutOf(local, "TryGetClaim", ct))
                    return true;
                return LocalInitializers.Follows(local, value => IsClaim(value, depth + 1, ct), ct);

            default:
                return false;
        }
    }

    private static bool IsClaimValueProperty(IPropertySymbol property, IOperation site)
        => property.Name == "Value" && IsClaimType(property.ContainingType, site);

    private static bool IsClaimType(ITypeSymbol? type, IOperation site) => WellKnownTypes.For(site).Is(type, WellKnownType.Claim);

    /// <summary>A predicate argument such as <c>c =&gt; c.Type == "app_id"</c>.</summary>
    private static bool HasTypeTestPredicate(IInvocationOperation invocation)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Value.SkipConversionsAndConditionalAccess() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                && lambda.Symbol.Parameters.Length == 1
                && ReturnedExpression(lambda) is { } body
                && TestsClaimType(body, lambda.Symbol.Parameters[0]))
                return true;
        }

        return false;
    }

    /// <summary><c>c.Value</c> where <c>c</c> is the parameter of a predicate that also requires <c>c.Type == "app_id"</c>.</summary>
    private static bool IsTestedClaimParameter(IOperation? instance)
    {
        if (instance is null || VariableOf(instance) is not { } variable || !IsClaimType((variable as ILocalSymbol)?.Type ?? (variable as IParameterSymbol)?.Type, instance))
            return false;

        // c.Type == "app_id" && c.Value == "...": the claim's type is tested beside its value (a loop over claims, a lambda).
        IOperation child = instance!;
        for (IOperation? current = instance!.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and
                && TestsClaimType(and.LeftOperand == child ? and.RightOperand : and.LeftOperand, variable))
                return true;
            if (current is not (IBinaryOperation or IUnaryOperation or IConversionOperation or IParenthesizedOperation or IPropertyReferenceOperation
                or IInvocationOperation or IArgumentOperation or IConditionalAccessOperation or IConditionalAccessInstanceOperation or IIsPatternOperation))
                break;
        }

        if (variable is not IParameterSymbol parameter)
            return false;

        for (IOperation? current = instance!.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
            {
                return SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol)
                    && ReturnedExpression(lambda) is { } body
                    && TestsClaimType(body, parameter);
            }
        }

        return false;
    }

    private static IOperation? ReturnedExpression(IAnonymousFunctionOperation lambda)
        => lambda.Body.Operations.Length == 1 && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } value } ? value : null;

    /// <summary>The expression, or one conjunct of an <c>&amp;&amp;</c> chain, is <c>p.Type == "app_id"</c>.</summary>
    private static bool TestsClaimType(IOperation expression, ISymbol parameter)
    {
        expression = expression.SkipConversionsAndConditionalAccess()!;
        switch (expression)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return TestsClaimType(and.LeftOperand, parameter) || TestsClaimType(and.RightOperand, parameter);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                return IsTypeOf(equals.LeftOperand, parameter) && IsAppIdConstant(equals.RightOperand)
                    || IsTypeOf(equals.RightOperand, parameter) && IsAppIdConstant(equals.LeftOperand);
            case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern:
                return IsTypeOf(pattern.Value, parameter) && IsAppIdConstant(constant.Value);
            case IInvocationOperation { TargetMethod: { Name: "Equals", IsStatic: true } method, Arguments.Length: >= 2 } call
                when method.ContainingType?.SpecialType == SpecialType.System_String:
                return IsTypeOf(call.Arguments[0].Value, parameter) && IsAppIdConstant(call.Arguments[1].Value)
                    || IsTypeOf(call.Arguments[1].Value, parameter) && IsAppIdConstant(call.Arguments[0].Value);
            default:
                return false;
        }
    }

    private static bool IsTypeOf(IOperation operand, ISymbol variable)
        => operand.SkipConversionsAndConditionalAccess() is IPropertyReferenceOperation { Property.Name: "Type", Instance: { } instance } property
            && IsClaimType(property.Property.ContainingType, property)
            && SymbolEqualityComparer.Default.Equals(VariableOf(instance), variable);

    private static ISymbol? VariableOf(IOperation? operation) => operation.SkipConversionsAndConditionalAccess().ReferencedVariable();

    private static bool IsAppIdConstant(IOperation operand) => operand.ConstantValue is { HasValue: true, Value: ClaimName };

    /// <summary>The local is declared by <c>out var x</c> in a call named <paramref name="method"/> that names <c>"app_id"</c>.</summary>
    private static bool IsOutOf(ILocalReferenceOperation reference, string method, CancellationToken ct)
    {
        ILocalSymbol local = reference.Local;
        if (local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model)
            return false;

        SyntaxNode declaration = local.DeclaringSyntaxReferences[0].GetSyntax(ct);
        if (declaration.SyntaxTree != model.SyntaxTree
            || declaration is not SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation } } })
            return false;

        return model.GetOperation(invocation, ct) is IInvocationOperation call
            && call.TargetMethod.Name == method
            && NamesAppId(call)
            && (method != "TryGetValue" || IsClaimDictionary(call.Instance));
    }
}
