using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using OneAuth.Analyzers.Rules;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>
/// OA0007: removes a <c>SignatureValidator</c> that only parses the token, so the handler verifies the
/// signature again. Key resolvers get no fix: the right key source is the user's to choose.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SignatureValidationBypassedCodeFixProvider)), Shared]
public sealed class SignatureValidationBypassedCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.SignatureValidationBypassed);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        ImmutableArray<Diagnostic> removable = context.Diagnostics
            .Where(d => d.Properties.ContainsKey(DiagnosticProperties.Removable))
            .ToImmutableArray();
        if (removable.IsEmpty)
            return Task.CompletedTask;

        return RemoveAssignmentCodeFix.RegisterAsync(
            new CodeFixContext(context.Document, context.Span, removable, context.RegisterCodeFix, context.CancellationToken),
            nameof(SignatureValidationBypassedCodeFixProvider));
    }
}
