using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace OneAuth.Analyzers.Tests.Infrastructure;

/// <summary>
/// <see cref="Verify{TAnalyzer, TCodeFix}"/> with a chosen reference set (<see cref="TokenLibraryRefs"/>): the rules for
/// other token libraries are tested against those libraries' real assemblies, without Microsoft.IdentityModel.
/// </summary>
public static class TokenLibraryVerify<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic() => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic();

    /// <summary>Asserts exactly the expected diagnostics (none when empty); fixes are not applied.</summary>
    public static Task AnalyzerAsync(string source, ImmutableArray<MetadataReference> references, params DiagnosticResult[] expected)
        => TokenLibraryVerify<TAnalyzer>.AnalyzerAsync(source, references, expected);

    /// <summary>Asserts the diagnostics and that no code fix is offered for them.</summary>
    public static Task NoCodeFixAsync(string source, ImmutableArray<MetadataReference> references, params DiagnosticResult[] expected)
        => CodeFixAsync(source, source, references, expected);

    /// <summary>Asserts the diagnostics, then that the fix (and Fix All) turns source into fixedSource.</summary>
    public static Task CodeFixAsync(string source, string fixedSource, ImmutableArray<MetadataReference> references, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = Refs.None,
            TestCode = source,
            FixedCode = fixedSource,
        };
        test.TestState.AdditionalReferences.AddRange(references);
        test.FixedState.AdditionalReferences.AddRange(references);
        test.TestState.OutputKind = OutputKind.DynamicallyLinkedLibrary;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Inside a test project (xUnit referenced), optionally with .editorconfig content.</summary>
    public static Task InTestProjectAsync(string source, ImmutableArray<MetadataReference> references, string globalConfig, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = Refs.None,
            TestCode = source,
            FixedCode = source,
        };
        test.TestState.AdditionalReferences.AddRange(references);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Xunit.FactAttribute).Assembly.Location));
        test.FixedState.AdditionalReferences.AddRange(references);
        test.FixedState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Xunit.FactAttribute).Assembly.Location));
        if (globalConfig.Length > 0)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
            test.FixedState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}

/// <summary>Analyzer-only verification against a chosen reference set, for rules without a code fix.</summary>
public static class TokenLibraryVerify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic();

    public static Task AnalyzerAsync(string source, ImmutableArray<MetadataReference> references, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { ReferenceAssemblies = Refs.None, TestCode = source };
        test.TestState.AdditionalReferences.AddRange(references);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
