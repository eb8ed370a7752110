using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0018: a token library (JWT.NET, jose-jwt) asked to decode a JWT without verifying its signature, so the claims it
/// returns are whatever the sender wrote. A builder or decoder whose configuration cannot be seen is left alone. The
/// calls and the ways a configuration is followed are listed in docs/rules/OA0018.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnverifiedTokenDecodedAnalyzer : DiagnosticAnalyzer
{
    internal const string InsertMustVerify = "MustVerifySignature";
    internal const string SetVerifyTrue = "VerifyTrue";

    private const int MaxDepth = 6;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnverifiedTokenDecoded);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (TokenLibraryTypes.ForSecurityRules(start.Compilation, start.Options) is not { } types
                || !types.HasJwtNet && !types.HasJose)
                return;

            start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
            if (types.HasJwtNet)
                start.RegisterOperationAction(AnalyzeValidatorCreation, OperationKind.ObjectCreation);
        });
    }

    /// <summary>
    /// JWT.NET 8+: <c>new JwtValidator(serializer, clock, ValidationParameters.None)</c> (or parameters with
    /// <c>ValidateSignature = false</c>): every decoder built on it accepts any signature, whatever <c>verify</c> says.
    /// </summary>
    private static void AnalyzeValidatorCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not { Name: "JwtValidator" } type || !WellKnownTypes.For(context.Compilation).Is(type, WellKnownType.JwtNetValidator))
            return;

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter?.Type.Name != "ValidationParameters")
                continue;
            BoolValue value = ValidationParametersSignature(argument.Value, context.CancellationToken);
            if (value is BoolValue.False or BoolValue.FalseInSomeEnvironments)
            {
                context.ReportDiagnostic(Findings.Create(
                    Descriptors.UnverifiedTokenDecoded,
                    creation.Syntax.GetLocation(),
                    value == BoolValue.FalseInSomeEnvironments,
                    null,
                    "JwtValidator",
                    value == BoolValue.FalseInSomeEnvironments
                        ? "is created with ValidateSignature false in some environments, so decoders built on it skip the signature check there"
                        : "is created with ValidateSignature false, so decoders built on it skip the signature check"));
            }

            return;
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, TokenLibraryTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Decode" when TokenLibraryTypes.Is(method.ContainingType, types.JwtBuilder) && !method.IsStatic:
                AnalyzeBuilderDecode(context, invocation, types);
                return;
            case "Decode" or "DecodeToObject" when IsJwtNetDecoderCall(invocation, types):
                AnalyzeDecoderCall(context, invocation);
                return;
            case "Decode" or "DecodeBytes" or "Verify" or "VerifyBytes" when TokenLibraryTypes.Is(method.ContainingType, types.JoseJwt):
                AnalyzeJoseCall(context, invocation);
                return;
        }
    }

    private static bool IsJwtNetDecoderCall(IInvocationOperation invocation, TokenLibraryTypes types)
    {
        if (!types.HasJwtNet)
            return false;
        IMethodSymbol method = invocation.TargetMethod;
        if (method.ContainingType?.ContainingNamespace?.ToDisplayString() != "JWT")
            return types.IsJwtDecoder(invocation.Instance?.Type);

        // JwtDecoderExtensions (the decoder is the first argument), JwtDecoder and IJwtDecoder, and the static
        // JsonWebToken facade of older versions.
        return method.ContainingType.Name is "JwtDecoderExtensions" or "JwtDecoder" or "IJwtDecoder" or "JsonWebToken"
               || types.IsJwtDecoder(method.ContainingType);
    }

    /// <summary><c>decoder.Decode(token, key, false)</c>, <c>DecodeToObject&lt;T&gt;(token, verify: false)</c>, <c>decoder.Decode(token)</c>.</summary>
    private static void AnalyzeDecoderCall(OperationAnalysisContext context, IInvocationOperation invocation)
    {
        IArgumentOperation? verify = null;
        bool hasKey = false;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "verify":
                    verify = argument;
                    break;
                case "key" or "keys":
                    hasKey = true;
                    break;
            }
        }

        string name = invocation.TargetMethod.Name;
        if (verify is not null)
        {
            BoolValue value = ValueEvaluator.EvaluateBool(verify.Value, context.CancellationToken);
            if (value is not (BoolValue.False or BoolValue.FalseInSomeEnvironments))
                return;

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (verify.ArgumentKind == ArgumentKind.Explicit && verify.Value.Syntax is LiteralExpressionSyntax literal)
                properties = properties.Add(DiagnosticProperties.TokenLibraryFix, SetVerifyTrue).Add(DiagnosticProperties.VerifyAt, literal.SpanStart.ToString(CultureInfo.InvariantCulture));
            context.ReportDiagnostic(Findings.Create(
                Descriptors.UnverifiedTokenDecoded,
                invocation.Syntax.GetLocation(),
                value == BoolValue.FalseInSomeEnvironments,
                properties,
                name,
                value == BoolValue.FalseInSomeEnvironments ? "is called with verify false in some environments" : "is called with verify false"));
            return;
        }

        if (!hasKey)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnverifiedTokenDecoded,
                invocation.Syntax.GetLocation(),
                name,
                "is given no key, so it only decodes the payload"));
        }
    }

    /// <summary>jose-jwt: <c>JWT.Decode(token)</c>, <c>JWT.Decode(token, null)</c>: with no key only unsigned tokens pass.</summary>
    private static void AnalyzeJoseCall(OperationAnalysisContext context, IInvocationOperation invocation)
    {
        IArgumentOperation? key = null;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "enc":
                    return; // an encrypted token (JWE): decryption, not a signature
                case "key":
                    key = argument;
                    break;
                case "alg" or "jwsAlg" when argument.ArgumentKind == ArgumentKind.Explicit
                                            && JoseAlgorithms.IsNone(argument.Value, context.CancellationToken):
                    return; // reported by OA0008 as the 'none' algorithm
            }
        }

        if (key is null)
            return;
        IOperation? value = ValueEvaluator.Unwrap(key.Value, context.CancellationToken);
        if (key.ArgumentKind != ArgumentKind.DefaultValue && value?.ConstantValue is not { HasValue: true, Value: null })
            return;

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.UnverifiedTokenDecoded,
            invocation.Syntax.GetLocation(),
            "JWT." + invocation.TargetMethod.Name,
            "is given no key, so it accepts only unsigned tokens ('alg': 'none') and checks no signature"));
    }

    private static void AnalyzeBuilderDecode(OperationAnalysisContext context, IInvocationOperation decode, TokenLibraryTypes types)
    {
        CancellationToken ct = context.CancellationToken;
        var calls = new List<IInvocationOperation>();
        var scan = new BuilderScan(decode, types, ct);
        bool freshBuilder = scan.Collect(decode.Instance, calls, 0);
        if (scan.Uncertain)
            return;

        calls.Sort(static (a, b) => a.Syntax.Span.End.CompareTo(b.Syntax.Span.End));
        BoolValue verifies = freshBuilder && !types.BuilderVerifiesByDefaultUnknown ? BoolValue.False : BoolValue.Unknown;
        string? setter = null;
        foreach (IInvocationOperation call in calls)
        {
            switch (call.TargetMethod.Name)
            {
                case "MustVerifySignature":
                    verifies = BoolValue.True;
                    setter = null;
                    break;
                case "DoNotVerifySignature":
                    verifies = BoolValue.False;
                    setter = "DoNotVerifySignature()";
                    break;
                case "WithVerifySignature":
                    verifies = call.Arguments.Length == 1 ? ValueEvaluator.EvaluateBool(call.Arguments[0].Value, ct) : BoolValue.Unknown;
                    setter = "WithVerifySignature(...)";
                    break;
                case "WithValidationParameters":
                    verifies = call.Arguments.Length == 1 ? ValidationParametersSignature(call.Arguments[0].Value, ct) : BoolValue.Unknown;
                    setter = "WithValidationParameters(...)";
                    break;
            }
        }

        if (verifies is not (BoolValue.False or BoolValue.FalseInSomeEnvironments))
            return;

        string reason = setter is null
            ? "runs on a JwtBuilder that never calls MustVerifySignature()"
            : verifies == BoolValue.FalseInSomeEnvironments
                ? "runs on a JwtBuilder whose " + setter + " turns the signature check off in some environments"
                : "runs on a JwtBuilder whose " + setter + " turns the signature check off";
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (decode.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax })
            properties = properties.Add(DiagnosticProperties.TokenLibraryFix, InsertMustVerify);
        context.ReportDiagnostic(Findings.Create(
            Descriptors.UnverifiedTokenDecoded,
            decode.Syntax.GetLocation(),
            verifies == BoolValue.FalseInSomeEnvironments,
            properties,
            "JwtBuilder.Decode",
            reason));
    }

    /// <summary>
    /// What JWT.NET 8+ <c>ValidationParameters</c> say about the signature: <c>ValidationParameters.None</c> (false),
    /// <c>ValidationParameters.Default</c> (true), an initializer or a configuring lambda that sets
    /// <c>ValidateSignature</c>. Anything else is unknown.
    /// </summary>
    private static BoolValue ValidationParametersSignature(IOperation value, CancellationToken ct)
    {
        IOperation? source = ValueEvaluator.Unwrap(value, ct);
        if (source is IDelegateCreationOperation { Target: var target })
            source = target;
        switch (source)
        {
            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "None" or "Default", ContainingType.Name: "ValidationParameters" } property }:
                return property.Name == "None" ? BoolValue.False : BoolValue.True;
            case IObjectCreationOperation { Type.Name: "ValidationParameters", Initializer: { } initializer }:
                return SignatureSetting(initializer, ct);
            case IAnonymousFunctionOperation lambda:
                return SignatureSetting(lambda.Body, ct);
            default:
                return BoolValue.Unknown;
        }
    }

    private static BoolValue SignatureSetting(IOperation root, CancellationToken ct)
    {
        BoolValue found = BoolValue.Unknown;
        foreach (IOperation operation in root.Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ValidateSignature" } } assignment)
                found = ValueEvaluator.EvaluateBool(assignment.Value, ct);
        }

        return found;
    }

    /// <summary>
    /// Walks back from the builder a <c>Decode</c> runs on: the chain of builder calls, the initializer of a local or
    /// <c>static readonly</c> field, and the calls made on that local before the decode (JwtBuilder is mutable: every
    /// <c>With...</c> call changes the instance and returns it).
    /// </summary>
    private sealed class BuilderScan
    {
        private readonly IInvocationOperation _decode;
        private readonly TokenLibraryTypes _types;
        private readonly CancellationToken _ct;
        private readonly HashSet<ISymbol> _seen = new(SymbolEqualityComparer.Default);
        private IOperation? _root;

        public BuilderScan(IInvocationOperation decode, TokenLibraryTypes types, CancellationToken ct)
        {
            _decode = decode;
            _types = types;
            _ct = ct;
        }

        /// <summary>A verification setting on the builder that may or may not run before the decode.</summary>
        public bool Uncertain { get; private set; }

        /// <summary>Adds the builder calls to <paramref name="calls"/>; true when the chain starts at a new builder.</summary>
        public bool Collect(IOperation? receiver, List<IInvocationOperation> calls, int depth)
        {
            for (int steps = 0; depth < MaxDepth && steps < 64; steps++)
            {
                _ct.ThrowIfCancellationRequested();
                receiver = Skip(receiver);
                switch (receiver)
                {
                    case IInvocationOperation call when IsBuilderStep(call):
                        calls.Add(call);
                        receiver = call.Instance ?? call.Arguments[0].Value;
                        continue;
                    case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Create" } create } when TokenLibraryTypes.Is(create.ContainingType, _types.JwtBuilder):
                        return true;
                    case IObjectCreationOperation creation when TokenLibraryTypes.Is(creation.Type, _types.JwtBuilder):
                        return true;
                    case IInvocationOperation helper when TokenLibraryTypes.Is(helper.TargetMethod.ReturnType, _types.JwtBuilder)
                                                          && helper.TargetMethod.Parameters.Length == 0
                                                          && _seen.Add(helper.TargetMethod.OriginalDefinition):
                        // JwtBuilder CreateBuilder() => new JwtBuilder().WithSecret(...); in this file, with one return.
                        if (FunctionBodies.SameFileBody(helper, _ct) is not { } body || SingleReturn(body) is not { } returned)
                            return false;
                        receiver = returned;
                        depth++;
                        continue;
                    case ILocalReferenceOperation { Local: { IsRef: false } local } reference:
                        if (!_seen.Add(local))
                            return false;
                        AddCallsOn(local, reference, calls);
                        if (!SingleAssignment.TryGetOnlyValue(local, reference, _ct, out IOperation? value))
                            return false;
                        receiver = value;
                        depth++;
                        continue;
                    case IFieldReferenceOperation { Field: { IsReadOnly: true } field } reference
                        when ValueEvaluator.HasOnlyItsInitializer(field, _ct) && _seen.Add(field):
                        if (!ValueEvaluator.TryGetInitializer(field, reference, out IOperation? initializer) || ConfiguredElsewhere(field))
                            return false;
                        receiver = initializer;
                        depth++;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        private bool IsBuilderStep(IInvocationOperation call)
        {
            IMethodSymbol method = call.TargetMethod;
            if (!TokenLibraryTypes.Is(method.ReturnType, _types.JwtBuilder))
                return false;
            if (call.Instance is not null)
                return TokenLibraryTypes.Is(call.Instance.Type, _types.JwtBuilder);

            // Extension methods of JWT.NET (AddClaim, Issuer, ...) take the builder first.
            return method.IsExtensionMethod && call.Arguments.Length > 0 && TokenLibraryTypes.Is(call.Arguments[0].Value.Type, _types.JwtBuilder);
        }

        private static IOperation? SingleReturn(IOperation body)
        {
            IOperation? found = null;
            foreach (IOperation operation in body.Descendants())
            {
                if (operation is not IReturnOperation @return || FunctionBodies.IsInNestedFunction(@return, body))
                    continue;
                if (found is not null || @return.ReturnedValue is null)
                    return null;
                found = @return.ReturnedValue;
            }

            return found;
        }

        /// <summary>
        /// Verification settings made on <paramref name="local"/> as statements before the decode (or anywhere in a
        /// helper that builds the builder, where every setting must run unconditionally).
        /// </summary>
        private void AddCallsOn(ILocalSymbol local, IOperation reference, List<IInvocationOperation> calls)
        {
            IOperation decodeRoot = _root ??= _decode.Root();
            IOperation root = reference.Root();
            bool sameBody = root == decodeRoot;
            int before = sameBody ? _decode.Syntax.SpanStart : int.MaxValue;
            foreach (IOperation operation in root.Descendants())
            {
                if (operation is not IInvocationOperation { TargetMethod.Name: "MustVerifySignature" or "DoNotVerifySignature" or "WithVerifySignature" or "WithValidationParameters" } call
                    || !TokenLibraryTypes.Is(call.TargetMethod.ContainingType, _types.JwtBuilder)
                    || call.Syntax.Span.End > before
                    || !IsOnLocal(call.Instance, local))
                    continue;
                if (sameBody ? !RunsWheneverDecodeRuns(call) : !RunsUnconditionally(call))
                {
                    Uncertain = true;
                    return;
                }

                if (!calls.Contains(call))
                    calls.Add(call);
            }
        }

        private bool IsOnLocal(IOperation? instance, ILocalSymbol local)
        {
            for (int i = 0; i < 64; i++)
            {
                instance = Skip(instance);
                switch (instance)
                {
                    case ILocalReferenceOperation reference:
                        return SymbolEqualityComparer.Default.Equals(reference.Local, local);
                    case IInvocationOperation call when IsBuilderStep(call):
                        instance = call.Instance ?? call.Arguments[0].Value;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// The call is not inside a branch, loop, lambda or local function that does not also hold the decode: it runs
        /// before the decode every time.
        /// </summary>
        private bool RunsWheneverDecodeRuns(IOperation call)
        {
            IOperation child = call;
            for (IOperation? current = call.Parent; current is not null; child = current, current = current.Parent)
            {
                if (current is IConditionalOperation or ILoopOperation or ISwitchOperation or ISwitchCaseOperation or ICatchClauseOperation
                    or IAnonymousFunctionOperation or ILocalFunctionOperation or IConditionalAccessOperation or ICoalesceOperation
                    && !Contains(child, _decode))
                    return false;
            }

            return true;
        }

        private static bool RunsUnconditionally(IOperation call)
        {
            for (IOperation? current = call.Parent; current is not null; current = current.Parent)
            {
                if (current is IConditionalOperation or ILoopOperation or ISwitchOperation or ISwitchCaseOperation or ICatchClauseOperation
                    or IAnonymousFunctionOperation or ILocalFunctionOperation or IConditionalAccessOperation or ICoalesceOperation)
                    return false;
            }

            return true;
        }

        private static bool Contains(IOperation ancestor, IOperation operation)
        {
            for (IOperation? current = operation; current is not null; current = current.Parent)
            {
                if (current == ancestor)
                    return true;
            }

            return false;
        }

        /// <summary>A verification setting on the field anywhere in its type (outside the initializer): the state is not known.</summary>
        private bool ConfiguredElsewhere(IFieldSymbol field)
        {
            foreach (SyntaxReference type in field.ContainingType.DeclaringSyntaxReferences)
            {
                string text = type.GetSyntax(_ct).ToString();
                int uses = 0;
                for (int at = text.IndexOf(field.Name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(field.Name, at + 1, StringComparison.Ordinal))
                {
                    int end = at + field.Name.Length;
                    if (end < text.Length && text[end] == '.' && text.IndexOf("VerifySignature", end, Math.Min(64, text.Length - end), StringComparison.Ordinal) > 0)
                        uses++;
                }

                if (uses > 0)
                    return true;
            }

            return false;
        }
    }

    private static IOperation? Skip(IOperation? operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        return operation;
    }
}
