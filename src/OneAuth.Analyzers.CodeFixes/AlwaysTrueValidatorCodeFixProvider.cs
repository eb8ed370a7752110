using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace OneAuth.Analyzers.CodeFixes;

/// <summary>OA0006: removes the accept-everything validator so the library's own check runs again.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AlwaysTrueValidatorCodeFixProvider)), Shared]
public sealed class AlwaysTrueValidatorCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.AlwaysTrueValidator);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
        => RemoveAssignmentCodeFix.RegisterAsync(context, nameof(AlwaysTrueValidatorCodeFixProvider));
}
