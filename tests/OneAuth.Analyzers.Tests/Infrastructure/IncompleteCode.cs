using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace OneAuth.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs every analyzer of the package over half-typed code, then every code fix on what they report, the way the IDE
/// does on each keystroke. Nothing may throw: an analyzer exception (AD0001) disables the rule for the whole
/// compilation, and a throwing fix breaks the light-bulb menu.
/// </summary>
internal static class IncompleteCode
{
    public static async Task AssertNoRuleOrFixThrowsAsync(string source, IEnumerable<MetadataReference> references)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Broken",
            "Broken",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: references));
        Document document = workspace.AddDocument(project.Id, "Broken.cs", Microsoft.CodeAnalysis.Text.SourceText.From(source));

        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        var exceptions = new List<string>();
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(PackageComponents.Analyzers(), new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (ex, analyzer, _) => { lock (exceptions) exceptions.Add($"{analyzer.GetType().Name}: {ex}"); },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

        foreach (CodeFixProvider provider in PackageComponents.CodeFixProviders())
        {
            foreach (Diagnostic diagnostic in diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)))
            {
                var actions = new List<CodeAction>();
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                try
                {
                    await provider.RegisterCodeFixesAsync(context);
                    foreach (CodeAction action in actions)
                    {
                        foreach (CodeActionOperation operation in await action.GetOperationsAsync(CancellationToken.None))
                        {
                            if (operation is ApplyChangesOperation apply)
                                _ = await apply.ChangedSolution.GetDocument(document.Id)!.GetTextAsync();
                        }
                    }
                }
                catch (Exception ex)
                {
                    exceptions.Add($"{provider.GetType().Name} on {diagnostic.Id}: {ex}");
                }
            }
        }

        Assert.Empty(exceptions);
    }

    /// <summary>The ids the analyzers report on <paramref name="sources"/> (each compiled on its own).</summary>
    public static async Task<HashSet<string>> ReportedIdsAsync(IEnumerable<string> sources, IEnumerable<MetadataReference> references)
    {
        var reported = new HashSet<string>();
        foreach (string source in sources)
        {
            CSharpCompilation compilation = CSharpCompilation.Create(
                "Broken",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            foreach (Diagnostic diagnostic in await compilation.WithAnalyzers(PackageComponents.Analyzers()).GetAnalyzerDiagnosticsAsync())
                reported.Add(diagnostic.Id);
        }

        return reported;
    }
}
