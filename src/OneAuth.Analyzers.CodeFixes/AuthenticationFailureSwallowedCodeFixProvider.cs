using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>
/// OA0016: removes the <c>context.Success()</c> statement, which restores the handler's default: the failed token
/// fails authentication. Offered only when the call is a statement of its own.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AuthenticationFailureSwallowedCodeFixProvider)), Shared]
public sealed class AuthenticationFailureSwallowedCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.AuthenticationFailureSwallowed);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || invocation.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax } statement)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove Success(): let the failed token fail",
                    ct => RemoveAsync(context.Document, statement, ct),
                    nameof(AuthenticationFailureSwallowedCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> RemoveAsync(Document document, ExpressionStatementSyntax statement, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        SyntaxNode? updated = root?.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
        return updated is null ? document : document.WithSyntaxRoot(updated);
    }
}
