using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace OneAuth.Analyzers.CodeFixes
{
    /// <summary>
    /// The shared edit of the flag rules: the reported assignment's right-hand side becomes <c>true</c>.
    /// </summary>
    internal static class SetToTrueCodeFix
    {
        public static AssignmentExpressionSyntax? FindAssignment(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
            => root.FindNode(span, getInnermostNodeForTie: true)
                .FirstAncestorOrSelf<AssignmentExpressionSyntax>(static a => a.IsKind(SyntaxKind.SimpleAssignmentExpression));

        /// <summary>Offers "Set 'X' to true" for every diagnostic whose span lies in a simple assignment.</summary>
        public static async Task RegisterAsync(CodeFixContext context, string equivalenceKey)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
                return;

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (FindAssignment(root, diagnostic.Location.SourceSpan) is not AssignmentExpressionSyntax assignment)
                    continue;

                string name = assignment.Left is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : assignment.Left.ToString();
                context.RegisterCodeFix(Create($"Set '{name}' to true", equivalenceKey, context.Document, assignment), diagnostic);
            }
        }

        public static CodeAction Create(string title, string equivalenceKey, Document document, AssignmentExpressionSyntax assignment)
            => CodeAction.Create(title, ct => ApplyAsync(document, assignment, ct), equivalenceKey);

        private static async Task<Document> ApplyAsync(Document document, AssignmentExpressionSyntax assignment, CancellationToken ct)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root is null)
                return document;

            // a = b = false: the value is the innermost right-hand side; replacing it keeps both assignments.
            ExpressionSyntax value = assignment.Right;
            while (value is AssignmentExpressionSyntax chained && chained.IsKind(SyntaxKind.SimpleAssignmentExpression))
                value = chained.Right;

            ExpressionSyntax replacement = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)
                .WithTriviaFrom(value)
                .WithAdditionalAnnotations(Formatter.Annotation);
            return document.WithSyntaxRoot(root.ReplaceNode(value, replacement));
        }
    }
}
