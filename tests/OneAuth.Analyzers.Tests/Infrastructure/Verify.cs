using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace OneAuth.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer (and its code fix) over real C# compiled against <see cref="Refs"/>.
/// Code-fix tests also run Fix All in document, project and solution scope.
/// </summary>
public static class Verify<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic() => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic();

    public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(id);

    /// <summary>Asserts exactly the expected diagnostics (none when empty).</summary>
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
        => AnalyzerAsync(source, Refs.OneAuth, expected);

    public static Task AnalyzerAsync(string source, ImmutableArray<MetadataReference> references, params DiagnosticResult[] expected)
    {
        var test = Create(references);
        test.TestCode = source;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Runs with extra .editorconfig / .globalconfig content.</summary>
    public static Task AnalyzerWithConfigAsync(string source, string globalConfig, params DiagnosticResult[] expected)
    {
        var test = Create(Refs.OneAuth);
        test.TestCode = source;
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Asserts the diagnostics, then that the fix (and Fix All) turns source into fixedSource.</summary>
    public static Task CodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = Create(Refs.OneAuth);
        test.TestCode = source;
        test.FixedCode = fixedSource;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Like <see cref="CodeFixAsync"/> with extra .editorconfig / .globalconfig content.</summary>
    public static Task CodeFixWithConfigAsync(string source, string fixedSource, string globalConfig, params DiagnosticResult[] expected)
    {
        var test = Create(Refs.OneAuth);
        test.TestCode = source;
        test.FixedCode = fixedSource;
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        test.FixedState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Asserts the diagnostics and that no code fix is offered for them.</summary>
    public static Task NoCodeFixAsync(string source, params DiagnosticResult[] expected)
        => CodeFixAsync(source, source, expected);

    private static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(ImmutableArray<MetadataReference> references)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = Refs.None,
        };
        test.TestState.AdditionalReferences.AddRange(references);
        test.FixedState.AdditionalReferences.AddRange(references);
        test.TestState.OutputKind = OutputKind.DynamicallyLinkedLibrary;
        return test;
    }
}

/// <summary>Analyzer-only verification for rules without a code fix.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic();

    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
        => AnalyzerAsync(source, Refs.OneAuth, expected);

    public static Task AnalyzerAsync(string source, ImmutableArray<MetadataReference> references, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { ReferenceAssemblies = Refs.None, TestCode = source };
        test.TestState.AdditionalReferences.AddRange(references);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task AnalyzerWithConfigAsync(string source, string globalConfig, params DiagnosticResult[] expected)
        => AnalyzerWithConfigAsync(source, globalConfig, Refs.OneAuth, expected);

    public static Task AnalyzerWithConfigAsync(string source, string globalConfig, ImmutableArray<MetadataReference> references, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { ReferenceAssemblies = Refs.None, TestCode = source };
        test.TestState.AdditionalReferences.AddRange(references);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
