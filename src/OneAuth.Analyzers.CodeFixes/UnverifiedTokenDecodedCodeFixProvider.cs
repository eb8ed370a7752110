using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>
/// OA0018: a JwtBuilder gets <c>.MustVerifySignature()</c> right before <c>Decode</c> (the last setting wins, so this
/// holds whatever came before), and a literal <c>verify: false</c> becomes <c>true</c>. A decode given no key gets no
/// fix: which key to use is not in sight.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnverifiedTokenDecodedCodeFixProvider)), Shared]
public sealed class UnverifiedTokenDecodedCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.UnverifiedTokenDecoded);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.TokenLibraryFix, out string? fix))
                continue;

            if (fix == Rules.UnverifiedTokenDecodedAnalyzer.InsertMustVerify
                && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Call MustVerifySignature() before Decode", ct => InsertMustVerifyAsync(context.Document, invocation, member, ct), nameof(UnverifiedTokenDecodedCodeFixProvider)),
                    diagnostic);
            }
            else if (fix == Rules.UnverifiedTokenDecodedAnalyzer.SetVerifyTrue
                     && diagnostic.Properties.TryGetValue(DiagnosticProperties.VerifyAt, out string? at)
                     && int.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out int position)
                     && root.FindToken(position).Parent is LiteralExpressionSyntax literal
                     && literal.IsKind(SyntaxKind.FalseLiteralExpression))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Set 'verify' to true", ct => ReplaceAsync(context.Document, literal, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(literal), ct), nameof(UnverifiedTokenDecodedCodeFixProvider)),
                    diagnostic);
            }
        }
    }

    private static Task<Document> InsertMustVerifyAsync(Document document, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member, CancellationToken ct)
    {
        InvocationExpressionSyntax mustVerify = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, member.Expression.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName("MustVerifySignature")));
        MemberAccessExpressionSyntax decode = member.WithExpression(mustVerify.WithTrailingTrivia(member.Expression.GetTrailingTrivia()));
        return ReplaceAsync(document, invocation, invocation.WithExpression(decode), ct);
    }

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken ct)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode));
    }
}
