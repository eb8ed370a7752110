using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OneAuth.Analyzers.Generator;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.ForeignAppValidatorUsedAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

/// <summary>
/// A project of one app references a library of another app: the library's validator is the real generator output,
/// compiled into a real assembly.
/// </summary>
public class ForeignAppValidatorUsedTests
{
    private static readonly Lazy<MetadataReference> Payments = new(() => Library("payments", "Payments.Client"));
    private static readonly Lazy<MetadataReference> SharedOrders = new(() => Library("orders", "Orders.Auth"));
    private static readonly Lazy<MetadataReference> PaymentsFriend = new(() => Library("payments", "Payments.Friend", internalsVisibleTo: "TestProject"));

    private static ImmutableArray<MetadataReference> WithPayments => Refs.OneAuth.Add(Payments.Value);

    [Fact]
    public Task Reports_the_other_apps_validator_created_through_a_using_directive() => V.AnalyzerAsync(
        """
        using Payments.Client;
        [assembly: OneAuth.AppScope("orders", Issuer = "https://auth.example.com")]
        class Endpoint
        {
            async System.Threading.Tasks.Task<bool> Accepts(string token)
            {
                var validator = {|#0:new AppTokenValidator()|};
                return (await {|#1:validator.ValidateAsync(token)|}).IsValid;
            }
        }
        """,
        WithPayments,
        Expected(0),
        Expected(1));

    [Fact]
    public Task Reports_the_other_apps_validator_resolved_from_dependency_injection() => V.AnalyzerAsync(
        """
        using Microsoft.Extensions.DependencyInjection;
        [assembly: OneAuth.AppScope("orders", Issuer = "https://auth.example.com")]
        class Startup
        {
            static object Resolve(System.IServiceProvider services)
                => {|#0:services.GetRequiredService<Payments.Client.AppTokenValidator>()|};
            static void Register(IServiceCollection services)
                => services.AddSingleton({|#1:typeof(Payments.Client.AppTokenValidator)|});
        }
        """,
        WithPayments,
        Expected(0),
        Expected(1));

    [Fact]
    public Task Reports_calls_on_an_injected_validator_of_the_other_app() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("orders", Issuer = "https://auth.example.com")]
        class Handler(Payments.Client.AppTokenValidator validator)
        {
            System.Threading.Tasks.ValueTask<OneAuth.AppTokenValidationResult> Check(string token) => {|#0:validator.ValidateAsync(token)|};
        }
        """,
        WithPayments,
        Expected(0));

    [Fact]
    public Task Names_this_projects_own_validator_in_its_root_namespace() => V.AnalyzerWithConfigAsync(
        """
        [assembly: OneAuth.AppScope("orders", Issuer = "https://auth.example.com")]
        class Endpoint { object Make() => {|#0:new Payments.Client.AppTokenValidator()|}; }
        """,
        "build_property.RootNamespace = Orders.Web\n",
        WithPayments,
        V.Diagnostic().WithLocation(0).WithArguments("Payments.Client.AppTokenValidator", "payments", "orders", "Orders.Web.AppTokenValidator"));

    [Fact]
    public Task Names_this_projects_own_validator_in_AppScopes_namespace() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("orders", Issuer = "https://auth.example.com", Namespace = "Orders.Security")]
        class Endpoint { object Make() => {|#0:new Payments.Client.AppTokenValidator()|}; }
        """,
        WithPayments,
        V.Diagnostic().WithLocation(0).WithArguments("Payments.Client.AppTokenValidator", "payments", "orders", "Orders.Security.AppTokenValidator"));

    [Fact]
    public Task Silent_for_a_library_that_declares_the_same_app_id() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("orders", Issuer = "https://auth.example.com")]
        class Endpoint
        {
            System.Threading.Tasks.ValueTask<OneAuth.AppTokenValidationResult> Check(string token) => new Orders.Auth.AppTokenValidator().ValidateAsync(token);
        }
        """,
        Refs.OneAuth.Add(SharedOrders.Value));

    [Fact]
    public Task Silent_in_a_project_without_its_own_AppScope() => V.AnalyzerAsync(
        """
        class Host
        {
            System.Threading.Tasks.ValueTask<OneAuth.AppTokenValidationResult> Check(string token) => new Payments.Client.AppTokenValidator().ValidateAsync(token);
        }
        """,
        WithPayments);

    [Fact]
    public Task Silent_for_reading_the_other_apps_constants() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("orders", Issuer = "https://auth.example.com")]
        class Links
        {
            const string PaymentsAudience = Payments.Client.AppTokenValidator.Audience;
        }
        """,
        WithPayments);

    [Fact]
    public Task Silent_for_a_hand_written_type_of_the_same_name() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("orders", Issuer = "https://auth.example.com")]
        namespace Legacy { public sealed class AppTokenValidator { public const string AppId = "payments"; public bool Validate(string t) => t.Length > 0; } }
        class Endpoint { bool Check(string token) => new Legacy.AppTokenValidator().Validate(token); }
        """);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location)
        => V.Diagnostic().WithLocation(location).WithArguments("Payments.Client.AppTokenValidator", "payments", "orders", "global::AppTokenValidator");

    [Fact]
    public Task Reports_the_other_apps_generated_registration_reached_through_InternalsVisibleTo() => V.AnalyzerAsync(
        """
        using Microsoft.Extensions.DependencyInjection;
        [assembly: OneAuth.AppScope("orders", Issuer = "https://auth.example.com")]
        class Startup
        {
            static void Register(IServiceCollection services)
            {
                {|#0:services.AddAppTokenValidator()|};
                {|#1:services.AddAuthentication().AddAppToken()|};
            }
        }
        """,
        Refs.OneAuth.Add(PaymentsFriend.Value),
        V.Diagnostic().WithLocation(0).WithArguments("AddAppTokenValidator() of Library.Payments.Friend", "payments", "orders", "global::AppTokenValidator"),
        V.Diagnostic().WithLocation(1).WithArguments("AddAppToken() of Library.Payments.Friend", "payments", "orders", "global::AppTokenValidator"));

    /// <summary>A library assembly of <paramref name="appId"/>, built with the generator's real output.</summary>
    private static MetadataReference Library(string appId, string ns, string? internalsVisibleTo = null)
    {
        string friends = internalsVisibleTo is null ? "" : $"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{internalsVisibleTo}\")]\n";
        CSharpCompilation library = CSharpCompilation.Create(
            "Library." + ns,
            [CSharpSyntaxTree.ParseText(friends + $"[assembly: OneAuth.AppScope(\"{appId}\", Issuer = \"https://auth.example.com\", Namespace = \"{ns}\")]")],
            Refs.OneAuth,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new AppTokenValidatorGenerator())
            .RunGeneratorsAndUpdateCompilation(library, out Compilation output, out ImmutableArray<Diagnostic> _);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
