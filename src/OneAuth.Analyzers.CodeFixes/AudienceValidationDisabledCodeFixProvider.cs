using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OneAuth.Analyzers.CodeFixes
{
    /// <summary>OA0001: turns audience validation back on (<c>false</c> becomes <c>true</c>).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AudienceValidationDisabledCodeFixProvider)), Shared]
    public sealed class AudienceValidationDisabledCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.AudienceValidationDisabled);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
                return;

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (SetToTrueCodeFix.FindAssignment(root, diagnostic.Location.SourceSpan) is not AssignmentExpressionSyntax assignment)
                    continue;

                string name = assignment.Left is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : assignment.Left.ToString();
                context.RegisterCodeFix(
                    SetToTrueCodeFix.Create($"Set '{name}' to true", nameof(AudienceValidationDisabledCodeFixProvider), context.Document, assignment),
                    diagnostic);
            }
        }
    }
}
