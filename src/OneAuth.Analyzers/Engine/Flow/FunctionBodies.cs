using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Finds the code behind a delegate value: lambdas, anonymous methods, method groups and local functions
/// declared in the same file, also through conversions, <c>new Validator(...)</c>, single-assignment locals
/// and <c>static readonly</c> fields. Anything else (a delegate from a parameter or another file) is unknown.
/// </summary>
internal static class FunctionBodies
{
    public static FunctionBody? Resolve(IOperation? value, CancellationToken ct)
    {
        for (int depth = 0; value is not null && depth < DepthLimits.ValueSteps; depth++)
        {
            ct.ThrowIfCancellationRequested();
            // Readonly fields are followed below; static properties are not (Unwrap would follow them).
            switch (ValueEvaluator.UnwrapLocals(value, ct))
            {
                case IDelegateCreationOperation creation:
                    value = creation.Target;
                    continue;
                case IAnonymousFunctionOperation lambda:
                    return new FunctionBody(lambda.Body, lambda.Symbol.Parameters);
                case IMethodReferenceOperation reference:
                    return FromMethod(reference.Method, reference, ct);
                case IFieldReferenceOperation { Field: { IsReadOnly: true } field } fieldReference when ValueEvaluator.HasOnlyItsInitializer(field, ct):
                    if (!ValueEvaluator.TryGetInitializer(field, fieldReference, out value))
                        return null;
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Judges a delegate value with <paramref name="isProblem"/>, looking through conditionals: both branches
    /// bad is <see cref="Verdict.Always"/>; one bad branch under an environment check is
    /// <see cref="Verdict.InSomeEnvironments"/>.
    /// </summary>
    public static Verdict Judge(IOperation? value, Func<FunctionBody, bool> isProblem, CancellationToken ct)
        => Judge(value, isProblem, chosenCounts: false, 0, ct);

    /// <summary>
    /// As <see cref="Judge(IOperation?, System.Func{FunctionBody, bool}, CancellationToken)"/>, and when
    /// <paramref name="chosenCounts"/> is set, a bad branch chosen by any other condition (a flag, a setting) is
    /// <see cref="Verdict.Always"/>: for a bypass so severe that having it one setting away is the finding.
    /// </summary>
    public static Verdict Judge(IOperation? value, Func<FunctionBody, bool> isProblem, bool chosenCounts, CancellationToken ct)
        => Judge(value, isProblem, chosenCounts, 0, ct);

    private static Verdict Judge(IOperation? value, Func<FunctionBody, bool> isProblem, bool chosenCounts, int depth, CancellationToken ct)
    {
        value = ValueEvaluator.UnwrapLocals(value, ct);
        if (value is null || depth >= DepthLimits.ValueSteps)
            return Verdict.NotProven;

        if (value is IConditionalOperation { WhenFalse: not null } conditional)
        {
            Verdict whenTrue = Judge(conditional.WhenTrue, isProblem, chosenCounts, depth + 1, ct);
            Verdict whenFalse = Judge(conditional.WhenFalse, isProblem, chosenCounts, depth + 1, ct);
            if (whenTrue == Verdict.Always && whenFalse == Verdict.Always)
                return Verdict.Always;
            if (whenTrue == Verdict.NotProven && whenFalse == Verdict.NotProven)
                return Verdict.NotProven;
            if (EnvironmentChecks.IsEnvironmentDependent(conditional.Condition, ct))
                return Verdict.InSomeEnvironments;

            // SignatureValidator = skipSignature ? (t, p) => new JsonWebToken(t) : null: the bypass is
            // chosen by an input, and whoever sets that input turns the check off in any environment.
            return chosenCounts ? Verdict.Always : Verdict.NotProven;
        }

        FunctionBody? body = Resolve(value, ct);
        return body is not null && isProblem(body) ? Verdict.Always : Verdict.NotProven;
    }

    /// <summary>The body of the method or local function a call invokes, when it is declared in the caller's file.</summary>
    public static FunctionBody? OfCall(IInvocationOperation call, CancellationToken ct)
        => FromMethod(call.TargetMethod, call, ct);

    private static FunctionBody? FromMethod(IMethodSymbol method, IOperation reference, CancellationToken ct)
    {
        method = method.ReducedFrom ?? method;
        SemanticModel? model = reference.SemanticModel;
        if (model is null || method.DeclaringSyntaxReferences.Length != 1 || method.IsAbstract || method.IsExtern)
            return null;

        SyntaxReference declaration = method.DeclaringSyntaxReferences[0];
        if (declaration.SyntaxTree != model.SyntaxTree)
            return null;

        SyntaxNode syntax = declaration.GetSyntax(ct);
        if (syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax))
            return null;

        IOperation? body = model.GetOperation(syntax, ct) switch
        {
            IMethodBodyOperation m => m.BlockBody ?? m.ExpressionBody,
            ILocalFunctionOperation f => f.Body ?? f.IgnoredBody,
            _ => null,
        };
        return body is null ? null : new FunctionBody(body, method.Parameters);
    }

    /// <summary>Every operation of a body, without descending into nested lambdas or local functions.</summary>
    public static IEnumerable<IOperation> OwnOperations(IOperation body)
    {
        var stack = new Stack<IOperation>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            yield return current;
            foreach (IOperation child in current.ChildOperations)
            {
                if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    continue;
                stack.Push(child);
            }
        }
    }

    /// <summary>True when <paramref name="operation"/> sits in a lambda or local function nested inside <paramref name="root"/>.</summary>
    public static bool IsInNestedFunction(IOperation operation, IOperation root)
    {
        for (IOperation? current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return true;
        }

        return false;
    }

    /// <summary>
    /// True when every return path returns a value proven true, there is at least one, and the body neither
    /// throws nor calls anything but a logger or a string method.
    /// </summary>
    public static bool AlwaysReturnsTrue(FunctionBody function, CancellationToken ct)
        => AlwaysReturns(function, ret => ValueEvaluator.EvaluateBool(ret.ReturnedValue, ct) == BoolValue.True, ct);

    /// <summary>
    /// True when every return path satisfies <paramref name="accepts"/>, there is at least one, and the body
    /// neither throws nor calls anything but a logger or a string method (any other call could be the check).
    /// </summary>
    public static bool AlwaysReturns(FunctionBody function, Func<IReturnOperation, bool> accepts, CancellationToken ct)
        => AlwaysReturns(function, accepts, null, ct);

    /// <summary>
    /// As <see cref="AlwaysReturns(FunctionBody, System.Func{IReturnOperation, bool}, CancellationToken)"/>, but a
    /// throw or a return reachable only when <paramref name="missingAllowed"/> is null or empty, and a call that only
    /// rejects or asks about such a missing value, do not count as a check: every present value still passes.
    /// <paramref name="missingAllowed"/> must be a parameter the body never writes (<see cref="IsNeverWritten"/>): the
    /// caller checks, since its <paramref name="accepts"/> relies on the same parameter.
    /// </summary>
    public static bool AlwaysReturns(FunctionBody function, Func<IReturnOperation, bool> accepts, IParameterSymbol? missingAllowed, CancellationToken ct)
        => AlwaysReturns(function, accepts, missingAllowed, 0, ct);

    /// <summary>
    /// A call to a <c>bool</c> method or local function declared in the caller's file that cannot be overridden and
    /// that itself always returns true without a check (<see cref="AlwaysReturnsTrue"/>, following such calls a
    /// few levels deep): <c>(a, t, p) =&gt; AcceptAll(a, t, p)</c>.
    /// </summary>
    public static bool IsAlwaysTrueCall(IInvocationOperation call, CancellationToken ct)
        => IsAlwaysTrueCall(call, 0, ct);

    private static bool IsAlwaysTrueCall(IInvocationOperation call, int depth, CancellationToken ct)
    {
        IMethodSymbol method = call.TargetMethod;
        if (depth > DepthLimits.HelperCalls || method.ReturnType.SpecialType != SpecialType.System_Boolean
            || (method.IsVirtual && !method.IsSealed) || method.IsAbstract || (method.IsOverride && !method.IsSealed && !method.ContainingType.IsSealed)
            || OfCall(call, ct) is not { } helper)
            return false;

        return AlwaysReturns(
            helper,
            ret => ValueEvaluator.EvaluateBool(ret.ReturnedValue, ct) == BoolValue.True
                   || (ret.ReturnedValue.SkipConversions() is IInvocationOperation inner && IsAlwaysTrueCall(inner, depth + 1, ct)),
            null,
            depth + 1,
            ct);
    }

    private static bool AlwaysReturns(FunctionBody function, Func<IReturnOperation, bool> accepts, IParameterSymbol? missingAllowed, int depth, CancellationToken ct)
    {
        int returns = 0;
        foreach (IOperation operation in OwnOperations(function.Body))
        {
            ct.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IThrowOperation thrown when missingAllowed is not null && NullGuards.IsReachableOnlyWhenMissing(thrown, function.Body, missingAllowed):
                    break;
                case IThrowOperation:
                    return false;
                case IInvocationOperation invocation when missingAllowed is not null && NullGuards.IsMissingValueCall(invocation, missingAllowed):
                    break;
                case IInvocationOperation invocation when !IsLoggingCall(invocation) && !IsStringQuery(invocation) && !IsAlwaysTrueCall(invocation, depth, ct):
                    return false;
                case IReturnOperation { Kind: OperationKind.Return } ret:
                    returns++;
                    // if (audiences == null) return false;: a rejection of the missing value only.
                    if (!accepts(ret) && (missingAllowed is null || !NullGuards.IsReachableOnlyWhenMissing(ret, function.Body, missingAllowed)))
                        return false;
                    break;
                case IReturnOperation:
                    // yield return: not a shape we understand.
                    return false;
            }
        }

        return returns > 0;
    }

