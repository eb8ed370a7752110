using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.UnverifiedTokenTrustedAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class UnverifiedTokenTrustedTests
{
    private const string Usings = """
        using System;
        using System.Linq;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Http;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        """;

    [Fact]
    public Task Silent_on_a_correct_realistic_service() => V.AnalyzerAsync(OneAuth.Analyzers.Tests.Corpus.CorrectBillingService.Source);

    [Fact]
    public Task Reports_its_mistake_in_a_realistic_legacy_service() => V.AnalyzerAsync(
        OneAuth.Analyzers.Tests.Corpus.LegacyBillingService.Source,
        V.Diagnostic().WithLocation(2).WithArguments("Decode() (ReadJwtToken)", "the returned value"));

    [Fact]
    public Task Reports_claims_in_conditions() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            int M(string token)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                if ({|#0:jwt.Claims.Any(c => c.Type == "role" && c.Value == "admin")|}) return 1;
                var web = new JsonWebTokenHandler().ReadJsonWebToken(token);
                int a = {|#1:web.GetClaim("scope").Value == "invoices:write"|} ? 2 : 3;
                var read = new JsonWebTokenHandler().ReadToken(token) as JwtSecurityToken;
                switch ({|#2:read!.Payload["tier"]|}) { case "gold": return 4; }
                while ({|#3:jwt.Subject != null && jwt.Subject.StartsWith("svc-")|}) { return 5; }
                var tier = {|#4:jwt.Issuer|} switch { "https://a" => 6, _ => 7 };
                return a + tier;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ReadJwtToken", "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments("ReadJsonWebToken", "this condition"),
        V.Diagnostic().WithLocation(2).WithArguments("ReadToken", "this condition"),
        V.Diagnostic().WithLocation(3).WithArguments("ReadJwtToken", "this condition"),
        V.Diagnostic().WithLocation(4).WithArguments("ReadJwtToken", "this condition"));

    [Fact]
    public Task Reports_through_locals_and_out_values_of_token_constructors() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            bool M(string token)
            {
                var jwt = new JsonWebToken(token);
                if ({|#0:jwt.TryGetPayloadValue<string>("role", out var role) && role == "admin"|}) return true;
                if (jwt.TryGetPayloadValue<string>("name", out var name)) Console.WriteLine(name);
                var legacy = new JwtSecurityToken(token);
                var roles = legacy.Claims.Where(c => c.Type == "role").Select(c => c.Value).ToList();
                bool isAdmin = roles.Contains("admin");
                if ({|#1:isAdmin|}) return true;
                return false;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("new JsonWebToken(...)", "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments("new JwtSecurityToken(string)", "this condition"));

    [Fact]
    public Task Reports_returned_decisions_and_principals() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            bool IsAdmin(string token) => {|#0:new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.Any(c => c.Value == "admin")|};

            ClaimsPrincipal Principal(string token)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                return new ClaimsPrincipal({|#1:new ClaimsIdentity(jwt.Claims, "Bearer")|});
            }

            ClaimsIdentity Identity(string token)
            {
                var jwt = new JsonWebTokenHandler().ReadJsonWebToken(token);
                var identity = {|#2:new ClaimsIdentity(jwt.Claims)|};
                return identity;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ReadJwtToken", "the returned value"),
        V.Diagnostic().WithLocation(1).WithArguments("ReadJwtToken", "the ClaimsIdentity built here"),
        V.Diagnostic().WithLocation(2).WithArguments("ReadJsonWebToken", "the ClaimsIdentity built here"));

    [Fact]
    public Task Reports_the_current_user_set_from_unverified_claims() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            async Task M(HttpContext http, string token, ClaimsPrincipal fromElsewhere)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                var principal = new ClaimsPrincipal({|#0:new ClaimsIdentity(jwt.Claims, "jwt")|});
                http.User = principal;
                await http.SignInAsync(principal);
                if (fromElsewhere.Identity?.IsAuthenticated == true) return;
                http.User = {|#1:new JwtSecurityTokenHandler().ReadJwtToken(token).Subject == "svc"|} ? fromElsewhere : principal;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ReadJwtToken", "the ClaimsIdentity built here"),
        V.Diagnostic().WithLocation(1).WithArguments("ReadJwtToken", "this condition"));

    [Fact]
    public Task Silent_for_header_reads_logging_display_and_refresh_timing() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            SecurityKey? Route(string token, SecurityKey a, SecurityKey b)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                if (jwt.Header.Kid == "2024-01") return a;
                var web = new JsonWebTokenHandler().ReadJsonWebToken(token);
                if (web.Kid == "2024-02" || web.Alg == "RS256" || web.Typ == "at+jwt") return b;
                Console.WriteLine($"token for {jwt.Subject} from {jwt.Issuer}");
                return null;
            }

            string Display(string token)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                if (jwt.Subject == null || string.IsNullOrEmpty(jwt.Issuer)) return "anonymous";
                return jwt.Subject + " (" + jwt.Issuer + ")";
            }

            bool NeedsRefresh(string accessToken)
                => new JwtSecurityTokenHandler().ReadJwtToken(accessToken).ValidTo < DateTime.UtcNow.AddMinutes(1);
        }
        """);

    [Fact]
    public Task Silent_for_validated_tokens_and_methods_that_validate() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            async Task<bool> Validated(string token, TokenValidationParameters p)
            {
                TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token, p);
                var jwt = (JsonWebToken)result.SecurityToken;
                return result.IsValid && jwt.GetClaim("role").Value == "admin";
            }

            ClaimsPrincipal OutParam(string token, TokenValidationParameters p)
            {
                var principal = new JwtSecurityTokenHandler().ValidateToken(token, p, out SecurityToken validated);
                if (((JwtSecurityToken)validated).Claims.Any(c => c.Value == "admin")) return principal;
                return new ClaimsPrincipal(new ClaimsIdentity(((JwtSecurityToken)validated).Claims));
            }

            async Task<bool> RoutedByIssuer(string token, TokenValidationParameters a, TokenValidationParameters b)
            {
                var handler = new JsonWebTokenHandler();
                var unverified = handler.ReadJsonWebToken(token);
                var parameters = unverified.Issuer == "https://a.example.com" ? a : b;
                return (await handler.ValidateTokenAsync(token, parameters)).IsValid;
            }
        }
        """);

    [Fact]
    public Task Reports_claim_lookups_and_predicates_over_decoded_claims() => V.AnalyzerAsync(
        Usings + """
        interface IPolicy { bool IsAllowed(string? subject); Task<bool> HasPermissionAsync(string? subject, string permission); }
        class C
        {
            readonly string[] _admins = { "alice" };

            async Task<bool> Async(string token, IPolicy policy)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                if ({|#5:await policy.HasPermissionAsync(jwt.Subject, "invoices:write")|}) return true;
                return false;
            }

            bool M(string token, IPolicy policy)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                var role = jwt.Claims.First(c => c.Type == "role").Value;
                if ({|#0:role == "admin"|}) return true;
                if ({|#1:_admins.Contains(jwt.Subject)|}) return true;
                switch ({|#2:jwt.Payload["app_id"]|}) { case "billing": return true; }
                foreach (var claim in jwt.Claims)
                {
                    if ({|#4:claim.Type == "role" && claim.Value == "owner"|}) return true;
                }

                return {|#3:policy.IsAllowed(jwt.Subject)|};
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ReadJwtToken", "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments("ReadJwtToken", "this condition"),
        V.Diagnostic().WithLocation(2).WithArguments("ReadJwtToken", "this condition"),
        V.Diagnostic().WithLocation(3).WithArguments("ReadJwtToken", "the returned value"),
        V.Diagnostic().WithLocation(4).WithArguments("ReadJwtToken", "this condition"),
        V.Diagnostic().WithLocation(5).WithArguments("ReadJwtToken", "this condition"));

    [Fact]
    public Task Reports_tokens_decoded_by_a_helper_method_or_kept_in_a_field() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            private readonly JwtSecurityTokenHandler _handler = new();
            private JsonWebToken? _current;

            private JwtSecurityToken Decode(string t) => _handler.ReadJwtToken(t);

            private JsonWebToken Parse(string raw)
            {
                var token = new JsonWebTokenHandler().ReadJsonWebToken(raw);
                return token;
            }

            void Remember(string raw) => _current = new JsonWebTokenHandler().ReadJsonWebToken(raw);

            bool IsAdmin(string token)
            {
                var jwt = Decode(token);
                if ({|#0:jwt.Claims.Any(c => c.Type == "role" && c.Value == "admin")|}) return true;
                return {|#1:Parse(token).GetClaim("scope").Value == "admin"|};
            }

            ClaimsPrincipal? Principal(string token)
            {
                var jwt = Decode(token);
                ClaimsPrincipal? user = jwt.Subject is null ? null : new ClaimsPrincipal();
                return {|#3:jwt.Claims.Any()|} ? new ClaimsPrincipal({|#4:new ClaimsIdentity(jwt.Claims)|}) : user;
            }

            bool CurrentIsBilling() => {|#2:_current!.TryGetPayloadValue<string>("app_id", out var app) && app == "billing"|};
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("Decode() (ReadJwtToken)", "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments("Parse() (ReadJsonWebToken)", "the returned value"),
        V.Diagnostic().WithLocation(2).WithArguments("ReadJsonWebToken", "the returned value"),
        V.Diagnostic().WithLocation(3).WithArguments("Decode() (ReadJwtToken)", "this condition"),
        V.Diagnostic().WithLocation(4).WithArguments("Decode() (ReadJwtToken)", "the ClaimsIdentity built here"));

    [Fact]
    public Task Reports_a_decoded_token_handed_to_a_predicate_of_the_same_file() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            private static bool HasRole(JwtSecurityToken token, string role) => token.Claims.Any(c => c.Type == "role" && c.Value == role);

            private static bool IsExpired(JwtSecurityToken token) => token.ValidTo < DateTime.UtcNow;

            private static bool IsService(JsonWebToken token)
            {
                if (token.Subject is null) return false;
                return token.Subject.StartsWith("svc-");
            }

            string M(string raw)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw);
                if (IsExpired(jwt)) return "refresh";
                if ({|#0:HasRole(jwt, "admin")|}) return "admin";
                return {|#1:IsService(new JsonWebToken(raw))|} ? "service" : "user";
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ReadJwtToken", "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments("new JsonWebToken(...)", "this condition"));

    [Fact]
    public Task Reports_when_the_method_validates_another_token_or_validates_after_deciding() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            readonly JsonWebTokenHandler _handler = new();

            async Task<bool> Other(string token, string refreshToken, TokenValidationParameters p)
            {
                var validated = await _handler.ValidateTokenAsync(refreshToken, p);
                var jwt = _handler.ReadJsonWebToken(token);
                return {|#0:validated.IsValid && jwt.GetClaim("role").Value == "admin"|};
            }

            async Task<bool> After(string token, TokenValidationParameters p)
            {
                var jwt = _handler.ReadJsonWebToken(token);
                if ({|#1:jwt.GetClaim("role").Value == "admin"|}) return true;
                return (await _handler.ValidateTokenAsync(token, p)).IsValid;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ReadJsonWebToken", "the returned value"),
        V.Diagnostic().WithLocation(1).WithArguments("ReadJsonWebToken", "this condition"));

    [Fact]
    public Task Silent_when_the_same_token_is_validated_first_or_the_claims_only_route_validation() => V.AnalyzerAsync(
        Usings + """
        using System.Collections.Generic;
        class C
        {
            readonly JsonWebTokenHandler _handler = new();
            readonly Dictionary<string, TokenValidationParameters> _tenants = new();

            private JsonWebToken Decode(string t) => _handler.ReadJsonWebToken(t);

            async Task<bool> ValidatedFirst(string token, TokenValidationParameters p)
            {
                var result = await _handler.ValidateTokenAsync(token, p);
                if (!result.IsValid) return false;
                var jwt = _handler.ReadJsonWebToken(token);
                return jwt.GetClaim("role").Value == "admin";
            }

            async Task<AuthenticateResult> Tenant(string token)
            {
                var unverified = Decode(token);
                if (!_tenants.TryGetValue(unverified.Issuer, out var parameters))
                    return AuthenticateResult.Fail("unknown tenant");
                if (unverified.Issuer.EndsWith(".internal"))
                    return AuthenticateResult.Fail("internal issuers are not accepted here");
                var result = await _handler.ValidateTokenAsync(token, parameters);
                return result.IsValid ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(result.ClaimsIdentity), "Bearer")) : AuthenticateResult.Fail(result.Exception);
            }

            ClaimsPrincipal Routed(string token, TokenValidationParameters a, TokenValidationParameters b)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                TokenValidationParameters chosen;
                if (jwt.Issuer == "https://a.example.com") chosen = a; else chosen = b;
                return new JwtSecurityTokenHandler().ValidateToken(jwt.RawData, chosen, out _);
            }

            TokenValidationParameters Resolve(string token, TokenValidationParameters a, TokenValidationParameters b)
            {
                var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                if (jwt.Issuer.StartsWith("https://a.")) return a;
                return jwt.Audiences.Contains("legacy") ? b : a;
            }

            void Log(string token)
            {
                var jwt = Decode(token);
                if (Guid.TryParse(jwt.Subject, out var user)) Console.WriteLine(user);
                Console.WriteLine($"sub={jwt.Subject} iss={jwt.Issuer} app={jwt.GetClaim("app_id").Value}");
            }
        }
        """);

    [Fact]
    public Task Silent_for_scheme_selection_and_message_received_routing_but_not_for_a_principal_set_there() => V.AnalyzerAsync(
        Usings + """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication("smart")
                    .AddPolicyScheme("smart", "by issuer", o => o.ForwardDefaultSelector = http =>
                    {
                        string header = http.Request.Headers.Authorization.ToString();
                        if (!header.StartsWith("Bearer ")) return "default";
                        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(header.Substring(7));
                        return jwt.Issuer == "https://legacy.example.com" ? "legacy" : "default";
                    })
                    .AddJwtBearer("default", o => o.Events = new JwtBearerEvents
                    {
                        OnMessageReceived = ctx =>
                        {
                            var jwt = new JwtSecurityTokenHandler().ReadJwtToken(ctx.Request.Query["access_token"].ToString());
                            if (jwt.Issuer.EndsWith(".eu")) ctx.Options.Authority = "https://eu.auth.example.com";
                            ctx.Principal = new ClaimsPrincipal({|#0:new ClaimsIdentity(jwt.Claims, "query")|});
                            return Task.CompletedTask;
                        },
                    });
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ReadJwtToken", "the ClaimsIdentity built here"));

    [Fact]
    public Task Silent_for_helpers_and_fields_that_validate_before_keeping_the_decoded_copy() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            readonly JwtSecurityTokenHandler _handler = new();
            readonly TokenValidationParameters _parameters = new();
            private JwtSecurityToken? _current;

            private JwtSecurityToken ValidateAndRead(string raw)
            {
                _handler.ValidateToken(raw, _parameters, out _);
                return _handler.ReadJwtToken(raw);
            }

            public void Accept(string raw)
            {
                _handler.ValidateToken(raw, _parameters, out _);
                _current = _handler.ReadJwtToken(raw);
            }

            bool IsAdmin(string token) => ValidateAndRead(token).Claims.Any(c => c.Type == "role" && c.Value == "admin");

            bool CurrentIsAdmin() => _current?.Subject == "admin";

            bool Copied(string token)
            {
                var raw = token;
                _handler.ValidateToken(raw, _parameters, out _);
                var jwt = _handler.ReadJwtToken(token);
                return jwt.Subject == "admin";
            }

            bool FromHeader(Microsoft.AspNetCore.Http.HttpRequest request)
            {
                _handler.ValidateToken(request.Headers.Authorization.ToString().Substring(7), _parameters, out _);
                var jwt = _handler.ReadJwtToken(request.Headers.Authorization.ToString().Substring(7));
                return jwt.Subject == "admin";
            }
        }
        """);

    [Fact]
    public Task Silent_for_tokens_created_from_parts() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            bool M(JwtSecurityToken given) => new JwtSecurityToken("issuer", "audience", given.Claims).Claims.Any() && given.Claims.Any();
        }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        class JwtSecurityTokenHandler { public Token ReadJwtToken(string t) => new(); }
        class Token { public string[] Claims = new string[0]; }
        class C { bool M(string t) { var j = new JwtSecurityTokenHandler().ReadJwtToken(t); if (j.Claims.Length > 0) return true; return false; } }
        """,
        Refs.Framework);

    [Fact]
    public Task Silent_in_test_projects_by_default() => V.AnalyzerAsync(
        Usings + """
        class C { bool M(string t) => new JwtSecurityTokenHandler().ReadJwtToken(t).Subject == "admin"; }
        """,
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)));

    [Fact]
    public Task Reports_in_test_projects_when_the_option_is_on() => V.AnalyzerWithConfigAsync(
        Usings + """
        class C { bool M(string t) => {|#0:new JwtSecurityTokenHandler().ReadJwtToken(t).Subject == "admin"|}; }
        """,
        "oneauth_analyze_test_projects = true\n",
        V.Diagnostic().WithLocation(0).WithArguments("ReadJwtToken", "the returned value"));
}
