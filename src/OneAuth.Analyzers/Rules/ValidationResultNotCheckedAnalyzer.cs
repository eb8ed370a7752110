using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0017: the <c>TokenValidationResult</c> of <c>ValidateTokenAsync</c> (JsonWebTokenHandler, or any IdentityModel
/// <c>TokenHandler</c>) is used, or thrown away, without a look at <c>IsValid</c> or <c>Exception</c>. Those handlers
/// do not throw for a bad token. A result that leaves the member (returned, passed on, stored in a field) may be
/// checked elsewhere and is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ValidationResultNotCheckedAnalyzer : DiagnosticAnalyzer
{
    internal const string ReadUnchecked = "is read without checking 'IsValid'";
    internal const string NeverChecked = "returns a result that is never checked";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ValidationResultNotChecked);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is not { } types
                || types.Known.Unique(WellKnownType.TokenValidationResult) is not { } resultType)
                return;

            // Only the code blocks of files that name the method: a callback per invocation of the whole project
            // would cost more than the rule is worth.
            var filter = new SourceTextFilter(start.Compilation, "ValidateTokenAsync");
            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OperationBlocks.IsEmpty || !filter.Mentions(block.OperationBlocks[0].Syntax.SyntaxTree, block.CancellationToken))
                    return;

                block.RegisterOperationAction(c => AnalyzeInvocation(c, resultType), OperationKind.Invocation);
            });
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol resultType)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "ValidateTokenAsync"
            || invocation.TargetMethod.ReturnType is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task
            || !SymbolEqualityComparer.Default.Equals(task.TypeArguments[0], resultType))
            return;

        CancellationToken ct = context.CancellationToken;
        IOperation result = invocation.Outermost();
        // handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false)
        if (result.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance == result)
            result = configured.Outermost();
        IOperation? awaited = result.Parent switch
        {
            IAwaitOperation await => await,
            // handler.ValidateTokenAsync(token, parameters).Result
            IPropertyReferenceOperation { Property.Name: "Result" } blocking => blocking,
            // handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult()
            IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } getResult } => getResult,
            _ => null,
        };
        if (awaited is null)
            return;

        IOperation value = awaited.Outermost();
        switch (value.Parent)
        {
            case IExpressionStatementOperation:
            case ISimpleAssignmentOperation { Target: IDiscardOperation } assignment when assignment.Value == value:
                // await handler.ValidateTokenAsync(token, parameters); return Ok();
                Report(context, invocation.Syntax, invocation.TargetMethod.Name, NeverChecked);
                return;

            case IPropertyReferenceOperation { Property.Name: var name } read when !IsCheck(name):
                // (await handler.ValidateTokenAsync(token, parameters)).ClaimsIdentity
                if (IsUse(name))
                    Report(context, read.Syntax, read.Syntax.ToString(), ReadUnchecked);
                return;

            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } }:
                AnalyzeLocal(context, invocation, local, ct);
                return;
        }
    }

    /// <summary>
    /// <c>var result = await handler.ValidateTokenAsync(...)</c>: quiet when any read of the local checks it or lets
    /// it leave the member; otherwise the first use is reported, or the call when the result is never read.
    /// </summary>
    private static void AnalyzeLocal(OperationAnalysisContext context, IInvocationOperation invocation, ILocalSymbol local, CancellationToken ct)
    {
        IOperation root = invocation.Root();

        IPropertyReferenceOperation? firstUse = null;
        foreach (IOperation operation in root.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                continue;

            IOperation outer = reference.Outermost();
            switch (outer.Parent)
            {
                case IPropertyReferenceOperation { Property.Name: var name } read when read.Instance == outer:
                    if (IsCheck(name))
                        return;
                    if (IsUse(name) && (firstUse is null || read.Syntax.SpanStart < firstUse.Syntax.SpanStart))
                        firstUse = read;
                    break;

                case IConditionalAccessOperation access when access.Operation == outer:
                    // result?.IsValid == true, result?.ClaimsIdentity
                    if (access.WhenNotNull is IPropertyReferenceOperation { Property.Name: var accessed } accessedRead)
                    {
                        if (IsCheck(accessed))
                            return;
                        if (IsUse(accessed) && (firstUse is null || accessedRead.Syntax.SpanStart < firstUse.Syntax.SpanStart))
                            firstUse = accessedRead;
                        break;
                    }

                    return;

                case IIsPatternOperation:
                    // result is { IsValid: true }: a pattern on the result is a check of it.
                    return;

                case ISimpleAssignmentOperation assignment when assignment.Target == outer:
                    // Reassigned: the value read later may be another result.
                    return;

                default:
                    // Returned, passed to a method, stored elsewhere: it may be checked there.
                    return;
            }
        }

        if (firstUse is not null)
            Report(context, firstUse.Syntax, firstUse.Syntax.ToString(), ReadUnchecked);
        else
            Report(context, invocation.Syntax, invocation.TargetMethod.Name, NeverChecked);
    }

    private static bool IsCheck(string property) => property is "IsValid" or "Exception";

    private static bool IsUse(string property) => property is "ClaimsIdentity" or "Claims" or "SecurityToken" or "Issuer" or "TokenType";

    private static void Report(OperationAnalysisContext context, SyntaxNode site, string culprit, string how)
        => context.ReportDiagnostic(Diagnostic.Create(Descriptors.ValidationResultNotChecked, site.GetLocation(), culprit, how));
}