    /// <summary>True for calls that only log: ILogger extensions, Console, Debug and Trace.</summary>
    public static bool IsLoggingCall(IInvocationOperation invocation)
    {
        INamedTypeSymbol? type = invocation.TargetMethod.ContainingType;
        string? ns = type?.ContainingNamespace?.ToDisplayString();
        if (ns == "Microsoft.Extensions.Logging")
            return true;
        if (ns == "System" && type!.Name == "Console")
            return invocation.TargetMethod.Name.StartsWith("Write", StringComparison.Ordinal);
        return ns == "System.Diagnostics" && type!.Name is "Debug" or "Trace";
    }

    /// <summary>
    /// True for a method of <see cref="string"/> (<c>issuer.StartsWith(...)</c>, <c>string.IsNullOrEmpty(x)</c>):
    /// it only computes a value, so it cannot be the check when every return path accepts anyway.
    /// </summary>
    public static bool IsStringQuery(IInvocationOperation invocation)
        => invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String;

    /// <summary>True when nothing in the body assigns the parameter.</summary>
    public static bool IsNeverWritten(IOperation body, IParameterSymbol parameter)
    {
        foreach (IOperation operation in OwnOperations(body))
        {
            IOperation? target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                _ => null,
            };
            if (target is IParameterReferenceOperation { Parameter: var written } && SymbolEqualityComparer.Default.Equals(written, parameter))
                return false;
        }

