using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// Test projects build weak validation on purpose (to prove tokens are rejected); every configuration rule stays
/// quiet there unless <c>oneauth_analyze_test_projects = true</c> asks for them.
/// </summary>
public class TestProjectCorpusTests
{
    private const string IntegrationTestSetup = """
        using System;
        using System.Net.Http;
        using System.Text;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public static class TestAuth
        {
            public static void Relax(IServiceCollection services) => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                {|#0:o.Authority = "http://test-issuer.example"|};
                {|#1:o.RequireHttpsMetadata = false|};
                o.TokenValidationParameters = new()
                {
                    {|#2:ValidateAudience = false|},
                    {|#3:ValidateIssuer = false|},
                    {|#4:ValidateLifetime = false|},
                    {|#5:ValidateIssuerSigningKey = false|},
                    {|#6:RequireSignedTokens = false|},
                    {|#7:AudienceValidator = (a, t, p) => true|},
                    {|#8:SignatureValidator = (t, p) => new JsonWebToken(t)|},
                    ValidAlgorithms = [{|#9:"none"|}],
                    {|#10:ClockSkew = TimeSpan.FromDays(1)|},
                    IssuerSigningKey = {|#11:new SymmetricSecurityKey(Encoding.UTF8.GetBytes("test-signing-key-0123456789abcdef"))|},
                };
                o.BackchannelHttpHandler = new HttpClientHandler { {|#12:ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|} };
            });
        }
        """;

    [Fact]
    public Task Every_rule_is_quiet_in_a_test_project_by_default()
        => VerifyInTestProjectAsync(IntegrationTestSetup, globalConfig: string.Empty);

    [Fact]
    public Task Every_rule_reports_in_a_test_project_when_asked() => VerifyInTestProjectAsync(
        IntegrationTestSetup,
        "oneauth_analyze_test_projects = true\n",
        Warning("OA0010", 0), Warning("OA0010", 1), Warning("OA0001", 2), Warning("OA0002", 3), Warning("OA0003", 4),
        Warning("OA0004", 5), Warning("OA0005", 6), Warning("OA0006", 7), Warning("OA0007", 8), Warning("OA0008", 9),
        Warning("OA0009", 10), Warning("OA0011", 11), Warning("OA0010", 12));

    /// <summary>The same setup without markup: what a test-support library ships.</summary>
    private static string Unmarked => System.Text.RegularExpressions.Regex.Replace(IntegrationTestSetup, @"\{\|#\d+:(.*?)\|\}", "$1");

    [Theory]
    [InlineData("Moq")]
    [InlineData("NSubstitute")]
    [InlineData("FakeItEasy")]
    [InlineData("Shouldly")]
    [InlineData("FluentAssertions")]
    [InlineData("AutoFixture")]
    [InlineData("Bogus")]
    public Task Every_rule_is_quiet_in_test_support_built_on_a_mocking_assertion_or_data_library(string library)
        => VerifyInProjectAsync(Unmarked, "Contoso.Identity.Fakes", new[] { LibraryNamed(library) });

    [Theory]
    [InlineData("Contoso.Auth.Testing")]
    [InlineData("Contoso.Auth.TestSupport")]
    [InlineData("Contoso.Billing.Tests.Common")]
    [InlineData("Contoso.Billing.IntegrationTests")]
    public Task Every_rule_is_quiet_in_a_project_named_as_test_support(string assemblyName)
        => VerifyInProjectAsync(Unmarked, assemblyName, Array.Empty<MetadataReference>());

    [Theory]
    [InlineData("Contoso.Billing.Api")]
    [InlineData("Contoso.Testimonials")]
    [InlineData("Contoso.Latest")]
    public Task Every_rule_still_reports_in_a_service_whatever_its_name(string assemblyName) => VerifyInProjectAsync(
        IntegrationTestSetup,
        assemblyName,
        new[] { LibraryNamed("Polly") },
        Warning("OA0010", 0), Warning("OA0010", 1), Warning("OA0001", 2), Warning("OA0002", 3), Warning("OA0003", 4),
        Warning("OA0004", 5), Warning("OA0005", 6), Warning("OA0006", 7), Warning("OA0007", 8), Warning("OA0008", 9),
        Warning("OA0009", 10), Warning("OA0011", 11), Warning("OA0010", 12));

    /// <summary>A referenced assembly with the given name, standing in for the package of that name.</summary>
    private static MetadataReference LibraryNamed(string name)
    {
        CSharpCompilation library = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText($"namespace {name} {{ public static class Marker {{ }} }}") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning(string id, int location)
        => new Microsoft.CodeAnalysis.Testing.DiagnosticResult(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(location);
}
