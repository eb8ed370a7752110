using System.Reflection;

namespace OneAuth.Package.Tests;

/// <summary>Finds the repository and the packed .nupkg that build/pack.sh wrote into nuget/.</summary>
internal static class PackageLocator
{
    public const string PackageId = "OneAuth.Analyzers";

    public static string RepoRoot { get; } = typeof(PackageLocator).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string FeedDirectory => Path.Combine(RepoRoot, "nuget");

    /// <summary>The newest OneAuth.Analyzers package in nuget/; fails with the command that makes it.</summary>
    public static string PackagePath(string id = PackageId)
    {
        string[] found = Directory.Exists(FeedDirectory)
            ? Directory.GetFiles(FeedDirectory, id + ".*.nupkg")
                .Where(p => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(p), "^" + System.Text.RegularExpressions.Regex.Escape(id) + @"\.\d"))
                .ToArray()
            : Array.Empty<string>();
        if (found.Length == 0)
            throw new InvalidOperationException($"No {id} package in {FeedDirectory}. Run build/pack.sh (build/test.sh does) first.");
        return found.OrderByDescending(File.GetLastWriteTimeUtc).First();
    }

    public static string Version(string id = PackageId)
    {
        string name = Path.GetFileNameWithoutExtension(PackagePath(id));
        return name[(id.Length + 1)..];
    }
}
