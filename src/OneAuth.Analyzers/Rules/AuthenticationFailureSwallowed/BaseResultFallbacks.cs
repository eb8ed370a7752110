using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Inside an override of <c>HandleAuthenticateAsync</c> that calls <c>base.HandleAuthenticateAsync()</c> or
/// <c>Context.AuthenticateAsync(scheme)</c>: finds the <c>AuthenticateResult.Success(...)</c> values returned after
/// that call on a path where its result is not known to have succeeded, and those returned from a <c>catch</c>
/// around such a call or a token validation (the exception is the failure). A return counts as guarded (and is not reported) when an enclosing branch or an
/// earlier early exit proves the base result succeeded (<c>result.Succeeded</c>, <c>result.Ticket != null</c>,
/// <c>!result.Succeeded</c> then return ...), or when a condition tests the result in a way the rule does not
/// understand (a helper method, another property): a rule that cannot be certain stays quiet.
/// </summary>
internal static class BaseResultFallbacks
{
    private const string MethodName = "HandleAuthenticateAsync";

    /// <summary>
    /// What a condition proves about the base result on one of its branches: the states the result can still be in
    /// (an AuthenticateResult has succeeded, failed or is "none"), and whether the result was also tested in a way
    /// the rule does not model.
    /// </summary>
    private readonly struct Fact
    {
        public const int Succeeded = 1;
        public const int Failed = 2;
        public const int NoResult = 4;
        public const int Any = Succeeded | Failed | NoResult;

        public Fact(int states, bool unclear)
        {
            States = states;
            Unclear = unclear;
        }

        public int States { get; }

        public bool Unclear { get; }

        public static Fact Nothing => new(Any, false);

        public static Fact Unknown => new(Any, true);

        public static Fact Only(int states) => new(states, false);

        /// <summary>The branch runs only when the result succeeded, or its test is one the rule cannot read.</summary>
        public bool Guards => Unclear || (States & ~Succeeded) == 0;

        public static Fact And(Fact a, Fact b) => new(a.States & b.States, a.Unclear || b.Unclear);

        public static Fact Or(Fact a, Fact b) => new(a.States | b.States, a.Unclear || b.Unclear);
    }

    public static bool IsHandleAuthenticateOverride(IMethodSymbol method)
        => method is { Name: MethodName, IsOverride: true, Parameters.Length: 0, IsStatic: false };

    /// <summary>What failed before a reported <c>Success(...)</c>: the message names it.</summary>
    public const string BaseResult = "the JwtBearer base result";

    /// <summary>A scheme authenticated through <c>Context.AuthenticateAsync(scheme)</c> did not succeed.</summary>
    public const string OtherScheme = "Context.AuthenticateAsync";

    /// <summary>A <c>Success(...)</c> in a <c>catch</c> around the base call or a token validation.</summary>
    public const string CaughtValidation = "token validation";

