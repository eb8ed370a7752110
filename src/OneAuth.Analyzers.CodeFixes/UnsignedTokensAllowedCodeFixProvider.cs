using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>OA0005: sets the reported switch back to <c>true</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsignedTokensAllowedCodeFixProvider)), Shared]
public sealed class UnsignedTokensAllowedCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.UnsignedTokensAllowed);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
        => SetToTrueCodeFix.RegisterAsync(context, nameof(UnsignedTokensAllowedCodeFixProvider));
}
