using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OneAuth.Testing;
using Xunit;

namespace OneAuth.Package.Tests;

/// <summary>
/// README's quickstart, copied block by block into a new web project outside the repository, restored from the packed
/// .nupkg, built and run as its own process against a test issuer whose keys are served on loopback: the requests the
/// README shows get the status codes it promises. The README cannot drift from what works.
/// </summary>
public sealed class QuickstartTests : IClassFixture<QuickstartTests.BuiltQuickstart>
{
    private readonly BuiltQuickstart _built;

    public QuickstartTests(BuiltQuickstart built) => _built = built;

    [Fact]
    public void The_quickstart_builds_without_a_warning()
    {
        Assert.True(_built.Build.ExitCode == 0, _built.Build.ToString());
        Assert.DoesNotMatch(new Regex(@"\b(warning|error) [A-Z]+[0-9]+"), _built.Build.Output);
    }

    [Fact]
    public void The_readme_installs_the_version_that_is_packed()
    {
        Match version = Regex.Match(Readme.Block("commands"), @"dotnet add package OneAuth\.Analyzers --version (?<v>\S+)");
        Assert.True(version.Success, "The quickstart commands add OneAuth.Analyzers with an explicit version.");
        Assert.Equal(PackageLocator.Version(), version.Groups["v"].Value);
        XElement source = XDocument.Parse(Readme.Block("nuget.config")).Descendants("packageSources").Single().Elements("add").Single();
        Assert.EndsWith("/nuget", (string)source.Attribute("value")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_of_the_readme_gets_the_status_it_promises()
    {
        Assert.True(_built.Build.ExitCode == 0, _built.Build.ToString());
        using var issuer = new TestIssuer();
        JwksServer keys = issuer.StartJwksServer();
        using WebApp app = WebApp.Start(_built.Dll, new Dictionary<string, string>
        {
            ["OneAuth__Issuer"] = issuer.Issuer,
            ["OneAuth__JwksUri"] = keys.JwksUri.ToString(),
        });
        Assert.True(await app.WaitUntilServingAsync("/health", TimeSpan.FromMinutes(1)), app.Output);

        var tokens = new Dictionary<string, string>
        {
            ["BILLING_TOKEN"] = issuer.MintToken("billing", "billing-api", b => b.Subject("alice")),
            ["PAYMENTS_TOKEN"] = issuer.MintToken("payments", "billing-api", b => b.Subject("mallory")),
        };
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        int checkedRequests = 0;
        foreach (Match line in Regex.Matches(Readme.Block("requests"), @"curl -i http://localhost:\d+(?<path>/\S*)(?: -H ""Authorization: Bearer \$(?<token>[A-Z_]+)"")?\s+# (?<status>\d{3})(?:, error_description=""(?<reason>\w+)"")?"))
        {
            var request = new HttpRequestMessage(HttpMethod.Get, line.Groups["path"].Value);
            if (line.Groups["token"].Success)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[line.Groups["token"].Value]);
            using HttpResponseMessage response = await client.SendAsync(request);

            Assert.True(int.Parse(line.Groups["status"].Value) == (int)response.StatusCode, $"{line.Value}: got {(int)response.StatusCode}\n{app.Output}");
            if (line.Groups["reason"].Success)
                Assert.Contains($"error_description=\"{line.Groups["reason"].Value}\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            if (response.StatusCode == HttpStatusCode.OK)
                Assert.Equal("invoices of alice", await response.Content.ReadAsStringAsync());
            checkedRequests++;
        }

        Assert.Equal(3, checkedRequests);
    }

    [Fact]
    public void Without_an_issuer_the_host_stops_before_it_listens_and_says_which_setting_is_missing()
    {
        Assert.True(_built.Build.ExitCode == 0, _built.Build.ToString());
        string appsettings = Path.Combine(Path.GetDirectoryName(_built.Dll)!, "appsettings.json");
        File.WriteAllText(appsettings, "{}");
        try
        {
            using WebApp app = WebApp.Start(_built.Dll, new Dictionary<string, string>());
            Assert.True(app.WaitForExit(TimeSpan.FromMinutes(1)), "The host kept running without an issuer:\n" + app.Output);
            Assert.NotEqual(0, app.ExitCode);
            Assert.Contains("No issuer is configured for app 'billing'", app.Output, StringComparison.Ordinal);
            Assert.Contains("OneAuth:Issuer", app.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening on", app.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.WriteAllText(appsettings, Readme.Block("appsettings.json"));
        }
    }

    /// <summary>
    /// The quickstart as a reader assembles it: `dotnet new web`'s project in a folder of its own, the README's nuget.config
    /// (with the real path of nuget/) as its only package configuration besides the machine's, then the README's files.
    /// Its package folder is private, so a re-packed version is never served stale from the global cache.
    /// </summary>
    public sealed class BuiltQuickstart : IDisposable
    {
        public BuiltQuickstart()
        {
            Root = Path.Combine(Path.GetTempPath(), "oneauth-quickstart-" + Guid.NewGuid().ToString("N")[..12]);
            string project = Path.Combine(Root, "Billing.Api");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "Billing.Api.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <RestorePackagesPath>{Path.Combine(Root, ".packages")}</RestorePackagesPath>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="OneAuth.Analyzers" Version="{PackageLocator.Version()}" />
                  </ItemGroup>
                </Project>
                """);
            string config = Readme.Block("nuget.config").Replace("/path/to/OneAuth.Analyzers/nuget", PackageLocator.FeedDirectory, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(Root, "nuget.config"), config);
            File.WriteAllText(Path.Combine(project, "Program.cs"), Readme.Block("Program.cs"));
            File.WriteAllText(Path.Combine(project, "appsettings.json"), Readme.Block("appsettings.json"));
            Build = DotNet.Run(project, TimeSpan.FromMinutes(5), "build", "-c", "Release", "--disable-build-servers", "-p:UseSharedCompilation=false");
            Dll = Path.Combine(project, "bin", "Release", "net10.0", "Billing.Api.dll");
        }

        public string Root { get; }

        public DotNet.Result Build { get; }

        public string Dll { get; }

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
    }
}
