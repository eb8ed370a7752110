using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Rules;

namespace OneAuth.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs every configuration rule (OA0001-OA0011, OA0023), or every rule, at once over a whole, realistic source file and asserts the
/// exact set of diagnostics: each expected finding is marked (<c>{|OA0001:...|}</c> for warnings,
/// <c>{|#n:...|}</c> + <see cref="Info"/> for environment-dependent ones), and anything unmarked from any of
/// the rules fails the test, so every case checks precision as well as recall.
/// </summary>
public static class CorpusVerifier
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> ConfigurationAnalyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
        new AudienceValidationDisabledAnalyzer(),
        new IssuerValidationDisabledAnalyzer(),
        new LifetimeValidationDisabledAnalyzer(),
        new SigningKeyValidationDisabledAnalyzer(),
        new UnsignedTokensAllowedAnalyzer(),
        new AlwaysTrueValidatorAnalyzer(),
        new SignatureValidationBypassedAnalyzer(),
        new WeakAlgorithmAllowedAnalyzer(),
        new ExcessiveClockSkewAnalyzer(),
        new InsecureKeyTransportAnalyzer(),
        new SecretInSourceAnalyzer(),
        new AudienceMissingAnalyzer());

    /// <summary>Every rule, OA0001-OA0017: the configuration rules plus the trust-boundary ones.</summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> AllAnalyzers = ConfigurationAnalyzers.AddRange(
        new TokenMintingInConsumerAnalyzer(),
        new UnverifiedTokenTrustedAnalyzer(),
        new AppIdNotCheckedAnalyzer(),
        new AppIdComparedWronglyAnalyzer(),
        new AuthenticationFailureSwallowedAnalyzer(),
        new ValidationResultNotCheckedAnalyzer());

    /// <summary>An environment-dependent finding (reported at Info) at markup location <c>{|#n:...|}</c>.</summary>
    public static DiagnosticResult Info(string id, int location)
        => new DiagnosticResult(id, DiagnosticSeverity.Info).WithLocation(location);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => RunAsync(source, OutputKind.DynamicallyLinkedLibrary, expected);

    /// <summary>With a second source file that the marked file refers to (markup goes in the first file only).</summary>
    public static Task VerifyWithFileAsync(string source, string otherFileName, string otherFile, params DiagnosticResult[] expected)
        => RunAsync(source, OutputKind.DynamicallyLinkedLibrary, expected, (otherFileName, otherFile));

    /// <summary>The same run inside a test project (xUnit referenced), with .editorconfig content.</summary>
    public static Task VerifyInTestProjectAsync(string source, string globalConfig, params DiagnosticResult[] expected)
    {
        Test test = Create(source, expected);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Xunit.FactAttribute).Assembly.Location));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        return test.RunAsync();
    }

    /// <summary>
    /// The same run in a project with its own assembly name and extra references (a test-support library built on
    /// a mocking library, a service named like one).
    /// </summary>
    public static Task VerifyInProjectAsync(string source, string assemblyName, IEnumerable<MetadataReference> references, params DiagnosticResult[] expected)
    {
        Test test = Create(source, expected);
        test.TestState.AdditionalReferences.AddRange(references);
        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, assemblyName));
        return test.RunAsync();
    }

    /// <summary>Every rule (<see cref="AllAnalyzers"/>) at once over <paramref name="source"/>.</summary>
    public static Task VerifyAllRulesAsync(string source, params DiagnosticResult[] expected)
    {
        Test test = Create(source, expected);
        test.Analyzers = AllAnalyzers;
        return test.RunAsync();
    }

    /// <summary>For <c>Program.cs</c>-style top-level statements.</summary>
    public static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
        => RunAsync(source, OutputKind.ConsoleApplication, expected);

    private static Task RunAsync(string source, OutputKind kind, DiagnosticResult[] expected, params (string Name, string Text)[] otherFiles)
    {
        Test test = Create(source, expected);
        foreach ((string name, string text) in otherFiles)
            test.TestState.Sources.Add((name, text));
        test.TestState.OutputKind = kind;
        return test.RunAsync();
    }

    /// <summary>The setup every corpus run shares: the marked source and the OneAuth references.</summary>
    private static Test Create(string source, DiagnosticResult[] expected)
    {
        // OA0010 has a second descriptor (named clients, reported at compilation end): {|OA0010:...|} means the first.
        var test = new Test { ReferenceAssemblies = Refs.None, TestCode = source, MarkupOptions = MarkupOptions.UseFirstDescriptor };
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth);
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    private sealed class Test : CSharpAnalyzerTest<AudienceValidationDisabledAnalyzer, DefaultVerifier>
    {
        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; set; } = ConfigurationAnalyzers;

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;
    }
}
