using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0013: data from the payload of a token decoded without verification (by a token handler, or by hand: split,
/// base64url-decoded and parsed as JSON) decides something within the method: a
/// condition (<c>if</c>, <c>while</c>, <c>for</c>, <c>?:</c>, <c>switch</c>), a returned <c>bool</c>, <c>ClaimsPrincipal</c>
/// or <c>ClaimsIdentity</c>, a principal or authentication ticket built from it, or the current user
/// (<c>HttpContext.User = ...</c>, <c>context.Principal = ...</c>, <c>SignInAsync</c>). A method that also validates a
/// token is left alone: the decoded token may only choose how to validate (issuer routing), which cannot be told apart.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnverifiedTokenTrustedAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnverifiedTokenTrusted);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            // jose-jwt's JWT.Payload decodes without a key too, in projects without Microsoft.IdentityModel.
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is null
                && TokenLibraryTypes.ForSecurityRules(start.Compilation, start.Options)?.HasJose != true)
                return;

            var text = new SourceTextFilter(start.Compilation, UnverifiedTokens.DecoderWords);

            // A payload decoded by hand ends in a JSON parse (Parse, Deserialize, DeserializeObject, Base64UrlDeserialize)
            // of a JSON or payload type, after a base64 decoder (Convert.FromBase64String or one of the Base64Url... types
            // and methods), in the member or in a helper of the same file: the file names all three. Most files that parse
            // JSON or numbers decode no token, and the decoder's name keeps them out of the operation walk below.
            var handText = new SourceTextFilter(start.Compilation, "Parse", "Deserialize");
            var parserTypes = new SourceTextFilter(start.Compilation, HandDecodedPayloads.ParserTypes);
            var decoderText = new SourceTextFilter(start.Compilation, "FromBase64String", "Base64Url");
            start.RegisterOperationBlockStartAction(block =>
            {
                // Flows are tracked within a member: without a decoding call in it there is nothing to follow, and a
                // decoding call names the method or the token type in the member's own file.
                if (block.OperationBlocks.IsEmpty)
                    return;
                SyntaxTree tree = block.OperationBlocks[0].Syntax.SyntaxTree;
                bool decoders = text.Mentions(tree, block.CancellationToken);
                bool byHand = handText.Mentions(tree, block.CancellationToken)
                              && parserTypes.Mentions(tree, block.CancellationToken)
                              && decoderText.Mentions(tree, block.CancellationToken);
                if (!decoders && !byHand
                    || !OperationBlocks.Any(block.OperationBlocks, o => decoders && UnverifiedTokens.IsDecoding(o) || byHand && MayDecodeByHand(o, tree, block.CancellationToken)))
                    return;

                block.RegisterOperationAction(AnalyzeCondition, OperationKind.Conditional, OperationKind.Loop, OperationKind.Switch, OperationKind.SwitchExpression);
                block.RegisterOperationAction(AnalyzeReturn, OperationKind.Return);
                block.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
                block.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
                block.RegisterOperationAction(AnalyzeSignIn, OperationKind.Invocation);
            });
        });
    }

    /// <summary>
    /// Pre-filter by names: a JSON parse that may read a hand-decoded payload, or a call of a method of the same file that
    /// may hand one over (or data read from one).
    /// </summary>
    private static bool MayDecodeByHand(IOperation operation, SyntaxTree tree, CancellationToken ct)
        => operation is IInvocationOperation invocation
           && (HandDecodedPayloads.IsParse(invocation) || HandDecodedPayloads.MayDecode(invocation.TargetMethod, tree, ct));

    private static void AnalyzeCondition(OperationAnalysisContext context)
    {
        IOperation? condition = context.Operation switch
        {
            IConditionalOperation conditional => conditional.Condition,
            IWhileLoopOperation loop => loop.Condition,
            IForLoopOperation loop => loop.Condition,
            ISwitchOperation statement => statement.Value,
            ISwitchExpressionOperation expression => expression.Value,
            _ => null,
        };
        if (condition is null)
            return;

        if (UnverifiedTokens.DecisionOrigin(condition, context.CancellationToken) is { } source)
            Report(context, condition, source, "this condition");
    }

    private static void AnalyzeReturn(OperationAnalysisContext context)
    {
        var @return = (IReturnOperation)context.Operation;
        if (@return.ReturnedValue is not { } value || @return.IsImplicit && IsInsideLambdaArgument(@return))
            return;

        ITypeSymbol? type = value.SkipConversionsAndConditionalAccess()?.Type ?? value.Type;
        if (type?.TypeKind == TypeKind.Dynamic)
            type = value.Type; // a dynamic value converted to the method's return type
        bool decides = type?.SpecialType == SpecialType.System_Boolean || UnverifiedTokens.IsPrincipalType(type, WellKnownTypes.For(context.Compilation));
        if (!decides || IsPrincipalCreation(value))
            return; // a principal built here is reported where it is built

        UnverifiedOrigin? source = type?.SpecialType == SpecialType.System_Boolean
            ? UnverifiedTokens.DecisionOrigin(value, context.CancellationToken)
            : UnverifiedTokens.DataOrigin(value, context.CancellationToken);
        if (source is not null)
            Report(context, value, source, "the returned value");
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!UnverifiedTokens.IsPrincipalType(creation.Type, WellKnownTypes.For(context.Compilation)))
            return;

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (IsPrincipalCreation(argument.Value))
                continue; // the inner principal or identity is reported itself
            if (UnverifiedTokens.DataOrigin(argument.Value, context.CancellationToken) is { } source)
            {
                Report(context, creation, source, "the " + creation.Type!.Name + " built here");
                return;
            }
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "User" or "Principal" or "CurrentPrincipal" } property }
            || !UnverifiedTokens.IsPrincipalType(property.Type, WellKnownTypes.For(context.Compilation))
            || IsPrincipalCreation(assignment.Value))
            return;

        if (UnverifiedTokens.DataOrigin(assignment.Value, context.CancellationToken) is { } source)
            Report(context, assignment, source, "the authenticated user");
    }

    private static void AnalyzeSignIn(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name is not ("SignInAsync" or "SignIn" or "Success"))
            return;

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (!UnverifiedTokens.IsPrincipalType(argument.Value.Type, WellKnownTypes.For(context.Compilation)) || IsPrincipalCreation(argument.Value))
                continue;
            if (UnverifiedTokens.DataOrigin(argument.Value, context.CancellationToken) is { } source)
            {
                Report(context, invocation, source, "the authenticated user");
                return;
            }
        }
    }

    /// <summary>A principal, identity or ticket created here or held in a local assigned once from a creation.</summary>
    private static bool IsPrincipalCreation(IOperation value)
    {
        // Not ValueEvaluator.UnwrapLocals: this walk also steps through ?. (SkipConversionsAndConditionalAccess).
        IOperation? current = value;
        for (int depth = 0; depth < 4; depth++)
        {
            current = current.SkipConversionsAndConditionalAccess();
            switch (current)
            {
                case IObjectCreationOperation { Type: var type }:
                    return UnverifiedTokens.IsPrincipalType(type, WellKnownTypes.For(value));
                case ILocalReferenceOperation local when SingleAssignment.TryGetOnlyValue(local.Local, local, default, out IOperation? assigned):
                    current = assigned;
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The implicit return of a lambda passed to a call, such as a LINQ predicate: its result is judged where it lands.</summary>
    private static bool IsInsideLambdaArgument(IReturnOperation @return)
    {
        for (IOperation? current = @return.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation)
                return current.Parent is IDelegateCreationOperation { Parent: IArgumentOperation };
        }

        return false;
    }

    private static void Report(OperationAnalysisContext context, IOperation site, UnverifiedOrigin source, string what)
    {
        CancellationToken ct = context.CancellationToken;
        if (ChoosesValidationInputs(context) || ValidatedFirst(context.Operation, site, source, ct))
            return;

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnverifiedTokenTrusted, site.Syntax.GetLocation(), source.Call, what));
    }

    /// <summary>
    /// A condition that only chooses how the token will be validated: in a function that returns validation parameters
    /// or keys (an issuer or key resolver), in a <c>ForwardDefaultSelector</c>, or in an <c>OnMessageReceived</c> handler.
    /// </summary>
    private static bool ChoosesValidationInputs(OperationAnalysisContext context)
    {
        if (context.Operation is not (IConditionalOperation or ISwitchOperation or ISwitchExpressionOperation or ILoopOperation))
            return false; // a principal, a sign-in or a returned decision is never just routing

        IMethodSymbol? function = null;
        for (IOperation? current = context.Operation.Parent; current is not null && function is null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
            {
                // o.ForwardDefaultSelector = context => ...: picks the scheme that then validates the token.
                if (current.Parent is IDelegateCreationOperation { Parent: ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ForwardDefaultSelector" } } })
                    return true;
                function = lambda.Symbol;
            }
            else if (current is ILocalFunctionOperation local)
            {
                function = local.Symbol;
            }
        }

        function ??= context.ContainingSymbol as IMethodSymbol;
        if (function is null)
            return false;

        // OnMessageReceived runs before the handler validates the token it leaves in the context.
        WellKnownTypes known = WellKnownTypes.For(context.Compilation);
        foreach (IParameterSymbol parameter in function.Parameters)
        {
            if (known.IsAny(parameter.Type, WellKnownType.JwtBearerMessageReceivedContext, WellKnownType.OpenIdConnectMessageReceivedContext))
                return true;
        }

        return IsValidationInput(function.ReturnType, 0, known);
    }

    private static bool IsValidationInput(ITypeSymbol? type, int depth, WellKnownTypes known)
    {
        if (type is null || depth > 3)
            return false;
        if (type is IArrayTypeSymbol array)
            return IsValidationInput(array.ElementType, depth + 1, known);
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (known.IsAny(t, WellKnownType.TokenValidationParameters, WellKnownType.SecurityKey))
                return true;
        }

        // Task<T>, ValueTask<T>, IEnumerable<T>, List<T>, ...
        return type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic
            && IsValidationInput(generic.TypeArguments[0], depth + 1, known);
    }

    /// <summary>
    /// True when the same method validates the very token string that was decoded, before the decision (or within the
    /// same condition), or after a decision that only picks how to validate it (a <c>?:</c> or <c>switch</c> expression,
    /// or an <c>if</c>/<c>switch</c> statement that at most rejects). A validation of another token does not count.
    /// </summary>
    private static bool ValidatedFirst(IOperation decision, IOperation site, UnverifiedOrigin source, CancellationToken ct)
    {
        IOperation root = decision.Root();

        bool? routing = null;
        foreach (IOperation descendant in root.DescendantsAndSelf())
        {
            ct.ThrowIfCancellationRequested();
            if (!UnverifiedTokens.IsValidation(descendant) || !ValidatesSameToken((IInvocationOperation)descendant, source, ct))
                continue;
            IInvocationOperation validation = (IInvocationOperation)descendant;

            if (validation.Syntax.Span.End <= site.Syntax.SpanStart || site.Syntax.Span.Contains(validation.Syntax.Span))
                return true;

            routing ??= OnlyRoutes(decision);
            if (routing.Value)
                return true;
        }

        return false;
    }

    private static bool ValidatesSameToken(IInvocationOperation validation, UnverifiedOrigin source, CancellationToken ct)
    {
        if (!IsComparable(source.Input))
            return true; // the decoded string cannot be named (a token kept in a field, an expression): any validation may be of it

        foreach (IArgumentOperation argument in validation.Arguments)
        {
            ITypeSymbol? type = argument.Parameter?.Type;
            if (type?.SpecialType != SpecialType.System_String && type?.Name is not ("SecurityToken" or "JsonWebToken" or "JwtSecurityToken"))
                continue;

            // The token argument comes first; the decoded token itself (or its RawData) counts as the same string.
            IOperation value = argument.Value;
            if (SameValue(value, source.Input))
                return true;
            IOperation? stripped = value.SkipConversionsAndConditionalAccess();
            if (stripped is IPropertyReferenceOperation { Property.Name: "RawData" or "EncodedToken" } raw)
                stripped = raw.Instance;
            return UnverifiedTokens.TokenOrigin(stripped, ct) is { Input: { } input } && SameValue(input, source.Input);
        }

        return false;
    }

    private static bool IsComparable(IOperation? input)
        => input.SkipConversionsAndConditionalAccess() switch
        {
            ILocalReferenceOperation or IParameterReferenceOperation => true,
            IFieldReferenceOperation field => field.Instance is null or IInstanceReferenceOperation || IsComparable(field.Instance),
            IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Instance is null or IInstanceReferenceOperation || IsComparable(property.Instance),
            { ConstantValue.HasValue: true } => true,
            _ => false,
        };

    private static bool SameValue(IOperation? a, IOperation? b)
        => SameReference(a, b) || SameReference(InitialValue(a), b) || SameReference(a, InitialValue(b));

    /// <summary>The initializer of a local assigned once (<c>var raw = token;</c>), else null.</summary>
    private static IOperation? InitialValue(IOperation? operation)
        => operation.SkipConversionsAndConditionalAccess() is ILocalReferenceOperation local
           && SingleAssignment.TryGetOnlyValue(local.Local, local, default, out IOperation? value)
            ? value
            : null;

    private static bool SameReference(IOperation? a, IOperation? b)
    {
        a = a.SkipConversionsAndConditionalAccess();
        b = b.SkipConversionsAndConditionalAccess();
        switch (a, b)
        {
            case (ILocalReferenceOperation x, ILocalReferenceOperation y):
                return SymbolEqualityComparer.Default.Equals(x.Local, y.Local);
            case (IParameterReferenceOperation x, IParameterReferenceOperation y):
                return SymbolEqualityComparer.Default.Equals(x.Parameter, y.Parameter);
            case (IFieldReferenceOperation x, IFieldReferenceOperation y):
                return SymbolEqualityComparer.Default.Equals(x.Field, y.Field) && SameInstance(x.Instance, y.Instance);
            case (IPropertyReferenceOperation x, IPropertyReferenceOperation y):
                return SymbolEqualityComparer.Default.Equals(x.Property, y.Property)
                    && x.Arguments.Length == 0 && y.Arguments.Length == 0
                    && SameInstance(x.Instance, y.Instance);
            case ({ ConstantValue: { HasValue: true } x }, { ConstantValue: { HasValue: true } y }):
                return Equals(x.Value, y.Value);
            default:
                return false;
        }
    }

    private static bool SameInstance(IOperation? a, IOperation? b)
        => a is null && b is null
           || a is IInstanceReferenceOperation && b is IInstanceReferenceOperation
           || a is not null && b is not null && SameReference(a, b);

    /// <summary>
    /// The decision only picks what the following validation uses: a <c>?:</c> or <c>switch</c> expression, or an
    /// <c>if</c>/<c>switch</c> statement whose branches return nothing but a rejection.
    /// </summary>
    private static bool OnlyRoutes(IOperation decision)
    {
        switch (decision)
        {
            case IConditionalOperation conditional when conditional.Syntax is ConditionalExpressionSyntax:
            case ISwitchExpressionOperation:
                return true;
            case IConditionalOperation:
            case ISwitchOperation:
                foreach (IOperation descendant in decision.Descendants())
                {
                    if (descendant is IReturnOperation @return && !FunctionBodies.IsInNestedFunction(@return, decision) && !IsRejection(@return.ReturnedValue))
                        return false;
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary><c>return;</c>, <c>false</c>, <c>null</c>, <c>default</c>, or a failure result (<c>AuthenticateResult.Fail(...)</c>, <c>Unauthorized()</c>).</summary>
    private static bool IsRejection(IOperation? value)
    {
        value = value.SkipConversionsAndConditionalAccess();
        switch (value)
        {
            case null:
                return true;
            case { ConstantValue: { HasValue: true, Value: null or false } }:
            case IDefaultValueOperation:
                return true;
            case IInvocationOperation { TargetMethod.Name: "FromResult", Arguments.Length: 1 } fromResult:
                return IsRejection(fromResult.Arguments[0].Value);
            case IInvocationOperation { TargetMethod.Name: var name }:
                return IsRejectionName(name);
            case IObjectCreationOperation { Type.Name: var type }:
                return IsRejectionName(type);
            default:
                return false;
        }
    }

    private static bool IsRejectionName(string name)
        => name is "Fail" or "NoResult" or "Challenge" or "Forbid" or "Problem" or "ValidationProblem"
           || name.StartsWith("Unauthorized", StringComparison.Ordinal)
           || name.StartsWith("Forbid", StringComparison.Ordinal)
           || name.StartsWith("BadRequest", StringComparison.Ordinal)
           || name.StartsWith("NotFound", StringComparison.Ordinal);
}
