using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace OneAuth.Package.Tests;

/// <summary>
/// What is inside the packed OneAuth.Testing .nupkg, and a console project that restores only that package from the
/// local feed and uses it (the runtime types arrive through the OneAuth.Analyzers dependency).
/// </summary>
public class TestingPackageTests
{
    private const string PackageId = "OneAuth.Testing";

    [Fact]
    public void Contains_the_test_kit_for_both_frameworks_with_docs_and_readme()
    {
        string[] entries = Entries();
        foreach (string tfm in new[] { "netstandard2.0", "net8.0" })
        {
            Assert.Contains($"lib/{tfm}/OneAuth.Testing.dll", entries);
            Assert.Contains($"lib/{tfm}/OneAuth.Testing.xml", entries);
        }

        Assert.Contains("README.md", entries);
    }

    [Fact]
    public void Ships_only_OneAuth_Testing_dll_and_never_the_runtime_or_analyzers()
    {
        string[] dlls = Entries().Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.All(dlls, d => Assert.EndsWith("/OneAuth.Testing.dll", d, StringComparison.Ordinal));
        Assert.Equal(2, dlls.Length);
        Assert.DoesNotContain(Entries(), e => e.StartsWith("analyzers/", StringComparison.Ordinal) || e.StartsWith("build", StringComparison.Ordinal));
    }

    [Fact]
    public void Depends_on_OneAuth_Analyzers_of_the_same_version_and_Microsoft_IdentityModel_only()
    {
        XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string version = metadata.Elements().Single(e => e.Name.LocalName == "version").Value;
        Assert.Equal(PackageLocator.Version(), version);

        XElement[] groups = metadata.Descendants().Where(e => e.Name.LocalName == "group").ToArray();
        Assert.Equal(new[] { ".NETStandard2.0", "net8.0" }, groups.Select(g => (string)g.Attribute("targetFramework")!).Order(StringComparer.Ordinal));

        string[] expected = TestingPackageReferences().Append("OneAuth.Analyzers").Order(StringComparer.Ordinal).ToArray();
        foreach (XElement group in groups)
        {
            XElement[] dependencies = group.Elements().ToArray();
            Assert.Equal(expected, dependencies.Select(d => (string)d.Attribute("id")!).Order(StringComparer.Ordinal));
            XElement runtime = dependencies.Single(d => (string)d.Attribute("id")! == "OneAuth.Analyzers");
            Assert.Equal(version, (string)runtime.Attribute("version")!);
            Assert.All(dependencies.Where(d => d != runtime), d => Assert.StartsWith("Microsoft.IdentityModel.", (string)d.Attribute("id")!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Is_not_a_development_dependency()
    {
        XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.NotEqual("true", metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "developmentDependency")?.Value);
    }

    [Fact]
    public void A_consumer_of_OneAuth_Testing_alone_builds_and_runs()
    {
        using var workspace = new ConsumerWorkspace();
        string consumer = workspace.NewConsumer("testing", "TestingConsumer");
        DotNet.Result build = workspace.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());

        DotNet.Result run = DotNet.Run(consumer, TimeSpan.FromMinutes(2), "run", "-c", "Release", "--no-build");
        Assert.True(run.ExitCode == 0, run.ToString());
        string[] lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        int misuse = int.Parse(lines.Single(l => l.StartsWith("Misuse=", StringComparison.Ordinal))["Misuse=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(misuse >= 100, run.Output);
        Assert.Contains("OtherApp=WrongApp", lines);
        Assert.Contains("WrongAppIsRuntimeEnum=True", lines);
        Assert.Contains("KeyStatus=Found", lines);
        Assert.Contains("JwksServed=True", lines);
        Assert.Contains("TokenSegments=3", lines);

        // The runtime came from the OneAuth.Analyzers package, once.
        string packages = Path.Combine(consumer, ".packages");
        Assert.True(Directory.Exists(Path.Combine(packages, "oneauth.analyzers")), "OneAuth.Analyzers was not restored as a dependency");
        Assert.Single(Directory.GetFiles(Path.Combine(consumer, "bin", "Release", "net10.0"), "OneAuth.Runtime.dll"));
    }

    private static string[] Entries()
    {
        using ZipArchive zip = ZipFile.OpenRead(PackageLocator.PackagePath(PackageId));
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    private static XDocument Nuspec()
    {
        using ZipArchive zip = ZipFile.OpenRead(PackageLocator.PackagePath(PackageId));
        ZipArchiveEntry entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static string[] TestingPackageReferences()
    {
        XDocument project = XDocument.Load(Path.Combine(PackageLocator.RepoRoot, "src", "OneAuth.Testing", "OneAuth.Testing.csproj"));
        // Build-only references (PrivateAssets="all", such as the public API analyzers) are not dependencies.
        return project.Descendants("PackageReference")
            .Where(e => !string.Equals((string?)e.Attribute("PrivateAssets"), "all", StringComparison.OrdinalIgnoreCase))
            .Select(e => (string)e.Attribute("Include")!)
            .ToArray();
    }
}
