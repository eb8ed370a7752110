using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>OA0004: sets the reported switch back to <c>true</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SigningKeyValidationDisabledCodeFixProvider)), Shared]
public sealed class SigningKeyValidationDisabledCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.SigningKeyValidationDisabled);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
        => SetToTrueCodeFix.RegisterAsync(context, nameof(SigningKeyValidationDisabledCodeFixProvider));
}