    /// <summary>
    /// The <c>Success(...)</c> invocations to report in one override body, each with what did not succeed before it.
    /// <paramref name="baseIsJwtBearer"/>: <c>base.HandleAuthenticateAsync()</c> is the JwtBearer handler's (else
    /// the base call is not followed: another scheme's base may well succeed on its own terms).
    /// </summary>
    public static IEnumerable<(IInvocationOperation Success, string Source)> Find(IOperation body, INamedTypeSymbol authenticateResult, bool baseIsJwtBearer, CancellationToken ct)
    {
        var anchors = new List<(IOperation Statement, IBlockOperation Block, ILocalSymbol? Local, string Source)>();
        var successes = new List<IInvocationOperation>();
        // Where each authentication starts: token validations, other schemes' and (for JwtBearer) the base call.
        var validations = new List<int>();
        foreach (IOperation operation in FunctionBodies.OwnOperations(body))
        {
            ct.ThrowIfCancellationRequested();
            if (operation is not IInvocationOperation invocation)
                continue;

            string? source = IsBaseCall(invocation) ? (baseIsJwtBearer ? BaseResult : null)
                : IsSchemeAuthentication(invocation) ? OtherScheme
                : null;
            if (source is not null)
            {
                validations.Add(invocation.Syntax.SpanStart);
                if (AnchorOf(invocation) is { } anchor && TryGetResultLocal(invocation, out ILocalSymbol? local))
                    anchors.Add((anchor.Statement, anchor.Block, local, source));
            }
            else if (IsSuccess(invocation, authenticateResult) && FlowsToReturn(invocation, body))
            {
                successes.Add(invocation);
            }
            else if (IsTokenValidation(invocation))
            {
                validations.Add(invocation.Syntax.SpanStart);
            }
        }

        foreach (IInvocationOperation success in successes)
        {
            int to = success.Syntax.SpanStart;

            // catch (...) { return AuthenticateResult.Success(guest); } around the validation: the failure is the exception.
            if (EnclosingCatchAround(success, body, validations) is { } catchClause)
            {
                int start = catchClause.Syntax.SpanStart;
                if (!validations.Exists(v => v > start && v < to))
                {
                    yield return (success, CaughtValidation);
                    continue;
                }
            }

            // The nearest earlier authentication is the one whose result decides this return.
            (IOperation Statement, IBlockOperation Block, ILocalSymbol? Local, string Source)? nearest = null;
            foreach (var anchor in anchors)
            {
                if (Follows(success, anchor.Statement, anchor.Block)
                    && (nearest is null || anchor.Statement.Syntax.Span.End > nearest.Value.Statement.Syntax.Span.End))
                    nearest = anchor;
            }

            if (nearest is not { } found)
                continue;

            // A token read elsewhere (a cookie, the query) and validated here, or another scheme asked, is a second
            // authentication, not a swallowed failure.
            int from = found.Statement.Syntax.Span.End;
            if (!validations.Exists(v => v > from && v < to) && !IsGuarded(success, found.Local, body, ct))
                yield return (success, found.Source);
        }
    }

    /// <summary>
    /// The <c>catch</c> clause <paramref name="success"/> sits in, when its <c>try</c> block holds one of the
    /// <paramref name="validations"/> found in the body (a token validation, the JwtBearer base call or another
    /// scheme's authentication).
    /// </summary>
    private static ICatchClauseOperation? EnclosingCatchAround(IOperation success, IOperation body, List<int> validations)
    {
        for (IOperation current = success; current != body && current.Parent is { } parent; current = parent)
        {
            if (parent is ICatchClauseOperation { Parent: ITryOperation { Body: { } tried } } catchClause
                && validations.Exists(v => tried.Syntax.Span.Contains(v)))
                return catchClause;
        }

        return null;
    }

    /// <summary>
    /// <c>Context.AuthenticateAsync(scheme)</c> (the HttpContext extension) or <c>IAuthenticationService.AuthenticateAsync</c>:
    /// another scheme's handler decides, and its result is judged like the base result.
    /// </summary>
    private static bool IsSchemeAuthentication(IInvocationOperation invocation)
        => invocation.TargetMethod is { Name: "AuthenticateAsync", ContainingType: { } type }
           && WellKnownTypes.For(invocation).IsAny(type, WellKnownType.AuthenticationHttpContextExtensions,
               WellKnownType.IAuthenticationService, WellKnownType.AuthenticationService);

    /// <summary>ValidateToken / ValidateTokenAsync of an IdentityModel token handler or validator.</summary>
    private static bool IsTokenValidation(IInvocationOperation invocation)
        => invocation.TargetMethod is { Name: "ValidateToken" or "ValidateTokenAsync", ContainingNamespace: { } ns }
           && ns.ToDisplayString() is "Microsoft.IdentityModel.Tokens" or "Microsoft.IdentityModel.JsonWebTokens" or "System.IdentityModel.Tokens.Jwt";

    private static bool IsBaseCall(IInvocationOperation invocation)
        => invocation.TargetMethod is { Name: MethodName, Parameters.Length: 0 }
           && invocation.Instance is IInstanceReferenceOperation { Syntax: var syntax }
           && syntax.IsKind(SyntaxKind.BaseExpression);

