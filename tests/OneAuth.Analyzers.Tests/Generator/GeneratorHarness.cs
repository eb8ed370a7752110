using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Generator;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests.Generator;

/// <summary>
/// The one way generator tests run the generator: step tracking on, no generator exception, an output
/// compilation without errors or warnings, a rerun on a clone in which every tracked step is cached, and
/// step outputs free of symbols, syntax, locations and compilations.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly string[] AllTrackingNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    public sealed record Result(GeneratorDriverRunResult Run, Compilation Output, GeneratorDriver Driver, CSharpCompilation Input)
    {
        public string? GeneratedText => Run.Results.Single().GeneratedSources
            .Where(s => s.HintName == Emitter.HintName)
            .Select(s => s.SourceText.ToString())
            .SingleOrDefault();
    }

    public static CSharpCompilation Compile(IEnumerable<string> sources, IEnumerable<MetadataReference>? references = null)
        => CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"File{i}.cs")),
            references ?? Refs.OneAuth,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // The runtime is referenced through its net8.0 build next to net10.0 reference assemblies.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? buildProperties = null)
        => CSharpGeneratorDriver.Create(
            new[] { new AppTokenValidatorGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: BuildProperties(buildProperties ?? new Dictionary<string, string>()),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>MSBuild properties as the compiler passes them to the generator (<c>build_property.*</c> global options).</summary>
    public static AnalyzerConfigOptionsProvider BuildProperties(IReadOnlyDictionary<string, string> values) => new GlobalOptionsProvider(values);

    /// <summary>Runs the generator with every standing check.</summary>
    public static Result Run(
        string source,
        IReadOnlyDictionary<string, string>? buildProperties = null,
        IEnumerable<string>? moreSources = null,
        IEnumerable<MetadataReference>? references = null)
    {
        CSharpCompilation input = Compile(new[] { source }.Concat(moreSources ?? Array.Empty<string>()), references);
        GeneratorDriver driver = CreateDriver(buildProperties).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        GeneratorDriverRunResult run = driver.GetRunResult();

        Assert.All(run.Results, r => Assert.Null(r.Exception));
        Assert.Empty(run.Diagnostics);
        // Errors anywhere; warnings in the generated files (what TreatWarningsAsErrors would break on).
        HashSet<SyntaxTree> generated = run.GeneratedTrees.ToHashSet();
        ImmutableArray<Diagnostic> problems = output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.Contains(tree)))
            .ToImmutableArray();
        Assert.True(problems.IsEmpty, "generated code does not compile cleanly:\n" + string.Join("\n", problems));

        AssertNoForbiddenOutputs(run);
        AssertRerunIsCached(driver, input);
        return new Result(run, output, driver, input);
    }

    /// <summary>Re-running the driver on an identical compilation must find every step cached or unchanged.</summary>
    public static void AssertRerunIsCached(GeneratorDriver driver, CSharpCompilation input)
    {
        GeneratorDriverRunResult rerun = driver.RunGenerators(input.Clone()).GetRunResult();
        IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps = rerun.Results.Single().TrackedSteps;
        Assert.True(steps.ContainsKey(TrackingNames.ModelBuilt), "the model step did not run");
        foreach (string name in AllTrackingNames)
        {
            if (!steps.ContainsKey(name))
                continue; // a per-attribute step has no entries when the attribute is absent

            foreach (IncrementalGeneratorRunStep step in steps[name])
            {
                foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step '{name}' was {reason} on an identical rerun");
            }
        }
    }

    /// <summary>Reasons of the outputs of one step after a rerun with <paramref name="edited"/>.</summary>
    public static IncrementalStepRunReason[] ReasonsAfter(GeneratorDriver driver, Compilation edited, string stepName)
        => driver.RunGenerators(edited).GetRunResult().Results.Single().TrackedSteps[stepName]
            .SelectMany(s => s.Outputs.Select(o => o.Reason))
            .ToArray();

    private static void AssertNoForbiddenOutputs(GeneratorDriverRunResult run)
    {
        foreach ((string name, ImmutableArray<IncrementalGeneratorRunStep> steps) in run.Results.Single().TrackedSteps)
        {
            if (!AllTrackingNames.Contains(name))
                continue; // the driver's own input steps

            foreach (IncrementalGeneratorRunStep step in steps)
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                    Walk(value, name, depth: 0);
            }
        }
    }

    private static void Walk(object? value, string step, int depth)
    {
        if (value is null || depth > 8 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            return;

        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel or Compilation or AttributeData,
            $"step '{step}' outputs a {value.GetType().Name}, which defeats caching");

        if (value is IEnumerable items)
        {
            foreach (object? item in items)
                Walk(item, step, depth + 1);
            return;
        }

        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
                Walk(property.GetValue(value), step, depth + 1);
        }
    }

    private sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(values.ToDictionary(kv => "build_property." + kv.Key, kv => kv.Value));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
                => values.TryGetValue(key, out value);
        }
    }
}
