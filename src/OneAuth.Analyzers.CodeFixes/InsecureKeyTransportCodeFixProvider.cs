using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using OneAuth.Analyzers.Rules;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>
/// OA0010: sets <c>RequireHttpsMetadata</c>/<c>RequireHttps</c> back to <c>true</c>, or rewrites an
/// <c>http://</c> literal to <c>https://</c>. Certificate callbacks get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsecureKeyTransportCodeFixProvider)), Shared]
public sealed class InsecureKeyTransportCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.InsecureKeyTransport);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        ImmutableArray<Diagnostic> setTrue = With(context, InsecureKeyTransportAnalyzer.FixSetTrue);
        if (!setTrue.IsEmpty)
        {
            await SetToTrueCodeFix.RegisterAsync(
                new CodeFixContext(context.Document, context.Span, setTrue, context.RegisterCodeFix, context.CancellationToken),
                nameof(InsecureKeyTransportCodeFixProvider)).ConfigureAwait(false);
        }

        ImmutableArray<Diagnostic> https = With(context, InsecureKeyTransportAnalyzer.FixHttps);
        if (https.IsEmpty)
            return;

        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (Diagnostic diagnostic in https)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            LiteralExpressionSyntax? literal = node.DescendantNodesAndSelf()
                .OfType<LiteralExpressionSyntax>()
                .FirstOrDefault(l => l.IsKind(SyntaxKind.StringLiteralExpression) && l.Token.ValueText.TrimStart().StartsWith("http://", StringComparison.OrdinalIgnoreCase));
            if (literal is null)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create("Use https", ct => UseHttpsAsync(context.Document, literal, ct), nameof(InsecureKeyTransportCodeFixProvider) + ".Https"),
                diagnostic);
        }
    }

    private static ImmutableArray<Diagnostic> With(CodeFixContext context, string fix)
        => context.Diagnostics
            .Where(d => d.Properties.TryGetValue(DiagnosticProperties.Fix, out string? value) && value == fix)
            .ToImmutableArray();

    private static async Task<Document> UseHttpsAsync(Document document, LiteralExpressionSyntax literal, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null)
            return document;

        string value = literal.Token.ValueText.Trim();
        string secured = "https://" + value.Substring("http://".Length);
        LiteralExpressionSyntax replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(secured))
            .WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }
}
