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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using OneAuth.Analyzers.Rules;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>OA0009: clamps the clock skew to the limit the diagnostic was reported against.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ExcessiveClockSkewCodeFixProvider)), Shared]
public sealed class ExcessiveClockSkewCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ExcessiveClockSkew);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.LimitSeconds, out string? text)
                || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int limit)
                || SetToTrueCodeFix.FindAssignment(root, diagnostic.Location.SourceSpan) is not { } assignment)
                continue;

            // A too-long fallback (configured ?? TimeSpan.FromHours(1)): clamp only the fallback, keep the configuration;
            // no fix when the fallback is not written in the assignment.
            ExpressionSyntax target = assignment.Right;
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.Fallback))
            {
                ExpressionSyntax value = assignment.Right;
                while (value is ParenthesizedExpressionSyntax parenthesized)
                    value = parenthesized.Expression;
                if (value is not BinaryExpressionSyntax coalesce || !coalesce.IsKind(SyntaxKind.CoalesceExpression))
                    continue;
                target = coalesce.Right;
            }

            string shown = limit % 60 == 0 ? $"TimeSpan.FromMinutes({limit / 60})" : $"TimeSpan.FromSeconds({limit})";
            string replacement = "global::System." + shown;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Clamp 'ClockSkew' to {shown}",
                    ct => ReplaceAsync(context.Document, target, replacement, ct),
                    nameof(ExcessiveClockSkewCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax target, string replacement, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null)
            return document;

        var value = (InvocationExpressionSyntax)SyntaxFactory.ParseExpression(replacement);
        if (value.Expression is MemberAccessExpressionSyntax member)
            value = value.ReplaceNode(member.Expression, member.Expression.WithAdditionalAnnotations(Simplifier.Annotation));
        value = value.WithTriviaFrom(target).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(target, value));
    }
}
