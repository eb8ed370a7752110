using System.Xml.Linq;

namespace OneAuth.Package.Tests;

/// <summary>
/// A folder outside the repository with a nuget.config whose only source for OneAuth.* is nuget/, and a
/// package folder of its own so a re-packed version is never served stale from the global cache.
/// </summary>
public sealed class ConsumerWorkspace : IDisposable
{
    public ConsumerWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "oneauth-consumer-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Version = PackageLocator.Version();
        WriteNuGetConfig();
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <OneAuthVersion>{Version}</OneAuthVersion>
                <RestorePackagesPath>{Path.Combine(Root, ".packages")}</RestorePackagesPath>
              </PropertyGroup>
            </Project>
            """);
    }

    public string Root { get; }

    public string Version { get; }

    /// <summary>Copies a consumer template (a folder of this project) into a new subfolder and returns its path.</summary>
    public string NewConsumer(string name, string template = "Consumer")
    {
        string source = Path.Combine(PackageLocator.RepoRoot, "tests", "OneAuth.Package.Tests", template);
        string target = Path.Combine(Root, name);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    public DotNet.Result Build(string consumer)
        => DotNet.Run(consumer, TimeSpan.FromMinutes(5), "build", "-c", "Release", "--disable-build-servers", "-p:UseSharedCompilation=false");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private void WriteNuGetConfig()
    {
        var config = new XDocument(
            new XElement("configuration",
                new XElement("packageSources",
                    new XElement("clear"),
                    new XElement("add", new XAttribute("key", "local"), new XAttribute("value", PackageLocator.FeedDirectory)),
                    new XElement("add", new XAttribute("key", "nuget.org"), new XAttribute("value", "https://api.nuget.org/v3/index.json"))),
                new XElement("packageSourceMapping",
                    new XElement("packageSource", new XAttribute("key", "local"),
                        new XElement("package", new XAttribute("pattern", "OneAuth.*"))),
                    new XElement("packageSource", new XAttribute("key", "nuget.org"),
                        new XElement("package", new XAttribute("pattern", "*"))))));
        config.Save(Path.Combine(Root, "nuget.config"));
    }
}
