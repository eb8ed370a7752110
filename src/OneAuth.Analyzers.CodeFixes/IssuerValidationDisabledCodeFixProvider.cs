using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>OA0002: sets the reported switch back to <c>true</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IssuerValidationDisabledCodeFixProvider)), Shared]
public sealed class IssuerValidationDisabledCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.IssuerValidationDisabled);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
        => SetToTrueCodeFix.RegisterAsync(context, nameof(IssuerValidationDisabledCodeFixProvider));
}
