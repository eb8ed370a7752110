using System.Reflection;
using System.Runtime.Loader;
using System.Runtime.Versioning;
using Xunit;

namespace OneAuth.Testing.Tests;

/// <summary>
/// The package also ships a netstandard2.0 build. Loaded in its own context on this runtime, it mints tokens that the
/// strict verifier accepts, builds the whole catalogue and serves its JWKS: the code paths are the same, but this
/// proves that build links and runs.
/// </summary>
public class NetStandardBuildTests
{
    [Fact]
    public async Task The_netstandard2_0_build_mints_verifiable_tokens_builds_the_catalogue_and_serves_its_JWKS()
    {
        string path = typeof(NetStandardBuildTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NetStandardBuild").Value!;
        Assert.True(File.Exists(path), path);

        var context = new AssemblyLoadContext("oneauth-testing-netstandard", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromAssemblyPath(path);
            Assert.NotSame(typeof(TestIssuer).Assembly, assembly);
            Assert.Equal(".NETStandard,Version=v2.0", assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName);

            Type issuerType = assembly.GetType("OneAuth.Testing.TestIssuer", throwOnError: true)!;
            using var issuer = (IDisposable)Activator.CreateInstance(issuerType, "https://issuer.test", null)!;
            string jwks = (string)issuerType.GetProperty("Jwks")!.GetValue(issuer)!;
            string token = (string)issuerType.GetMethod("MintToken")!.Invoke(issuer, new object?[] { "billing", "billing-api", null })!;
            Assert.True(StrictIdentityModel.Validate(token, jwks, "https://issuer.test", "billing", "billing-api").Accepted);

            Type catalogueType = assembly.GetType("OneAuth.Testing.MisuseTokens", throwOnError: true)!;
            object catalogue = catalogueType.GetMethod("For")!.Invoke(null, new object?[] { issuer, "billing", "billing-api", null })!;
            using var reference = new TestIssuer();
            Assert.Equal(MisuseTokens.For(reference, "billing", "billing-api").Count, (int)catalogueType.GetProperty("Count")!.GetValue(catalogue)!);

            object server = issuerType.GetMethod("StartJwksServer")!.Invoke(issuer, null)!;
            var uri = (Uri)server.GetType().GetProperty("JwksUri")!.GetValue(server)!;
            using var http = new HttpClient();
            Assert.Equal(jwks, await http.GetStringAsync(uri));
        }
        finally
        {
            context.Unload();
        }
    }
}
