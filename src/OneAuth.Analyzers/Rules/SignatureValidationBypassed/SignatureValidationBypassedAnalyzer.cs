using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0007: a <c>SignatureValidator</c> that hands back a token it only parsed (<c>new JwtSecurityToken(token)</c>,
/// <c>new JsonWebToken(token)</c>, <c>handler.ReadToken(token)</c>), or an issuer signing key resolver that reads
/// its key from the token's own <c>jwk</c>, <c>jku</c>, <c>x5c</c> or <c>x5u</c> header, or that builds its key
/// material from what the token carries (<c>new SymmetricSecurityKey(Encoding.UTF8.GetBytes(kid))</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SignatureValidationBypassedAnalyzer : DiagnosticAnalyzer
{
    internal const string ReturnsUnverified = "returns the token without verifying its signature";
    internal const string KeyFromToken = "takes the signing key from the token's own header";
    internal const string KeyFromTokenData = "builds the signing key from the token's own key id or header values";
    internal const string InSomeEnvironments = " in some environments";

    private static readonly ImmutableHashSet<string> SignatureValidators = ImmutableHashSet.Create("SignatureValidator", "SignatureValidatorUsingConfiguration");
    private static readonly ImmutableHashSet<string> KeyResolvers = ImmutableHashSet.Create("IssuerSigningKeyResolver", "IssuerSigningKeyResolverUsingConfiguration");
    private static readonly ImmutableHashSet<string> EmbeddedKeyHeaders = ImmutableHashSet.Create("jwk", "jku", "x5c", "x5u");
    private static readonly ImmutableHashSet<string> ParseMethods = ImmutableHashSet.Create("ReadToken", "ReadJwtToken", "ReadJsonWebToken");
    private static readonly ImmutableHashSet<string> HeaderReads = ImmutableHashSet.Create("GetHeaderValue", "TryGetHeaderValue", "TryGetValue", "GetValue");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.SignatureValidationBypassed);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is not { } types)
                return;

            start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, IdentityModelTypes types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property }
            || !types.IsTokenValidationParameters(property.ContainingType))
            return;

        CancellationToken ct = context.CancellationToken;
        bool isValidator = SignatureValidators.Contains(property.Name);
        if (!isValidator && !KeyResolvers.Contains(property.Name))
            return;

        string reason = isValidator ? ReturnsUnverified : KeyFromToken;
        Verdict verdict = isValidator
            ? FunctionBodies.Judge(assignment.Value, body => ReturnsOnlyUnverifiedTokens(body, ct), chosenCounts: true, ct)
            : FunctionBodies.Judge(assignment.Value, body => ReadsEmbeddedKey(body, ct), ct);
        if (verdict == Verdict.NotProven && !isValidator)
        {
            reason = KeyFromTokenData;
            verdict = FunctionBodies.Judge(assignment.Value, body => TokenDerivedKeys.BuildsKeyFromTokenData(body, ct), ct);
        }

        if (verdict == Verdict.NotProven)
            return;

        bool environmentDependent = verdict == Verdict.InSomeEnvironments || EnvironmentChecks.IsEnvironmentOnlySite(assignment, ct);
        string what = reason + (environmentDependent ? InSomeEnvironments : string.Empty);
        context.ReportDiagnostic(Findings.Create(
            Descriptors.SignatureValidationBypassed,
            assignment.Syntax.GetLocation(),
            environmentDependent,
            isValidator ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Removable, "true") : null,
            property.Name,
            what));
    }

    /// <summary>Every return path returns a parsed-only token and nothing in the body could verify it.</summary>
    private static bool ReturnsOnlyUnverifiedTokens(FunctionBody function, CancellationToken ct)
    {
        int returns = 0;
        foreach (IOperation operation in FunctionBodies.OwnOperations(function.Body))
        {
            ct.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IInvocationOperation invocation when !IsParse(invocation) && !FunctionBodies.IsLoggingCall(invocation):
                    return false;
                case IReturnOperation { Kind: OperationKind.Return } ret:
                    returns++;
                    if (!IsUnverifiedToken(ret.ReturnedValue, ct))
                        return false;
                    break;
                case IReturnOperation:
                    return false;
            }
        }

        return returns > 0;
    }

    private static bool IsUnverifiedToken(IOperation? value, CancellationToken ct)
    {
        switch (ValueEvaluator.UnwrapLocals(value, ct))
        {
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                return WellKnownTypes.For(creation).IsAny(constructor.ContainingType, WellKnownType.JwtSecurityToken, WellKnownType.JsonWebToken)
                    && creation.Arguments.Length > 0
                    && AllStrings(constructor.Parameters);
            case IInvocationOperation invocation:
                return IsParse(invocation);
            default:
                return false;
        }
    }

    private static bool AllStrings(ImmutableArray<IParameterSymbol> parameters)
    {
        foreach (IParameterSymbol parameter in parameters)
        {
            if (parameter.Type.SpecialType != SpecialType.System_String)
                return false;
        }

        return true;
    }

    private static bool IsParse(IInvocationOperation invocation)
    {
        if (!ParseMethods.Contains(invocation.TargetMethod.Name))
            return false;

        string? ns = invocation.TargetMethod.ContainingType?.ContainingNamespace?.ToDisplayString();
        return ns is "System.IdentityModel.Tokens.Jwt" or "Microsoft.IdentityModel.JsonWebTokens" or "Microsoft.IdentityModel.Tokens";
    }

    /// <summary>
    /// The body reads a <c>jwk</c>/<c>jku</c>/<c>x5c</c>/<c>x5u</c> header value (not merely tests for it) and
    /// never throws: a resolver that looks at the header only to refuse it is not reported.
    /// </summary>
    private static bool ReadsEmbeddedKey(FunctionBody function, CancellationToken ct)
    {
        bool reads = false;
        foreach (IOperation operation in FunctionBodies.OwnOperations(function.Body))
        {
            ct.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IThrowOperation:
                    return false;
                case IInvocationOperation invocation when HeaderReads.Contains(invocation.TargetMethod.Name) && NamesEmbeddedKey(invocation.Arguments):
                    // if (jwt.TryGetHeaderValue("jku", out string url)) return Fetch(url): the out value is the read.
                    if (!IsOnlyTested(operation, function.Body) || OutValueIsUsed(invocation, function.Body))
                        reads = true;
                    break;
                case IPropertyReferenceOperation indexer when indexer.Property.IsIndexer && NamesEmbeddedKey(indexer.Arguments):
                case IPropertyReferenceOperation { Property: { Name: "X5c", ContainingType.Name: "JwtHeader" } }:
                    if (!IsOnlyTested(operation, function.Body))
                        reads = true;
                    break;
            }
        }

        return reads;
    }

    /// <summary>A <c>TryGet...(name, out var value)</c> whose value is used somewhere else in the body.</summary>
    private static bool OutValueIsUsed(IInvocationOperation invocation, IOperation body)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.RefKind != RefKind.Out)
                continue;

            ILocalSymbol? local = argument.Value switch
            {
                IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
                ILocalReferenceOperation existing => existing.Local,
                _ => null,
            };
            if (local is null)
                continue;

            foreach (IOperation operation in FunctionBodies.OwnOperations(body))
            {
                if (operation is ILocalReferenceOperation use
                    && SymbolEqualityComparer.Default.Equals(use.Local, local)
                    && !argument.Syntax.Span.Contains(use.Syntax.Span))
                    return true;
            }
        }

        return false;
    }

    private static bool NamesEmbeddedKey(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Value.ConstantValue is { HasValue: true, Value: string name } && EmbeddedKeyHeaders.Contains(name))
                return true;
        }

        return false;
    }

    /// <summary>True when the read only feeds a condition (<c>if (h.TryGetValue("jku", out _)) return none;</c>).</summary>
    private static bool IsOnlyTested(IOperation read, IOperation body)
    {
        IOperation current = read;
        for (IOperation? parent = read.Parent; parent is not null && parent != body; current = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when conditional.Condition == current:
                case IBinaryOperation:
                case IUnaryOperation:
                case IIsPatternOperation:
                case IIsTypeOperation:
                    return true;
                case IExpressionStatementOperation or IBlockOperation or IReturnOperation:
                    return false;
            }
        }

        return false;
    }
}
