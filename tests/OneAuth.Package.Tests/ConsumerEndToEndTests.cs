using Xunit;

namespace OneAuth.Package.Tests;

/// <summary>
/// A real project outside the solution restores the packed .nupkg from a local folder feed and builds:
/// the analyzer warns, the generator's validator compiles and runs, and .editorconfig controls severity.
/// </summary>
public class ConsumerEndToEndTests : IClassFixture<ConsumerEndToEndTests.BuiltConsumer>
{
    private readonly BuiltConsumer _built;

    public ConsumerEndToEndTests(BuiltConsumer built) => _built = built;

    [Fact]
    public void Build_succeeds_and_reports_OA0001_with_its_help_link()
    {
        Assert.True(_built.Build.ExitCode == 0, _built.Build.ToString());
        string line = _built.Build.Output.Split('\n').First(l => l.Contains("warning OA0001", StringComparison.Ordinal));
        Assert.Contains("'ValidateAudience' is false", line, StringComparison.Ordinal);
        Assert.Contains("docs/rules/OA0001.md", line, StringComparison.Ordinal);
        Assert.Contains("Program.cs(", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_validator_constants_are_right_at_run_time()
    {
        Assert.True(_built.Build.ExitCode == 0, _built.Build.ToString());
        DotNet.Result run = DotNet.Run(_built.Directory, TimeSpan.FromMinutes(2), "run", "-c", "Release", "--no-build");
        Assert.True(run.ExitCode == 0, run.ToString());
        string[] lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("AppId=billing", lines);
        Assert.Contains("Issuer=https://auth.example.com", lines);
        Assert.Contains("Audience=billing-api", lines);
        Assert.Contains("JwksUri=https://auth.example.com/.well-known/jwks.json", lines);
        Assert.Contains("Namespace=Billing.Api", lines);
    }

    [Fact]
    public void Editorconfig_raises_OA0001_to_an_error()
    {
        string consumer = _built.Workspace.NewConsumer("strict");
        File.WriteAllText(Path.Combine(consumer, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.OA0001.severity = error\n");
        DotNet.Result build = _built.Workspace.Build(consumer);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error OA0001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Editorconfig_silences_OA0001()
    {
        string consumer = _built.Workspace.NewConsumer("silenced");
        File.WriteAllText(Path.Combine(consumer, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.OA0001.severity = none\n");
        DotNet.Result build = _built.Workspace.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("OA0001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void MSBuild_property_supplies_the_issuer()
    {
        string consumer = _built.Workspace.NewConsumer("msbuild-issuer");
        string program = Path.Combine(consumer, "Program.cs");
        File.WriteAllText(program, File.ReadAllText(program).Replace("Issuer = \"https://auth.example.com\", ", string.Empty, StringComparison.Ordinal));
        string project = Path.Combine(consumer, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "</RootNamespace>", "</RootNamespace>\n    <OneAuthIssuer>https://login.staging.example.org</OneAuthIssuer>", StringComparison.Ordinal));

        DotNet.Result build = _built.Workspace.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        DotNet.Result run = DotNet.Run(consumer, TimeSpan.FromMinutes(2), "run", "-c", "Release", "--no-build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Issuer=https://login.staging.example.org", run.Output, StringComparison.Ordinal);
        Assert.Contains("JwksUri=https://login.staging.example.org/.well-known/jwks.json", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Builds the consumer once for the class.</summary>
    public sealed class BuiltConsumer : IDisposable
    {
        public BuiltConsumer()
        {
            Workspace = new ConsumerWorkspace();
            Directory = Workspace.NewConsumer("default");
            Build = Workspace.Build(Directory);
        }

        public ConsumerWorkspace Workspace { get; }

        public string Directory { get; }

        public DotNet.Result Build { get; }

        public void Dispose() => Workspace.Dispose();
    }
}