    private static bool IsSuccess(IInvocationOperation invocation, INamedTypeSymbol authenticateResult)
    {
        if (invocation.TargetMethod is not { Name: "Success", IsStatic: true } method)
            return false;
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, authenticateResult))
                return true;
        }

        return false;
    }

    /// <summary>True when the value ends up in a <c>return</c> (directly, as a branch of ?: or ??, or through Task.FromResult).</summary>
    private static bool FlowsToReturn(IOperation value, IOperation body)
    {
        for (IOperation current = value; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IReturnOperation { Kind: OperationKind.Return }:
                    return true;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                    // result = AuthenticateResult.Success(...); ... return result;
                    return IsReturned(target.Local, body);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return IsReturned(declarator.Symbol, body);
                case IConversionOperation or IParenthesizedOperation:
                    continue;
                case IConditionalOperation conditional when conditional.Condition != current:
                    continue;
                case ICoalesceOperation:
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } fromResult } }
                    when WellKnownTypes.For(parent).Is(fromResult.ContainingType, WellKnownType.Task):
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } }:
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool IsReturned(ILocalSymbol local, IOperation body)
    {
        foreach (IOperation operation in FunctionBodies.OwnOperations(body))
        {
            if (operation is not IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned })
                continue;

            IOperation inner = returned;
            while (true)
            {
                if (inner is IConversionOperation conversion)
                    inner = conversion.Operand;
                else if (inner is IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true }, Arguments.Length: 1 } fromResult)
                    inner = fromResult.Arguments[0].Value;
                else
                    break;
            }

            if (inner is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                return true;
        }

        return false;
    }

    /// <summary>The statement holding the base call and the block it sits in, when the call is made unconditionally there.</summary>
    private static (IOperation Statement, IBlockOperation Block)? AnchorOf(IOperation call)
    {
        for (IOperation current = call; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IBlockOperation block:
                    return (current, block);
                case IConditionalOperation or ILoopOperation or ITryOperation or ISwitchOperation or ISwitchCaseOperation
                    or ICoalesceOperation or IConditionalAccessOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
                    // Made on some paths only: the rule does not guess which.
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The local the base result is stored in (<c>var result = await base.HandleAuthenticateAsync();</c>, also with
    /// <c>ConfigureAwait</c>, <c>GetAwaiter().GetResult()</c> or <c>.Result</c>), or null when the result is discarded.
    /// False when the result goes anywhere else (a field, a helper, a property read): the rule cannot follow it.
    /// </summary>
    private static bool TryGetResultLocal(IOperation call, out ILocalSymbol? local)
    {
        local = null;
        IOperation current = call;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case IAwaitOperation or IConversionOperation or IParenthesizedOperation:
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" } unwrap when unwrap.Instance == current:
                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == current:
                    current = parent;
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    local = declarator.Symbol;
                    return true;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                    local = target.Local;
                    return true;
                case ISimpleAssignmentOperation { Target: IDiscardOperation } assignment when assignment.Value == current:
                case IExpressionStatementOperation:
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool Follows(IOperation success, IOperation statement, IBlockOperation block)
    {
        if (success.Syntax.SpanStart <= statement.Syntax.Span.End)
            return false;
        for (IOperation? current = success.Parent; current is not null; current = current.Parent)
        {
            if (current == block)
                return true;
        }

        return false;
    }

    private static bool IsGuarded(IOperation success, ILocalSymbol? local, IOperation root, CancellationToken ct)
    {
        // What every enclosing branch and earlier early exit proves, together.
        Fact known = Fact.Nothing;
        for (IOperation current = success; current != root && current.Parent is { } parent; current = parent)
        {
            Fact fact = Fact.Nothing;
            switch (parent)
            {
                case IConditionalOperation conditional when current == conditional.WhenTrue:
                    fact = When(conditional.Condition, true, local, ct);
                    break;
                case IConditionalOperation conditional when current == conditional.WhenFalse:
                    fact = When(conditional.Condition, false, local, ct);
                    break;
                case IBlockOperation block:
                    fact = AfterEarlyExits(block, current, local, ct);
                    break;
                case ISwitchCaseOperation { Parent: ISwitchOperation switched } when Mentions(switched.Value, local):
                    // switch (result.Succeeded) { case true: ... }: not modelled, so not guessed.
                    fact = Fact.Unknown;
                    break;
            }

            known = Fact.And(known, fact);
            if (known.Guards)
                return true;
        }

        return false;
    }

    /// <summary>What the <c>if (...) return ...;</c> statements before <paramref name="statement"/> prove when control passes them.</summary>
    private static Fact AfterEarlyExits(IBlockOperation block, IOperation statement, ILocalSymbol? local, CancellationToken ct)
    {
        Fact known = Fact.Nothing;
        foreach (IOperation earlier in block.Operations)
        {
            if (earlier == statement)
                break;
            if (earlier is IConditionalOperation { WhenFalse: null } early && AlwaysExits(early.WhenTrue))
                known = Fact.And(known, When(early.Condition, false, local, ct));
        }

        return known;
    }

    private static bool AlwaysExits(IOperation operation) => operation switch
    {
        IReturnOperation or IThrowOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations: { Length: > 0 } operations } => AlwaysExits(operations[operations.Length - 1]),
        _ => false,
    };

    /// <summary>What <paramref name="condition"/> evaluating to <paramref name="value"/> proves about the base result.</summary>
    private static Fact When(IOperation condition, bool value, ILocalSymbol? local, CancellationToken ct)
    {
        switch (condition.SkipConversions())
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return When(not.Operand, !value, local, ct);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return value
                    ? Fact.And(When(and.LeftOperand, true, local, ct), When(and.RightOperand, true, local, ct))
                    : Fact.Or(When(and.LeftOperand, false, local, ct), When(and.RightOperand, false, local, ct));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                return value
                    ? Fact.Or(When(or.LeftOperand, true, local, ct), When(or.RightOperand, true, local, ct))
                    : Fact.And(When(or.LeftOperand, false, local, ct), When(or.RightOperand, false, local, ct));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
            {
                bool equals = comparison.OperatorKind == BinaryOperatorKind.Equals;
                if (Constant(comparison.RightOperand) is { } right)
                    return Compare(comparison.LeftOperand, right, equals == value, local);
                if (Constant(comparison.LeftOperand) is { } left)
                    return Compare(comparison.RightOperand, left, equals == value, local);
                return Mentions(condition, local) ? Fact.Unknown : Fact.Nothing;
            }

            case IIsTypeOperation isType when value:
                return Compare(isType.ValueOperand, Test.NotNull, true, local);
            case IIsPatternOperation isPattern:
                return Matches(isPattern.Value, isPattern.Pattern, value, local);
            case ILocalReferenceOperation { Local: { IsRef: false, Type.SpecialType: SpecialType.System_Boolean } flag } reference
                when !SymbolEqualityComparer.Default.Equals(flag, local)
                     && SingleAssignment.TryGetOnlyValue(flag, reference, ct, out IOperation? flagValue) && flagValue is not null:
                // var succeeded = result.Succeeded; if (succeeded) ...
                return When(flagValue, value, local, ct);
            default:
                if (Member(condition, local) is { } member)
                    return Proves(member, BooleanTest(value));
                return Mentions(condition, local) ? Fact.Unknown : Fact.Nothing;
        }
    }

    private enum Test
    {
        True,
        False,
        Null,
        NotNull,
    }

    private static Test BooleanTest(bool value) => value ? Test.True : Test.False;

    /// <summary>A literal true, false or null, boxed as the test it makes when compared for equality.</summary>
    private static Test? Constant(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        if (!operation.ConstantValue.HasValue)
            return null;
        return operation.ConstantValue.Value switch
        {
            null => Test.Null,
            true => Test.True,
            false => Test.False,
            _ => null,
        };
    }

    private static Fact Compare(IOperation operand, Test test, bool holds, ILocalSymbol? local)
    {
        if (Member(operand, local) is not { } member)
            return Mentions(operand, local) ? Fact.Unknown : Fact.Nothing;
        if (holds)
            return Proves(member, test);
        return test switch
        {
            Test.True => Proves(member, Test.False),
            Test.False => Proves(member, Test.True),
            Test.Null => Proves(member, Test.NotNull),
            _ => Proves(member, Test.Null),
        };
    }

    private static Fact Matches(IOperation value, IPatternOperation pattern, bool matched, ILocalSymbol? local)
    {
        switch (pattern)
        {
            case INegatedPatternOperation negated:
                return Matches(value, negated.Pattern, !matched, local);
            case IConstantPatternOperation constant when Constant(constant.Value) is { } test:
                return Compare(value, test, matched, local);
            case ITypePatternOperation or IDeclarationPatternOperation when matched:
                return Compare(value, Test.NotNull, true, local);
            case IRecursivePatternOperation recursive when matched && IsLocal(value, local):
            {
                Fact known = Fact.Nothing;
                foreach (IPropertySubpatternOperation sub in recursive.PropertySubpatterns)
                {
                    if (sub.Member is IPropertyReferenceOperation { Property.Name: var name })
                        known = Fact.And(known, MatchesMember(name, sub.Pattern));
                    else
                        known = Fact.And(known, Fact.Unknown);
                }

                return known;
            }

            default:
                return Mentions(value, local) ? Fact.Unknown : Fact.Nothing;
        }
    }

    private static Fact MatchesMember(string member, IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant when Constant(constant.Value) is { } test => Proves(member, test),
        INegatedPatternOperation { Pattern: IConstantPatternOperation constant } when Constant(constant.Value) == Test.Null => Proves(member, Test.NotNull),
        ITypePatternOperation or IDeclarationPatternOperation or IRecursivePatternOperation => Proves(member, Test.NotNull),
        IDiscardPatternOperation => Fact.Nothing,
        _ => Fact.Unknown,
    };

    /// <summary>The AuthenticateResult property read on the result local (also through <c>?.</c>), or null.</summary>
    private static string? Member(IOperation operation, ILocalSymbol? local)
    {
        operation = operation.SkipConversions()!;

        return operation switch
        {
            IPropertyReferenceOperation { Property.Name: var name, Instance: var instance } when IsLocal(instance, local) => name,
            IConditionalAccessOperation { Operation: var receiver, WhenNotNull: IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation, Property.Name: var name } }
                when IsLocal(receiver, local) => name,
            _ => null,
        };
    }

    /// <summary>What one test of a result property proves.</summary>
    private static Fact Proves(string member, Test test) => (member, test) switch
    {
        ("Succeeded", Test.True) => Fact.Only(Fact.Succeeded),
        ("Succeeded", Test.False) => Fact.Only(Fact.Failed | Fact.NoResult),
        ("None", Test.True) => Fact.Only(Fact.NoResult),
        ("None", Test.False) => Fact.Only(Fact.Succeeded | Fact.Failed),
        ("Failure", Test.NotNull) => Fact.Only(Fact.Failed),
        ("Failure", Test.Null) => Fact.Only(Fact.Succeeded | Fact.NoResult),
        ("Ticket" or "Principal", Test.NotNull) => Fact.Only(Fact.Succeeded),
        ("Ticket" or "Principal", Test.Null) => Fact.Only(Fact.Failed | Fact.NoResult),
        _ => Fact.Unknown,
    };

    private static bool IsLocal(IOperation? operation, ILocalSymbol? local)
    {
        operation = operation.SkipConversions();
        return local is not null && operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
    }

    private static bool Mentions(IOperation operation, ILocalSymbol? local)
    {
        if (local is null)
            return false;
        foreach (IOperation descendant in operation.DescendantsAndSelf())
        {
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                return true;
        }

        return false;
    }
}