        return true;
    }

    /// <summary>The body of the called method or local function when it is declared in the file of the call, or null.</summary>
    public static IOperation? SameFileBody(IInvocationOperation call, CancellationToken ct)
    {
        IMethodSymbol method = call.TargetMethod.OriginalDefinition;
        if (method.DeclaringSyntaxReferences.Length != 1 || call.SemanticModel is not { } model)
            return null;

        SyntaxNode declaration = method.DeclaringSyntaxReferences[0].GetSyntax(ct);
        return declaration.SyntaxTree == model.SyntaxTree && declaration is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax
            ? model.GetOperation(declaration, ct)
            : null;
    }

    /// <summary>
    /// The first answer when <paramref name="judge"/> answers for every <c>return</c> of <paramref name="body"/> (nested
    /// functions excluded); null when one return has no value or no answer, or there is no return.
    /// </summary>
    public static T? EveryReturn<T>(IOperation body, Func<IOperation, T?> judge, CancellationToken ct)
        where T : class
    {
        T? found = null;
        foreach (IOperation operation in body.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (operation is not IReturnOperation @return || IsInNestedFunction(@return, body))
                continue;
            if (@return.ReturnedValue is not { } value || judge(value) is not { } answer)
                return null;
            found ??= answer;
        }

        return found;
    }

    /// <summary>When <paramref name="input"/> is a parameter of <paramref name="method"/>: the caller's argument for it.</summary>
    public static IOperation? ArgumentFor(IOperation? input, IMethodSymbol method, IInvocationOperation call)
    {
        if (input.SkipConversionsAndConditionalAccess() is IParameterReferenceOperation { Parameter: var parameter }
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
        {
            foreach (IArgumentOperation argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == parameter.Ordinal)
                    return argument.Value;
            }
        }

        return null;
    }
}
