using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;
using OneAuth.Analyzers.Rules;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>
/// The shared edit of the validation switch rules (ValidationSwitchRule): the reported assignment's right-hand side becomes <c>true</c>.
/// </summary>
internal static class SetToTrueCodeFix
{
    public static AssignmentExpressionSyntax? FindAssignment(SyntaxNode root, TextSpan span)
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

            if (assignment.Left is TupleExpressionSyntax targets)
            {
                // (p.ValidateIssuer, p.ValidateAudience) = (false, true): only the matching element of a tuple
                // literal becomes true. Nested tuples or a right side that is not a tuple literal get no fix.
                if (TupleElementValue(targets, assignment.Right, diagnostic.Location.SourceSpan) is { } element)
                {
                    string elementName = element.Target is MemberAccessExpressionSyntax m ? m.Name.Identifier.ValueText : element.Target.ToString();
                    context.RegisterCodeFix(CodeAction.Create($"Set '{elementName}' to true", ct => ReplaceWithTrueAsync(context.Document, element.Value, ct), equivalenceKey), diagnostic);
                }

                continue;
            }

            string name = assignment.Left is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : assignment.Left.ToString();
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.FalseFallback))
            {
                // Keep reading the configuration; only the fallback becomes true. No fix when it is out of sight.
                if (FindFalseFallback(assignment) is { } fallback)
                    context.RegisterCodeFix(CodeAction.Create($"Fall back to true for '{name}'", ct => ReplaceWithTrueAsync(context.Document, fallback, ct), equivalenceKey), diagnostic);
                continue;
            }

            context.RegisterCodeFix(Create($"Set '{name}' to true", equivalenceKey, context.Document, assignment), diagnostic);
        }
    }

    public static CodeAction Create(string title, string equivalenceKey, Document document, AssignmentExpressionSyntax assignment)
        => CodeAction.Create(title, ct => ApplyAsync(document, assignment, ct), equivalenceKey);

    private static (ExpressionSyntax Target, ExpressionSyntax Value)? TupleElementValue(TupleExpressionSyntax targets, ExpressionSyntax right, TextSpan span)
    {
        while (right is ParenthesizedExpressionSyntax parenthesized)
            right = parenthesized.Expression;
        if (right is not TupleExpressionSyntax values || values.Arguments.Count != targets.Arguments.Count)
            return null;

        for (int i = 0; i < targets.Arguments.Count; i++)
        {
            ExpressionSyntax target = targets.Arguments[i].Expression;
            if (target.Span.Contains(span))
                return target is TupleExpressionSyntax ? null : (target, values.Arguments[i].Expression);
        }

        return null;
    }

    /// <summary>The <c>false</c> of <c>x ?? false</c> or of <c>GetValue(key, false)</c> written in the assignment itself.</summary>
    private static ExpressionSyntax? FindFalseFallback(AssignmentExpressionSyntax assignment)
    {
        ExpressionSyntax value = assignment.Right;
        while (value is AssignmentExpressionSyntax chained && chained.IsKind(SyntaxKind.SimpleAssignmentExpression))
            value = chained.Right;
        while (value is ParenthesizedExpressionSyntax parenthesized)
            value = parenthesized.Expression;

        ExpressionSyntax? fallback = value switch
        {
            BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression) => coalesce.Right,
            InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } => arguments[arguments.Count - 1].Expression,
            _ => null,
        };
        while (fallback is ParenthesizedExpressionSyntax inner)
            fallback = inner.Expression;
        return fallback is not null && fallback.IsKind(SyntaxKind.FalseLiteralExpression) ? fallback : null;
    }

    private static async Task<Document> ReplaceWithTrueAsync(Document document, ExpressionSyntax value, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null)
            return document;

        ExpressionSyntax replacement = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(value);
        return document.WithSyntaxRoot(root.ReplaceNode(value, replacement));
    }

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
