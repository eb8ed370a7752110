using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace OneAuth.Package.Tests;

/// <summary>What is inside the packed OneAuth.Analyzers .nupkg.</summary>
public class PackageLayoutTests
{
    private static readonly string[] RequiredEntries =
    {
        "lib/netstandard2.0/OneAuth.Runtime.dll",
        "lib/netstandard2.0/OneAuth.Runtime.xml",
        "lib/net8.0/OneAuth.Runtime.dll",
        "lib/net8.0/OneAuth.Runtime.xml",
        "analyzers/dotnet/cs/OneAuth.Analyzers.dll",
        "analyzers/dotnet/cs/OneAuth.Analyzers.CodeFixes.dll",
        "README.md",
        "buildTransitive/OneAuth.Analyzers.props",
        "build/OneAuth.Analyzers.props",
    };

    [Fact]
    public void Contains_runtime_analyzers_and_code_fixes()
    {
        string[] entries = Entries();
        foreach (string required in RequiredEntries)
            Assert.Contains(required, entries);
    }

    [Fact]
    public void Ships_no_assembly_outside_lib_and_analyzers_and_no_Roslyn_assembly()
    {
        foreach (string entry in Entries().Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.True(entry.StartsWith("lib/", StringComparison.Ordinal) || entry.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal), entry);
            Assert.DoesNotContain("Microsoft.CodeAnalysis", entry, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(2, Entries().Count(e => e.StartsWith("analyzers/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Depends_on_Microsoft_IdentityModel_only_and_matches_the_runtime()
    {
        XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        XElement[] groups = metadata.Descendants().Where(e => e.Name.LocalName == "group").ToArray();
        Assert.Equal(new[] { ".NETStandard2.0", "net8.0" }, groups.Select(g => (string)g.Attribute("targetFramework")!).Order(StringComparer.Ordinal));

        string[] runtimeReferences = RuntimePackageReferences();
        foreach (XElement group in groups)
        {
            string[] ids = group.Elements().Select(d => (string)d.Attribute("id")!).Order(StringComparer.Ordinal).ToArray();
            Assert.All(ids, id => Assert.StartsWith("Microsoft.IdentityModel.", id, StringComparison.Ordinal));
            Assert.Equal(runtimeReferences, ids);
        }
    }

    [Fact]
    public void Is_not_a_development_dependency()
    {
        XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? dev = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "developmentDependency")?.Value;
        Assert.NotEqual("true", dev);
    }

    private static string[] Entries()
    {
        using ZipArchive zip = ZipFile.OpenRead(PackageLocator.PackagePath());
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    private static XDocument Nuspec()
    {
        using ZipArchive zip = ZipFile.OpenRead(PackageLocator.PackagePath());
        ZipArchiveEntry entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static string[] RuntimePackageReferences()
    {
        XDocument project = XDocument.Load(Path.Combine(PackageLocator.RepoRoot, "src", "OneAuth.Runtime", "OneAuth.Runtime.csproj"));
        // Build-only references (PrivateAssets="all", such as the public API analyzers) are not dependencies.
        return project.Descendants("PackageReference")
            .Where(e => !string.Equals((string?)e.Attribute("PrivateAssets"), "all", StringComparison.OrdinalIgnoreCase))
            .Select(e => (string)e.Attribute("Include")!)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
