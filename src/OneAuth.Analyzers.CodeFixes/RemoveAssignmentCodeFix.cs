using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>
/// The shared edit that deletes a reported assignment, so the library's own check applies again: the member
/// of an object initializer, or the whole statement. An assignment used as a value (an expression-bodied
/// lambda) gets no fix.
/// </summary>
internal static class RemoveAssignmentCodeFix
{
    public static async Task RegisterAsync(CodeFixContext context, string equivalenceKey)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (SetToTrueCodeFix.FindAssignment(root, diagnostic.Location.SourceSpan) is not { } assignment
                || RemovableNode(assignment) is not { } removable)
                continue;

            string name = assignment.Left switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                _ => assignment.Left.ToString(),
            };
            context.RegisterCodeFix(
                CodeAction.Create($"Remove the '{name}' assignment", ct => RemoveAsync(context.Document, removable, ct), equivalenceKey),
                diagnostic);
        }
    }

    private static SyntaxNode? RemovableNode(AssignmentExpressionSyntax assignment) => assignment.Parent switch
    {
        InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ObjectInitializerExpression) => assignment,
        ExpressionStatementSyntax { Parent: BlockSyntax } statement => statement,
        _ => null,
    };

    private static async Task<Document> RemoveAsync(Document document, SyntaxNode node, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        SyntaxNode? updated = root?.RemoveNode(node, SyntaxRemoveOptions.KeepUnbalancedDirectives);
        return updated is null ? document : document.WithSyntaxRoot(updated);
    }
}
