using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.AppIdComparedWronglyAnalyzer,
    OneAuth.Analyzers.CodeFixes.AppIdComparedWronglyCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AppIdComparedWronglyTests
{
    private const string Usings = """
        using System;
        using System.Linq;
        using System.Security.Claims;
        using System.Text.RegularExpressions;
        using Microsoft.IdentityModel.JsonWebTokens;
        [assembly: OneAuth.AppScope("billing")]

        """;

    private static string WrongId(string value) => $"is compared with '{value}', which is not this assembly's app id 'billing'";

    [Fact]
    public Task Silent_on_a_correct_realistic_service() => V.AnalyzerAsync(OneAuth.Analyzers.Tests.Corpus.CorrectBillingService.Source);

    [Fact]
    public Task Reports_its_mistake_in_a_realistic_legacy_service() => V.AnalyzerAsync(
        OneAuth.Analyzers.Tests.Corpus.LegacyBillingService.Source,
        V.Diagnostic().WithLocation(3).WithArguments("is compared after ToUpperInvariant(); app ids must match ordinally, without case folding"),
        V.Diagnostic().WithLocation(4).WithArguments(WrongId("payments")));

    [Fact]
    public Task Reports_another_apps_id_for_every_way_of_reading_the_claim() => V.NoCodeFixAsync(
        Usings + """
        class C
        {
            const string AppIdClaim = "app_id";
            bool M(ClaimsPrincipal p, JsonWebToken jwt)
            {
                bool a = {|#0:p.FindFirst("app_id")?.Value == "payments"|};
                bool b = {|#1:p.FindFirst(AppIdClaim)!.Value != "payments"|};
                bool c = {|#2:p.Claims.First(x => x.Type == "app_id").Value == "payments"|};
                bool d = {|#3:jwt.GetClaim("app_id").Value == "admin"|};
                bool e = jwt.TryGetPayloadValue<string>("app_id", out var id) && {|#4:id == "payments"|};
                bool f = {|#5:"payments" == jwt.GetPayloadValue<string>(AppIdClaim)|};
                bool g = {|#6:p.FindFirst(x => x.Type == AppIdClaim)?.Value == "payments"|};
                bool h = jwt.TryGetClaim("app_id", out Claim claim) && {|#7:claim.Value == "payments"|};
                return a || b || c || d || e || f || g || h;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(1).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(2).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(3).WithArguments(WrongId("admin")),
        V.Diagnostic().WithLocation(4).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(5).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(6).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(7).WithArguments(WrongId("payments")));

    [Fact]
    public Task Reports_through_locals_patterns_switches_and_HasClaim() => V.NoCodeFixAsync(
        Usings + """
        static class Apps { public const string Payments = "payments"; }
        class C
        {
            int M(ClaimsPrincipal p)
            {
                var appId = p.FindFirst("app_id")?.Value ?? "";
                if ({|#0:appId == Apps.Payments|}) return 1;
                if (appId is {|#1:"admin"|} or "billing") return 2;
                if ({|#2:p.HasClaim("app_id", "payments")|}) return 3;
                if (p.HasClaim(c => c.Type == "app_id" && {|#3:c.Value == "payments"|})) return 4;
                switch (appId)
                {
                    {|#4:case "payments":|}
                        return 5;
                    case "billing":
                        return 6;
                }

                return appId switch { {|#5:"admin"|} => 7, _ => 8 };
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(1).WithArguments(WrongId("admin")),
        V.Diagnostic().WithLocation(2).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(3).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(4).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(5).WithArguments(WrongId("admin")));

    [Fact]
    public Task Reports_with_the_claim_name_constant_and_the_attribute_in_other_files()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<
            OneAuth.Analyzers.Rules.AppIdComparedWronglyAnalyzer,
            OneAuth.Analyzers.CodeFixes.AppIdComparedWronglyCodeFixProvider,
            Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        { ReferenceAssemblies = Refs.None };
        test.TestState.Sources.Add(("/0/AssemblyInfo.cs", "[assembly: OneAuth.AppScope(\"billing\")]"));
        test.TestState.Sources.Add(("/0/ClaimNames.cs", "static class ClaimNames { public const string AppId = \"app_id\"; }"));
        test.TestState.Sources.Add(("/0/Gate.cs", "class Gate { bool M(System.Security.Claims.ClaimsPrincipal p) => {|#0:p.FindFirst(ClaimNames.AppId)?.Value == \"payments\"|}; }"));
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth);
        test.ExpectedDiagnostics.Add(V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")));
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_with_constants_from_a_referenced_library() => V.AnalyzerAsync(
        "using Contoso.Shared;\n" + Usings + """
        class C
        {
            bool M(ClaimsPrincipal p)
            {
                string? app = p.FindFirst(ContosoClaims.AppId)?.Value;
                if ({|#0:app == Apps.Payments|}) return true;
                if ({|#1:p.HasClaim(ContosoClaims.AppId, Apps.Payments)|}) return true;
                return app == Apps.Billing;
            }
        }
        """,
        Refs.OneAuth.Add(Libraries.SharedClaims),
        V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(1).WithArguments(WrongId("payments")));

    [Fact]
    public Task Reports_with_claim_constants_of_library_classes_structs_and_interfaces() => V.AnalyzerAsync(
        "using Fabrikam.Identity;\n" + Usings + """
        class C
        {
            bool M(ClaimsPrincipal p)
            {
                if ({|#0:p.FindFirst(ClaimNames.AppId)?.Value == "payments"|}) return true;
                if ({|#1:p.HasClaim(TokenClaims.App, "reports")|}) return true;
                if ({|#2:p.FindFirstValue(IClaimTypes.ApplicationId) == "admin"|}) return true;
                if ({|#3:p.FindFirst(Outer.Inner.AppIdClaim)?.Value == "payments"|}) return true;
                return {|#4:p.FindFirst(InternalClaims.Shared)?.Value == "payments"|};
            }
        }
        """,
        Refs.OneAuth.Add(Libraries.InstanceTypeClaims),
        V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(1).WithArguments(WrongId("reports")),
        V.Diagnostic().WithLocation(2).WithArguments(WrongId("admin")),
        V.Diagnostic().WithLocation(3).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(4).WithArguments(WrongId("payments")));

    [Fact]
    public Task Silent_for_this_apps_id_and_for_a_library_constant_that_names_another_claim() => V.AnalyzerAsync(
        "using Fabrikam.Identity;\n" + Usings + """
        class C
        {
            bool M(ClaimsPrincipal p)
                => p.FindFirst(ClaimNames.AppId)?.Value == "billing"
                   && p.HasClaim(TokenClaims.App, "billing")
                   && p.FindFirst(Lookalikes.AppKey)?.Value == "payments";
        }
        """,
        Refs.OneAuth.Add(Libraries.InstanceTypeClaims));

    [Fact]
    public Task Reports_with_claim_constants_of_a_struct_and_an_interface_in_another_file()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<
            OneAuth.Analyzers.Rules.AppIdComparedWronglyAnalyzer,
            OneAuth.Analyzers.CodeFixes.AppIdComparedWronglyCodeFixProvider,
            Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        { ReferenceAssemblies = Refs.None };
        test.TestState.Sources.Add(("/0/AssemblyInfo.cs", "[assembly: OneAuth.AppScope(\"billing\")]"));
        test.TestState.Sources.Add(("/0/ClaimNames.cs", "struct TokenClaims { public const string App = \"app_id\"; }\ninterface IClaims { const string Application = TokenClaims.App; }"));
        test.TestState.Sources.Add(("/0/Gate.cs", "class Gate { bool M(System.Security.Claims.ClaimsPrincipal p) => {|#0:p.FindFirst(IClaims.Application)?.Value == \"payments\"|}; }"));
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth);
        test.ExpectedDiagnostics.Add(V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")));
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_policies_allow_lists_and_case_folded_locals() => V.AnalyzerAsync(
        "using System.Collections.Generic;\nusing Microsoft.AspNetCore.Authorization;\n" + Usings + """
        class C
        {
            void Policies(AuthorizationOptions o)
            {
                o.AddPolicy("app", b => b.RequireClaim("app_id", "billing", {|#0:"payments"|}));
                o.AddPolicy("admin", b => b.RequireClaim("app_id", new[] { {|#1:"admin"|} }));
                o.AddPolicy("ok", b => b.RequireClaim("app_id", "billing"));
            }

            bool Lists(ClaimsPrincipal p)
            {
                var app = p.FindFirstValue("app_id");
                if (new[] { "billing", {|#2:"payments"|} }.Contains(app)) return true;
                if (new HashSet<string> { {|#3:"reports"|} }.Contains(app)) return true;
                var folded = p.FindFirst("app_id")?.Value.ToLowerInvariant();
                if ({|#4:folded == "billing"|}) return true;
                return {|#5:string.Equals(p.FindFirstValue("app_id"), "billing", StringComparison.OrdinalIgnoreCase)|};
            }

            int Switch(ClaimsPrincipal p) => p.FindFirstValue("app_id") switch { "billing" => 1, {|#6:"payments"|} => 2, _ => 0 };
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(1).WithArguments(WrongId("admin")),
        V.Diagnostic().WithLocation(2).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(3).WithArguments(WrongId("reports")),
        V.Diagnostic().WithLocation(4).WithArguments("is compared after ToLowerInvariant(); app ids must match ordinally, without case folding"),
        V.Diagnostic().WithLocation(5).WithArguments("is compared case-insensitively (StringComparison.OrdinalIgnoreCase); app ids must match ordinally"),
        V.Diagnostic().WithLocation(6).WithArguments(WrongId("payments")));

    [Fact]
    public Task Reports_collection_expression_allow_lists_and_stays_quiet_for_this_apps_id_alone() => V.AnalyzerAsync(
        "using System.Collections.Generic;\n" + Usings + """
        class C
        {
            private static readonly string[] Allowed = ["billing", {|#0:"payments"|}];
            private static readonly string[] Mine = ["billing"];

            bool Lists(ClaimsPrincipal p)
            {
                var app = p.FindFirstValue("app_id");
                List<string> local = [{|#1:"reports"|}];
                return Allowed.Contains(app) || local.Contains(app) || Mine.Contains(app);
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(1).WithArguments(WrongId("reports")));

    [Fact]
    public Task Silent_for_this_apps_id_from_a_library_and_lists_of_other_claims() => V.AnalyzerAsync(
        "using Contoso.Shared;\nusing Microsoft.AspNetCore.Authorization;\n" + Usings + """
        class C
        {
            void Policies(AuthorizationOptions o) => o.AddPolicy("app", b => b.RequireClaim(ContosoClaims.AppId, Apps.Billing).RequireClaim("scope", "payments", "admin"));

            bool M(ClaimsPrincipal p)
                => p.FindFirst(ContosoClaims.AppId)?.Value == Apps.Billing
                   && new[] { "payments", "admin" }.Contains(p.FindFirstValue("scope"))
                   && string.Equals(p.FindFirstValue("app_id"), "billing", StringComparison.Ordinal);
        }
        """,
        Refs.OneAuth.Add(Libraries.SharedClaims));

    [Fact]
    public Task Reports_validation_result_claims_and_selected_claim_values() => V.AnalyzerAsync(
        "using System.Collections.Generic;\nusing System.Threading.Tasks;\nusing Microsoft.IdentityModel.Tokens;\n" + Usings + """
        class C
        {
            async Task<bool> M(JsonWebTokenHandler handler, string token, TokenValidationParameters p, ClaimsPrincipal user, Dictionary<string, string> query)
            {
                TokenValidationResult result = await handler.ValidateTokenAsync(token, p);
                if ({|#0:result.Claims["app_id"] as string == "payments"|}) return true;
                if (result.Claims.TryGetValue("app_id", out var app) && {|#1:(string)app == "reports"|}) return true;
                if ({|#2:user.Claims.Where(c => c.Type == "app_id").Select(c => c.Value).FirstOrDefault() == "admin"|}) return true;
                foreach (Claim claim in user.Claims)
                {
                    if (claim.Type == "app_id" && {|#3:claim.Value == "payments"|}) return true;
                    if (claim.Type == "scope" && claim.Value == "payments") return true;
                }

                return query["app_id"] == "payments";
            }
        }
        """,
        Refs.OneAuth,
        V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(1).WithArguments(WrongId("reports")),
        V.Diagnostic().WithLocation(2).WithArguments(WrongId("admin")),
        V.Diagnostic().WithLocation(3).WithArguments(WrongId("payments")));

    [Fact]
    public Task Makes_the_comparer_of_an_allow_list_ordinal() => V.CodeFixAsync(
        "using System.Collections.Generic;\n" + Usings + """
        class C
        {
            bool M(ClaimsPrincipal p, string[] allowed)
                => {|#0:allowed.Contains(p.FindFirstValue("app_id"), StringComparer.OrdinalIgnoreCase)|}
                   || {|#1:new HashSet<string>(StringComparer.InvariantCultureIgnoreCase) { "billing" }.Contains(p.FindFirstValue("app_id")!)|};
        }
        """,
        "using System.Collections.Generic;\n" + Usings + """
        class C
        {
            bool M(ClaimsPrincipal p, string[] allowed)
                => allowed.Contains(p.FindFirstValue("app_id"), StringComparer.Ordinal)
                   || new HashSet<string>(StringComparer.Ordinal) { "billing" }.Contains(p.FindFirstValue("app_id")!);
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("is compared case-insensitively (StringComparer.OrdinalIgnoreCase); app ids must match ordinally"),
        V.Diagnostic().WithLocation(1).WithArguments("is compared case-insensitively (StringComparer.InvariantCultureIgnoreCase); app ids must match ordinally"));

    [Fact]
    public Task Reports_FindFirstValue() => V.NoCodeFixAsync(
        Usings + """
        class C
        {
            bool M(ClaimsPrincipal p) => {|#0:p.FindFirstValue("app_id") == "payments"|};
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")));

    [Fact]
    public Task Makes_StringComparison_IgnoreCase_ordinal() => V.CodeFixAsync(
        Usings + """
        class C
        {
            bool A(ClaimsPrincipal p) => {|#0:string.Equals(p.FindFirst("app_id")?.Value, "billing", StringComparison.OrdinalIgnoreCase)|};
            bool B(JsonWebToken t) => {|#1:t.GetClaim("app_id").Value.Equals("billing", StringComparison.InvariantCultureIgnoreCase)|};
            bool C2(ClaimsPrincipal p) => {|#2:StringComparer.OrdinalIgnoreCase.Equals(p.FindFirstValue("app_id"), "billing")|};
            bool D(ClaimsPrincipal p) => {|#3:string.Equals(p.FindFirst("app_id")?.Value, "billing", StringComparison.CurrentCulture)|};
        }
        """,
        Usings + """
        class C
        {
            bool A(ClaimsPrincipal p) => string.Equals(p.FindFirst("app_id")?.Value, "billing", StringComparison.Ordinal);
            bool B(JsonWebToken t) => t.GetClaim("app_id").Value.Equals("billing", StringComparison.Ordinal);
            bool C2(ClaimsPrincipal p) => StringComparer.Ordinal.Equals(p.FindFirstValue("app_id"), "billing");
            bool D(ClaimsPrincipal p) => string.Equals(p.FindFirst("app_id")?.Value, "billing", StringComparison.Ordinal);
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("is compared case-insensitively (StringComparison.OrdinalIgnoreCase); app ids must match ordinally"),
        V.Diagnostic().WithLocation(1).WithArguments("is compared case-insensitively (StringComparison.InvariantCultureIgnoreCase); app ids must match ordinally"),
        V.Diagnostic().WithLocation(2).WithArguments("is compared case-insensitively (StringComparer.OrdinalIgnoreCase); app ids must match ordinally"),
        V.Diagnostic().WithLocation(3).WithArguments("is compared with culture rules (StringComparison.CurrentCulture); app ids must match ordinally"));

    [Fact]
    public Task Case_folding_and_partial_matches_have_no_fix() => V.NoCodeFixAsync(
        Usings + """
        class C
        {
            bool M(ClaimsPrincipal p, string allowed)
            {
                var appId = p.FindFirst("app_id")?.Value;
                return {|#0:appId?.ToLower() == "billing"|}
                    || {|#1:p.FindFirstValue("app_id")!.ToUpperInvariant().Equals("BILLING")|}
                    || {|#2:appId!.StartsWith("bill")|}
                    || {|#3:"billing,reports".Contains(appId!)|}
                    || {|#4:Regex.IsMatch(appId!, "^bill")|}
                    || {|#5:string.Compare(appId, "billing", true)|} == 0;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("is compared after ToLower(); app ids must match ordinally, without case folding"),
        V.Diagnostic().WithLocation(1).WithArguments("is compared after ToUpperInvariant(); app ids must match ordinally, without case folding"),
        V.Diagnostic().WithLocation(2).WithArguments("is matched with StartsWith, which also accepts other app ids; compare the whole value ordinally"),
        V.Diagnostic().WithLocation(3).WithArguments("is matched with Contains, which also accepts other app ids; compare the whole value ordinally"),
        V.Diagnostic().WithLocation(4).WithArguments("is matched with Regex.IsMatch, which also accepts other app ids; compare the whole value ordinally"),
        V.Diagnostic().WithLocation(5).WithArguments("is compared with ignoreCase: true; app ids must match ordinally"));

    [Fact]
    public Task Reports_JwtPayload_indexer_culture_comparer_and_plain_string_Compare() => V.NoCodeFixAsync(
        Usings + """
        class C
        {
            bool M(System.IdentityModel.Tokens.Jwt.JwtSecurityToken t, ClaimsPrincipal p)
                => {|#0:(string)t.Payload["app_id"] == "payments"|}
                || {|#1:string.Compare(p.FindFirstValue("app_id"), "billing")|} == 0;
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments(WrongId("payments")),
        V.Diagnostic().WithLocation(1).WithArguments("is compared with string.Compare, which uses the current culture's rules; app ids must match ordinally"));

    [Fact]
    public Task Makes_a_culture_StringComparer_ordinal() => V.CodeFixAsync(
        Usings + """
        class C
        {
            bool M(ClaimsPrincipal p) => {|#0:StringComparer.InvariantCulture.Equals("billing", p.FindFirstValue("app_id"))|};
        }
        """,
        Usings + """
        class C
        {
            bool M(ClaimsPrincipal p) => StringComparer.Ordinal.Equals("billing", p.FindFirstValue("app_id"));
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("is compared with culture rules (StringComparer.InvariantCulture); app ids must match ordinally"));

    [Fact]
    public Task Silent_for_ordinal_comparisons_with_this_apps_id() => V.AnalyzerAsync(
        "using System.Collections.Generic;\n" + Usings + """
        class C
        {
            static readonly HashSet<string> Allowed = new(StringComparer.Ordinal) { "billing" };
            bool M(ClaimsPrincipal p, JsonWebToken t, string configured)
            {
                var appId = p.FindFirst("app_id")?.Value;
                return appId == "billing"
                    && string.Equals(appId, "billing", StringComparison.Ordinal)
                    && StringComparer.Ordinal.Equals(appId, "billing")
                    && appId != null
                    && appId != ""
                    && appId == configured
                    && Allowed.Contains(appId)
                    && new List<string> { "billing" }.Contains(appId)
                    && p.HasClaim("app_id", "billing")
                    && t.GetClaim("app_id").Value.Equals("billing")
                    && appId is "billing";
            }
        }
        """);

    [Fact]
    public Task Silent_for_other_claims_and_reassigned_locals() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            bool M(ClaimsPrincipal p, string other)
            {
                var sub = p.FindFirst("sub")?.Value;
                var appId = p.FindFirst("app_id")?.Value;
                appId = other;
                return sub == "payments"
                    || p.FindFirst("tenant")!.Value.StartsWith("pay")
                    || string.Equals(p.FindFirstValue("role"), "ADMIN", StringComparison.OrdinalIgnoreCase)
                    || p.Claims.First(c => c.Type == "scope").Value == "payments"
                    || appId == "payments"
                    || p.HasClaim(c => c.Type == "scope" && c.Value == "payments");
            }
        }
        """);

    [Fact]
    public Task Without_AppScope_only_the_comparison_style_is_judged() => V.AnalyzerAsync(
        """
        using System;
        using System.Security.Claims;
        class C
        {
            bool M(ClaimsPrincipal p) => p.FindFirst("app_id")?.Value == "payments"
                || {|#0:string.Equals(p.FindFirstValue("app_id"), "payments", StringComparison.OrdinalIgnoreCase)|};
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("is compared case-insensitively (StringComparison.OrdinalIgnoreCase); app ids must match ordinally"));

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        using System;
        using System.Security.Claims;
        class C
        {
            bool M(ClaimsPrincipal p) => string.Equals(p.FindFirst("app_id")?.Value, "billing", StringComparison.OrdinalIgnoreCase);
        }
        """,
        Refs.Framework);

    [Fact]
    public Task Silent_in_test_projects_by_default() => V.AnalyzerAsync(
        """
        using System;
        using System.Security.Claims;
        class C
        {
            bool M(ClaimsPrincipal p) => string.Equals(p.FindFirst("app_id")?.Value, "billing", StringComparison.OrdinalIgnoreCase);
        }
        """,
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)));

    [Fact]
    public Task Fix_all_makes_every_comparison_ordinal() => V.CodeFixAsync(
        Usings + """
        class C
        {
            bool A(ClaimsPrincipal p) => {|#0:string.Equals(p.FindFirst("app_id")?.Value, "billing", StringComparison.OrdinalIgnoreCase)|}
                && {|#1:p.FindFirstValue("app_id")!.Equals("billing", StringComparison.CurrentCultureIgnoreCase)|};
        }
        """,
        Usings + """
        class C
        {
            bool A(ClaimsPrincipal p) => string.Equals(p.FindFirst("app_id")?.Value, "billing", StringComparison.Ordinal)
                && p.FindFirstValue("app_id")!.Equals("billing", StringComparison.Ordinal);
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("is compared case-insensitively (StringComparison.OrdinalIgnoreCase); app ids must match ordinally"),
        V.Diagnostic().WithLocation(1).WithArguments("is compared case-insensitively (StringComparison.CurrentCultureIgnoreCase); app ids must match ordinally"));

    [Fact]
    public Task A_case_insensitive_comparison_with_another_apps_id_names_both_problems() => V.AnalyzerAsync(
        "using System.Collections.Generic;\n" + Usings + """
        class C
        {
            bool Equals(ClaimsPrincipal p) => {|#0:string.Equals(p.FindFirstValue("app_id"), "payments", StringComparison.OrdinalIgnoreCase)|};
            bool Comparer(ClaimsPrincipal p) => {|#1:StringComparer.OrdinalIgnoreCase.Equals("reports", p.FindFirstValue("app_id"))|};
            bool OtherCase(ClaimsPrincipal p) => {|#2:string.Equals(p.FindFirstValue("app_id"), "Billing", StringComparison.OrdinalIgnoreCase)|};
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("is compared case-insensitively (StringComparison.OrdinalIgnoreCase), and with 'payments', which is not this assembly's app id 'billing'; app ids must match ordinally"),
        V.Diagnostic().WithLocation(1).WithArguments("is compared case-insensitively (StringComparer.OrdinalIgnoreCase), and with 'reports', which is not this assembly's app id 'billing'; app ids must match ordinally"),
        V.Diagnostic().WithLocation(2).WithArguments("is compared case-insensitively (StringComparison.OrdinalIgnoreCase); app ids must match ordinally"));
}
