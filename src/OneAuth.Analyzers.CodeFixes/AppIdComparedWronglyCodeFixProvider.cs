using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using OneAuth.Analyzers.Rules;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>
/// OA0015: makes a case-insensitive or culture-sensitive comparison of the <c>app_id</c> claim ordinal
/// (<c>StringComparison.OrdinalIgnoreCase</c> becomes <c>StringComparison.Ordinal</c>, likewise for <c>StringComparer</c>).
/// Comparisons with another app's id, after <c>ToLower()</c> or by substring have no obviously right fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AppIdComparedWronglyCodeFixProvider)), Shared]
public sealed class AppIdComparedWronglyCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.AppIdComparedWrongly);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.OrdinalSpanStart, out string? startText)
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.OrdinalSpanLength, out string? lengthText)
                || !int.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out int start)
                || !int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out int length)
                || start + length > root.FullSpan.End)
                continue;

            SyntaxNode node = root.FindNode(new TextSpan(start, length), getInnermostNodeForTie: true);
            SimpleNameSyntax? name = node switch
            {
                MemberAccessExpressionSyntax member => member.Name,
                IdentifierNameSyntax identifier => identifier,
                _ => null,
            };
            if (name is null)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Compare app_id ordinally",
                    ct => ApplyAsync(context.Document, name, ct),
                    nameof(AppIdComparedWronglyCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, SimpleNameSyntax name, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null)
            return document;

        SimpleNameSyntax ordinal = SyntaxFactory.IdentifierName("Ordinal").WithTriviaFrom(name);
        return document.WithSyntaxRoot(root.ReplaceNode(name, ordinal));
    }
}
