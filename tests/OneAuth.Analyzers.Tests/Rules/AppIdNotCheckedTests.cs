using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Rules;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.AppIdNotCheckedAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AppIdNotCheckedTests
{
    private const string Scoped = " with 'billing' (the generated AppTokenValidator does)";
    private const string Unscoped = " with an expected app id (it is read, never compared)";

    private const string AssemblyInfo = """
        [assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com")]
        """;

    /// <summary>
    /// One-file tests: assembly attributes written anywhere in <paramref name="source"/> are moved after its using
    /// directives, where C# requires them.
    /// </summary>
    private static Task AnalyzeAsync(string source, params DiagnosticResult[] expected)
        => V.AnalyzerAsync(Arrange(source), expected);

    private static Task AnalyzeAsync(string source, System.Collections.Immutable.ImmutableArray<MetadataReference> references, params DiagnosticResult[] expected)
        => V.AnalyzerAsync(Arrange(source), references, expected);

    private static string Arrange(string source) => TestSources.AssemblyAttributesAfterUsings(source);

    /// <summary>Runs the analyzer over several files, as in a real project.</summary>
    private static Task FilesAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<AppIdNotCheckedAnalyzer, DefaultVerifier> { ReferenceAssemblies = Refs.None };
        for (int i = 0; i < sources.Length; i++)
            test.TestState.Sources.Add(($"/0/File{i}.cs", sources[i]));
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string JsonWebTokenValidation = """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class TokenCheck
        {
            private readonly JsonWebTokenHandler _handler = new();
            public async Task<bool> IsValid(string token, TokenValidationParameters parameters)
            {
                TokenValidationResult result = await _handler.{|#0:ValidateTokenAsync|}(token, parameters);
                return result.IsValid;
            }
        }
        """;

    [Fact]
    public Task Silent_on_a_correct_realistic_service() => V.AnalyzerAsync(OneAuth.Analyzers.Tests.Corpus.CorrectBillingService.Source);

    [Fact]
    public Task Reports_its_mistake_in_a_realistic_legacy_service() => V.AnalyzerAsync(
        OneAuth.Analyzers.Tests.Corpus.LegacyBillingService.Source,
        V.Diagnostic().WithLocation(0).WithArguments("AddJwtBearer", Scoped));

    [Fact]
    public Task Reports_JsonWebTokenHandler_validation_in_an_AppScope_assembly() => AnalyzeAsync(
        JsonWebTokenValidation + "\n" + AssemblyInfo,
        V.Diagnostic().WithLocation(0).WithArguments("JsonWebTokenHandler.ValidateTokenAsync", Scoped));

    [Fact]
    public Task Reports_JwtSecurityTokenHandler_and_AddJwtBearer() => AnalyzeAsync(
        """

        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            ClaimsPrincipal Validate(string token, TokenValidationParameters p)
                => new JwtSecurityTokenHandler().{|#0:ValidateToken|}(token, p, out _);

            void Configure(IServiceCollection services)
                => services.AddAuthentication("Bearer").{|#1:AddJwtBearer|}(o => o.Authority = "https://auth.example.com");
        }
        """ + "\n" + AssemblyInfo,
        V.Diagnostic().WithLocation(0).WithArguments("JwtSecurityTokenHandler.ValidateToken", Scoped),
        V.Diagnostic().WithLocation(1).WithArguments("AddJwtBearer", Scoped));

    [Fact]
    public Task Reports_across_files_with_the_attribute_in_AssemblyInfo() => FilesAsync(
        new[] { AssemblyInfo, JsonWebTokenValidation, "class Other { }" },
        V.Diagnostic().WithLocation(0).WithArguments("JsonWebTokenHandler.ValidateTokenAsync", Scoped));

    [Fact]
    public Task Silent_when_an_OnTokenValidated_handler_in_another_file_checks_app_id() => FilesAsync(
        new[]
        {
            AssemblyInfo,
            """
            using Microsoft.Extensions.DependencyInjection;
            static class Setup
            {
                public static void Add(IServiceCollection services)
                    => services.AddAuthentication("Bearer").AddJwtBearer(o => o.Events = Events.Create());
            }
            """,
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            static class Events
            {
                public static JwtBearerEvents Create() => new()
                {
                    OnTokenValidated = context =>
                    {
                        if (context.Principal?.FindFirst("app_id")?.Value != "billing")
                            context.Fail("token minted for another app");
                        return Task.CompletedTask;
                    },
                };
            }
            """,
        });

    [Fact]
    public Task Silent_when_the_check_names_the_claim_with_a_constant_of_a_referenced_library()
    {
        var test = new CSharpAnalyzerTest<AppIdNotCheckedAnalyzer, DefaultVerifier> { ReferenceAssemblies = Refs.None };
        test.TestState.Sources.Add(("/0/AssemblyInfo.cs", AssemblyInfo));
        test.TestState.Sources.Add(("/0/Setup.cs", """
            using Microsoft.Extensions.DependencyInjection;
            static class Setup
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication("Bearer").AddJwtBearer();
            }
            """));
        test.TestState.Sources.Add(("/0/Gate.cs", """
            using Contoso.Shared;
            static class Gate
            {
                public static bool Allowed(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst(ContosoClaims.AppId)?.Value == Apps.Billing;
            }
            """));
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth.Add(Libraries.SharedClaims));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("ClaimNames.AppId")]
    [InlineData("TokenClaims.App")]
    [InlineData("IClaimTypes.ApplicationId")]
    [InlineData("Outer.Inner.AppIdClaim")]
    [InlineData("InternalClaims.Shared")]
    public Task Silent_when_the_check_names_the_claim_with_a_library_constant_of_any_type(string claim)
        => GateAsync($"user.FindFirst({claim})?.Value == \"billing\"", Libraries.InstanceTypeClaims);

    [Theory]
    [InlineData("user.FindFirst(TokenClaims.App)?.Value == \"payments\"")]
    [InlineData("user.FindFirst(Lookalikes.AppKey)?.Value == \"billing\"")]
    public Task Reports_when_a_library_constant_of_a_struct_compares_with_another_app_or_names_another_claim(string check)
        => GateAsync(check, Libraries.InstanceTypeClaims, V.Diagnostic().WithLocation(0).WithArguments("AddJwtBearer", Scoped));

    [Fact]
    public Task Silent_when_the_check_names_the_claim_with_a_constant_of_a_project_referenced_as_source()
    {
        var test = new CSharpAnalyzerTest<AppIdNotCheckedAnalyzer, DefaultVerifier> { ReferenceAssemblies = Refs.None };
        test.TestState.Sources.Add(("/0/AssemblyInfo.cs", AssemblyInfo));
        test.TestState.Sources.Add(("/0/Gate.cs", GateSource("using Northwind.Auth;", "user.FindFirst(Claims.App)?.Value == \"billing\"")));
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth);
        test.TestState.AdditionalProjects["Northwind"].Sources.Add(("/Northwind/Claims.cs", """
            namespace Northwind.Auth;
            public readonly struct Claims { public const string App = "app_id"; }
            """));
        test.TestState.AdditionalProjects["Northwind"].AdditionalReferences.AddRange(Refs.Framework);
        test.TestState.AdditionalProjectReferences.Add("Northwind");
        return test.RunAsync();
    }

    private static string GateSource(string usings, string check) => usings + """

        using Microsoft.Extensions.DependencyInjection;
        static class Gate
        {
            public static void Add(IServiceCollection services) => services.AddAuthentication("Bearer").{|#0:AddJwtBearer|}();
            public static bool Allowed(System.Security.Claims.ClaimsPrincipal user) => CHECK;
        }
        """.Replace("CHECK", check, StringComparison.Ordinal);

    private static Task GateAsync(string check, MetadataReference library, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<AppIdNotCheckedAnalyzer, DefaultVerifier> { ReferenceAssemblies = Refs.None };
        test.TestState.Sources.Add(("/0/AssemblyInfo.cs", AssemblyInfo));
        test.TestState.Sources.Add(("/0/Gate.cs", GateSource("using Fabrikam.Identity;", check)));
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth.Add(library));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_when_the_only_use_of_a_library_constant_compares_with_another_app()
    {
        var test = new CSharpAnalyzerTest<AppIdNotCheckedAnalyzer, DefaultVerifier> { ReferenceAssemblies = Refs.None };
        test.TestState.Sources.Add(("/0/AssemblyInfo.cs", AssemblyInfo));
        test.TestState.Sources.Add(("/0/Setup.cs", """
            using Microsoft.Extensions.DependencyInjection;
            static class Setup
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication("Bearer").{|#0:AddJwtBearer|}();
            }
            """));
        test.TestState.Sources.Add(("/0/Gate.cs", """
            using Contoso.Shared;
            static class Gate
            {
                public static bool Allowed(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst(ContosoClaims.AppId)?.Value == Apps.Payments;
            }
            """));
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth.Add(Libraries.SharedClaims));
        test.ExpectedDiagnostics.Add(V.Diagnostic().WithLocation(0).WithArguments("AddJwtBearer", Scoped));
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_validation_through_the_TokenHandler_base_type_and_the_validator_interface() => AnalyzeAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.Tokens;
        [assembly: OneAuth.AppScope("billing")]
        class TokenCheck
        {
            public async Task<bool> Modern(TokenHandler handler, string token, TokenValidationParameters parameters)
                => (await handler.{|#0:ValidateTokenAsync|}(token, parameters)).IsValid;

        #pragma warning disable CS0618 // the legacy validator interface is what this code uses
            public bool Legacy(ISecurityTokenValidator validator, string token, TokenValidationParameters parameters)
                => validator.{|#1:ValidateToken|}(token, parameters, out _) is not null;
        #pragma warning restore CS0618
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("TokenHandler.ValidateTokenAsync", Scoped),
        V.Diagnostic().WithLocation(1).WithArguments("ISecurityTokenValidator.ValidateToken", Scoped));

    [Fact]
    public Task Silent_when_the_validation_result_claims_are_checked() => AnalyzeAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        [assembly: OneAuth.AppScope("billing")]
        class TokenCheck
        {
            private readonly JsonWebTokenHandler _handler = new();
            public async Task<bool> IsValid(string token, TokenValidationParameters parameters)
            {
                var result = await _handler.ValidateTokenAsync(token, parameters);
                return result.IsValid && result.Claims.TryGetValue("app_id", out var app) && (string)app == "billing";
            }
        }
        """);

    [Theory]
    [InlineData("""principal.HasClaim("app_id", "billing")""")]
    [InlineData("""string.Equals(principal.FindFirstValue("app_id"), "billing", System.StringComparison.Ordinal)""")]
    [InlineData("""principal.FindFirst("app_id")?.Value is "billing" """)]
    [InlineData("""principal.FindFirst("app_id")?.Value == expected""")]
    [InlineData("""Helpers.IsMine(principal.FindFirst("app_id")?.Value)""")]
    [InlineData("""principal.Claims.Any(c => c.Type == "app_id" && c.Value == "billing")""")]
    public Task Silent_when_any_code_compares_app_id_with_the_expected_value(string check) => AnalyzeAsync(
        "using System.Linq;\nusing System.Security.Claims;\n"
        + JsonWebTokenValidation.Replace("{|#0:ValidateTokenAsync|}", "ValidateTokenAsync", StringComparison.Ordinal)
        + $$"""

        static class Helpers { public static bool IsMine(string? id) => id == "billing"; }
        class Gate
        {
            bool Allowed(ClaimsPrincipal principal, string expected)
                => {{check}};
        }
        """
        + "\n" + AssemblyInfo);

    [Fact]
    public Task Silent_with_an_authorization_policy_that_requires_the_app_id() => AnalyzeAsync(
        """

        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void Configure(IServiceCollection services)
            {
                services.AddAuthentication("Bearer").AddJwtBearer();
                services.AddAuthorization(o => o.AddPolicy("mine", p => p.RequireClaim("app_id", "billing")));
            }
        }
        """ + "\n" + AssemblyInfo);

    [Fact]
    public Task Reports_when_the_only_comparisons_are_with_other_apps_or_presence() => AnalyzeAsync(
        """

        using System.Security.Claims;
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void Configure(IServiceCollection services)
            {
                services.AddAuthentication("Bearer").{|#0:AddJwtBearer|}();
                services.AddAuthorization(o => o.AddPolicy("has-app", p => p.RequireClaim("app_id")));
            }

            bool IsAdminApp(ClaimsPrincipal p) => p.FindFirst("app_id")?.Value == "admin";
            bool HasApp(ClaimsPrincipal p) => p.FindFirst("app_id")?.Value != null && !string.IsNullOrEmpty(p.FindFirstValue("app_id"));
        }
        """ + "\n" + AssemblyInfo,
        V.Diagnostic().WithLocation(0).WithArguments("AddJwtBearer", Scoped));

    [Fact]
    public Task Without_AppScope_reports_when_app_id_is_read_but_never_compared() => AnalyzeAsync(
        """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void Validate(string token, TokenValidationParameters p)
            {
                var principal = new JwtSecurityTokenHandler().{|#0:ValidateToken|}(token, p, out _);
                Console.WriteLine("app " + principal.FindFirst("app_id")?.Value);
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("JwtSecurityTokenHandler.ValidateToken", Unscoped));

    [Fact]
    public Task Without_AppScope_silent_when_app_id_is_never_mentioned_or_is_compared() => AnalyzeAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void Validate(string token, TokenValidationParameters p)
                => new JwtSecurityTokenHandler().ValidateToken(token, p, out _);
        }
        class D
        {
            bool Check(System.Security.Claims.ClaimsPrincipal p) => p.FindFirst("sub")?.Value == "x";
        }
        """);

    [Fact]
    public Task Silent_for_an_invalid_AppScope_which_OA1001_reports() => AnalyzeAsync(
        JsonWebTokenValidation.Replace("{|#0:ValidateTokenAsync|}", "ValidateTokenAsync", StringComparison.Ordinal)
        + "\n[assembly: OneAuth.AppScope(\"Billing\")]");

    [Fact]
    public Task Silent_for_a_ValidateToken_method_of_another_type() => AnalyzeAsync(
        AssemblyInfo + "\n" + """
        class MyHandler { public bool ValidateToken(string token) => token.Length > 0; public bool ValidateTokenAsync(string t) => true; }
        class C { bool M(string t) => new MyHandler().ValidateToken(t) && new MyHandler().ValidateTokenAsync(t); }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => AnalyzeAsync(
        """
        class JsonWebTokenHandler { public bool ValidateTokenAsync(string t) => true; }
        class C { bool M(string t) => new JsonWebTokenHandler().ValidateTokenAsync(t); }
        """,
        Refs.Framework);

    [Fact]
    public Task Silent_in_test_projects_by_default() => AnalyzeAsync(
        JsonWebTokenValidation.Replace("{|#0:ValidateTokenAsync|}", "ValidateTokenAsync", StringComparison.Ordinal) + "\n" + AssemblyInfo,
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)));

    [Fact]
    public Task A_whole_service_whose_only_problem_is_the_missing_app_id_check() => FilesAsync(
        new[]
        {
            // Properties/AssemblyInfo.cs
            """
            [assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com", Audience = "billing-api")]
            """,
            // Program.cs
            """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            namespace Billing;

            public static class Program
            {
                public static WebApplication Build(string[] args)
                {
                    WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddAuthentication("Bearer").{|#0:AddJwtBearer|}("Bearer", o =>
                    {
                        o.Authority = "https://auth.example.com";
                        o.RequireHttpsMetadata = true;
                        o.MapInboundClaims = false;
                        o.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidIssuer = "https://auth.example.com",
                            ValidAudience = "billing-api",
                            ValidateIssuer = true,
                            ValidateAudience = true,
                            ValidateLifetime = true,
                            ValidateIssuerSigningKey = true,
                            RequireSignedTokens = true,
                            RequireExpirationTime = true,
                            ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                            ClockSkew = TimeSpan.FromSeconds(30),
                        };
                        o.Events = BillingEvents.Create();
                    });
                    builder.Services.AddAuthorization(a => a.AddPolicy("invoices:read", p => p.RequireClaim("scope", "invoices:read")));

                    WebApplication app = builder.Build();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    InvoiceEndpoints.Map(app);
                    return app;
                }
            }
            """,
            // BillingEvents.cs
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.Logging;

            namespace Billing;

            static class BillingEvents
            {
                public static JwtBearerEvents Create() => new()
                {
                    OnTokenValidated = context =>
                    {
                        ILogger logger = context.HttpContext.RequestServices.GetService(typeof(ILogger<JwtBearerEvents>)) as ILogger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
                        logger.LogInformation("token for {Subject} from app {App}", context.Principal?.FindFirst("sub")?.Value, context.Principal?.FindFirst("app_id")?.Value);
                        return Task.CompletedTask;
                    },
                    OnAuthenticationFailed = context =>
                    {
                        context.NoResult();
                        return Task.CompletedTask;
                    },
                };
            }
            """,
            // InvoiceEndpoints.cs
            """
            using System.Security.Claims;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            namespace Billing;

            static class InvoiceEndpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/invoices", (ClaimsPrincipal user) => Results.Ok(new { owner = user.FindFirst("sub")?.Value }))
                        .RequireAuthorization("invoices:read");
                }
            }
            """,
        },
        V.Diagnostic().WithLocation(0).WithArguments("AddJwtBearer", Scoped));
}
