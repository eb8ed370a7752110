using Xunit;

namespace OneAuth.Package.Tests;

/// <summary>
/// Several projects with their own AppScope, restored from the packed .nupkg: a web app of one app referencing a
/// library of another, with and without InternalsVisibleTo, a shared library of the same app, and a library whose
/// package reference would keep the runtime from its users.
/// </summary>
public sealed class CrossProjectTests : IDisposable
{
    private readonly ConsumerWorkspace _workspace = new();

    [Fact]
    public void Using_another_apps_validator_through_a_using_directive_is_a_build_error()
    {
        string web = Solution("foreign", libraryApp: "payments", program: """
            using Payments.Lib;

            [assembly: OneAuth.AppScope("orders", Issuer = "https://auth.example.com")]

            var validator = new AppTokenValidator();
            var result = await validator.ValidateAsync(args.Length > 0 ? args[0] : "");
            Console.WriteLine(result.Failure);
            """);

        DotNet.Result build = _workspace.Build(web);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error OA1005: 'Payments.Lib.AppTokenValidator' validates tokens for app 'payments', but this project's AppScope is 'orders': it would accept payments's tokens here; use this project's own validator, Orders.Web.AppTokenValidator", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void InternalsVisibleTo_between_two_apps_builds_clean_with_warnings_as_errors()
    {
        string web = Solution("friends", libraryApp: "payments", internalsVisible: true, program: WebProgram("orders"));

        DotNet.Result build = _workspace.Build(web);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("CS0436", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shared_library_of_the_same_app_keeps_working()
    {
        string web = Solution("shared", libraryApp: "orders", internalsVisible: true, program: WebProgram("orders") + """

            static class Shared
            {
                public static System.Threading.Tasks.ValueTask<OneAuth.AppTokenValidationResult> Check(string token)
                    => new Orders.Lib.AppTokenValidator(new OneAuth.AppTokenValidatorOptions { Issuer = "https://auth.example.com" }).ValidateAsync(token);
            }
            """);

        DotNet.Result build = _workspace.Build(web);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("OA1005", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_that_keeps_the_runtime_private_is_warned_about()
    {
        string web = Solution("private", libraryApp: "payments", privateAssets: "all", program: WebProgram("orders"));

        DotNet.Result build = _workspace.Build(Path.Combine(Path.GetDirectoryName(web)!, "Lib"));
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning OA1006: OneAuth.Analyzers is referenced with PrivateAssets=\"all\"", build.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _workspace.Dispose();

    private static string WebProgram(string appId) => $$"""
        [assembly: OneAuth.AppScope("{{appId}}", Issuer = "https://auth.example.com")]

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication().AddAppToken();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "ok").RequireAuthorization();
        app.Run();
        """;

    /// <summary>Writes Lib (a class library of <paramref name="libraryApp"/>) and Web (referencing it); returns Web's folder.</summary>
    private string Solution(string name, string libraryApp, string program, bool internalsVisible = false, string? privateAssets = null)
    {
        string root = Path.Combine(_workspace.Root, name);
        string lib = Path.Combine(root, "Lib");
        string web = Path.Combine(root, "Web");
        Directory.CreateDirectory(lib);
        Directory.CreateDirectory(web);
        string libNamespace = libraryApp == "orders" ? "Orders.Lib" : "Payments.Lib";
        File.WriteAllText(Path.Combine(lib, "Lib.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>{libNamespace}</RootNamespace>
                <TreatWarningsAsErrors>{(privateAssets is null ? "true" : "false")}</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="OneAuth.Analyzers" Version="$(OneAuthVersion)"{(privateAssets is null ? "" : $" PrivateAssets=\"{privateAssets}\"")} />
                {(internalsVisible ? "<InternalsVisibleTo Include=\"Web\" />" : "")}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(lib, "Scope.cs"), $"[assembly: OneAuth.AppScope(\"{libraryApp}\", Issuer = \"https://auth.example.com\")]\n");
        File.WriteAllText(Path.Combine(web, "Web.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>Orders.Web</RootNamespace>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="OneAuth.Analyzers" Version="$(OneAuthVersion)" />
                <ProjectReference Include="../Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(web, "Program.cs"), program);
        return web;
    }
}
