using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OneAuth.Analyzers.Rules;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>
/// OA0008: deletes <c>none</c> (and, when the keys are asymmetric, the HMAC algorithms) from the
/// <c>ValidAlgorithms</c> collection written at the assignment. Offered only when the analyzer saw that another
/// algorithm remains. Every diagnostic of one collection produces the same edit, so Fix All merges cleanly.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakAlgorithmAllowedCodeFixProvider)), Shared]
public sealed class WeakAlgorithmAllowedCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.WeakAlgorithmAllowed);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.Removable)
                || Collection(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is not { } collection)
                continue;

            bool removeHmac = diagnostic.Properties.ContainsKey(DiagnosticProperties.HmacReported);
            context.RegisterCodeFix(
                CodeAction.Create(
                    removeHmac ? "Remove 'none' and HMAC algorithms from the accepted algorithms" : "Remove 'none' from the accepted algorithms",
                    ct => RemoveAsync(context.Document, collection, removeHmac, ct),
                    nameof(WeakAlgorithmAllowedCodeFixProvider) + (removeHmac ? ".Hmac" : string.Empty)),
                diagnostic);
        }
    }

    private static SyntaxNode? Collection(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is ExpressionSyntax or ExpressionElementSyntax; current = current.Parent)
        {
            if (current.Parent is InitializerExpressionSyntax or CollectionExpressionSyntax)
                return current.Parent;
        }

        return null;
    }

    private static async Task<Document> RemoveAsync(Document document, SyntaxNode collection, bool removeHmac, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root is null || model is null)
            return document;

        List<SyntaxNode> elements = collection switch
        {
            InitializerExpressionSyntax initializer => initializer.Expressions.Cast<SyntaxNode>().ToList(),
            CollectionExpressionSyntax expression => expression.Elements.Cast<SyntaxNode>().ToList(),
            _ => new List<SyntaxNode>(),
        };

        var weak = elements.Where(e => IsWeak(e, model, removeHmac, ct)).ToList();
        if (weak.Count == 0 || weak.Count == elements.Count)
            return document;

        SyntaxNode? updated = collection.RemoveNodes(weak, SyntaxRemoveOptions.KeepNoTrivia);
        if (updated is null)
            return document;

        // Removing the last element also removes the space before the closing brace: give it back.
        if (weak.Contains(elements[elements.Count - 1]))
        {
            SyntaxNode? last = updated.ChildNodes().LastOrDefault();
            if (last is not null)
                updated = updated.ReplaceNode(last, last.WithTrailingTrivia(elements[elements.Count - 1].GetTrailingTrivia()));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(collection, updated));
    }

    private static bool IsWeak(SyntaxNode element, SemanticModel model, bool removeHmac, CancellationToken ct)
    {
        SyntaxNode expression = element is ExpressionElementSyntax e ? e.Expression : element;
        string? value = model.GetConstantValue(expression, ct) is { HasValue: true, Value: string s } ? s : null;
        return WeakAlgorithmAllowedAnalyzer.IsNone(value) || (removeHmac && WeakAlgorithmAllowedAnalyzer.IsHmac(value));
    }
}
