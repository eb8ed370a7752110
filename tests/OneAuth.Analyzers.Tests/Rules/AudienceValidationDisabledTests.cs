using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.CodeFixes;
using OneAuth.Analyzers.Rules;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.AudienceValidationDisabledAnalyzer,
    OneAuth.Analyzers.CodeFixes.AudienceValidationDisabledCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AudienceValidationDisabledTests : ValidationSwitchRuleTests<AudienceValidationDisabledAnalyzer, AudienceValidationDisabledCodeFixProvider>
{
    protected override string[] Properties { get; } = { "ValidateAudience", "RequireAudience" };

    [Fact]
    public Task Fixes_only_the_audience_element_of_a_mixed_deconstruction() => V.CodeFixAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                (p.ValidateIssuer, {|#0:p.ValidateAudience|}) = (true, false);
            }
        }
        """,
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                (p.ValidateIssuer, p.ValidateAudience) = (true, true);
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false"));

    [Fact]
    public Task Keeps_reading_the_configuration_and_fixes_only_a_false_fallback() => V.CodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        class C
        {
            void M(JwtBearerOptions o, IConfiguration configuration)
            {
                {|#0:o.TokenValidationParameters.ValidateAudience = configuration.GetValue<bool?>("Auth:ValidateAudience") ?? false|};
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        class C
        {
            void M(JwtBearerOptions o, IConfiguration configuration)
            {
                o.TokenValidationParameters.ValidateAudience = configuration.GetValue<bool?>("Auth:ValidateAudience") ?? true;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false when the setting is missing"));

    [Fact]
    public Task Reports_false_in_object_initializer() => V.CodeFixAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C { TokenValidationParameters P() => new() { {|#0:ValidateAudience = false|} }; }
        """,
        """
        using Microsoft.IdentityModel.Tokens;
        class C { TokenValidationParameters P() => new() { ValidateAudience = true }; }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false"));

    [Fact]
    public Task Reports_RequireAudience_false_in_property_assignment() => V.CodeFixAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.RequireAudience = false|};
            }
        }
        """,
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.RequireAudience = true;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("RequireAudience", "false"));

    [Fact]
    public Task Reports_and_fixes_both_switches_of_a_chained_assignment() => V.CodeFixAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.ValidateAudience = {|#1:p.RequireAudience = false|}|};
            }
        }
        """,
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.ValidateAudience = p.RequireAudience = true;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false"),
        V.Diagnostic().WithLocation(1).WithArguments("RequireAudience", "false"));

    [Fact]
    public Task Development_only_branch_is_reported_as_info_and_still_fixed() => V.CodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Hosting;
        class C
        {
            void M(JwtBearerOptions o, IHostEnvironment env)
            {
                if (env.IsDevelopment())
                {
                    {|#0:o.TokenValidationParameters.ValidateAudience = false|};
                }
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Hosting;
        class C
        {
            void M(JwtBearerOptions o, IHostEnvironment env)
            {
                if (env.IsDevelopment())
                {
                    o.TokenValidationParameters.ValidateAudience = true;
                }
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("ValidateAudience", "false in some environments"));

    [Fact]
    public Task Reports_through_JwtBearerOptions_in_AddJwtBearer_lambda() => V.CodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    {|#0:o.TokenValidationParameters.ValidateAudience = false|};
                });
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.TokenValidationParameters.ValidateAudience = true;
                });
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false"));

    [Fact]
    public Task Reports_const_field_static_readonly_field_and_single_assignment_local() => V.AnalyzerAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const bool Off = false;
            static readonly bool AlsoOff = false;
            void M()
            {
                bool local = false;
                var a = new TokenValidationParameters { {|#0:ValidateAudience = Off|} };
                var b = new TokenValidationParameters { {|#1:ValidateAudience = AlsoOff|} };
                var c = new TokenValidationParameters { {|#2:ValidateAudience = local|} };
                var d = new TokenValidationParameters { {|#3:ValidateAudience = !true|} };
                var e = new TokenValidationParameters { {|#4:ValidateAudience = a.ValidateIssuer ? false : false|} };
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false"),
        V.Diagnostic().WithLocation(1).WithArguments("ValidateAudience", "false"),
        V.Diagnostic().WithLocation(2).WithArguments("ValidateAudience", "false"),
        V.Diagnostic().WithLocation(3).WithArguments("ValidateAudience", "false"),
        V.Diagnostic().WithLocation(4).WithArguments("ValidateAudience", "false"));

    [Fact]
    public Task Reports_in_local_function_and_on_a_clone() => V.AnalyzerAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(TokenValidationParameters template)
            {
                return Relax(template.Clone());
                TokenValidationParameters Relax(TokenValidationParameters p)
                {
                    {|#0:p.ValidateAudience = false|};
                    return p;
                }
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false"));

    [Fact]
    public Task Environment_dependent_value_gets_its_own_message_at_lower_severity() => V.CodeFixAsync(
        """
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(IHostEnvironment env) => new() { {|#0:ValidateAudience = !env.IsDevelopment()|} };
        }
        """,
        """
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(IHostEnvironment env) => new() { ValidateAudience = true };
        }
        """,
        V.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("ValidateAudience", "false in some environments"));

    [Fact]
    public Task Silent_when_switched_back_on_before_the_parameters_are_used() => V.AnalyzerAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void Validate(JwtSecurityTokenHandler handler, string token)
            {
                var p = new TokenValidationParameters { ValidateAudience = false, ValidIssuer = "https://auth.example.com" };
                p.ValidateAudience = true;
                handler.ValidateToken(token, p, out _);
            }

            void Chained(TokenValidationParameters p)
            {
                p.ValidateAudience = {|#0:p.RequireAudience = false|};
                p.ValidateAudience = true;
            }

            void EnvironmentDependent(TokenValidationParameters p, IHostEnvironment env)
            {
                p.RequireAudience = !env.IsDevelopment();
                p.RequireAudience = true;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("RequireAudience", "false"));

    [Fact]
    public Task Reports_and_fixes_when_switched_back_on_only_on_some_path_or_after_use() => V.CodeFixAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void OnSomePath(JwtSecurityTokenHandler handler, string token, bool strict)
            {
                var p = new TokenValidationParameters { {|#0:ValidateAudience = false|}, ValidIssuer = "https://auth.example.com" };
                if (strict)
                    p.ValidateAudience = true;
                handler.ValidateToken(token, p, out _);
            }

            void AfterUse(JwtSecurityTokenHandler handler, string token)
            {
                var p = new TokenValidationParameters { {|#1:ValidateAudience = false|}, ValidIssuer = "https://auth.example.com" };
                handler.ValidateToken(token, p, out _);
                p.ValidateAudience = true;
            }
        }
        """,
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void OnSomePath(JwtSecurityTokenHandler handler, string token, bool strict)
            {
                var p = new TokenValidationParameters { ValidateAudience = true, ValidIssuer = "https://auth.example.com" };
                if (strict)
                    p.ValidateAudience = true;
                handler.ValidateToken(token, p, out _);
            }

            void AfterUse(JwtSecurityTokenHandler handler, string token)
            {
                var p = new TokenValidationParameters { ValidateAudience = true, ValidIssuer = "https://auth.example.com" };
                handler.ValidateToken(token, p, out _);
                p.ValidateAudience = true;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false"),
        V.Diagnostic().WithLocation(1).WithArguments("ValidateAudience", "false"));

    [Fact]
    public Task Silent_for_an_identity_server_that_drops_the_audience_only_when_none_is_requested() => V.AnalyzerAsync(
        """
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class LocalTokenValidator
        {
            private readonly JsonWebTokenHandler _handler = new();

            public TokenValidationParameters For(string? audience, SecurityKey key) => new()
            {
                ValidIssuer = "https://id.contoso.example",
                IssuerSigningKey = key,
                ValidAudience = audience,
                ValidateAudience = string.IsNullOrEmpty(audience) ? false : true,
            };

            public string Issue(SecurityTokenDescriptor descriptor) => _handler.CreateToken(descriptor);
        }
        """);

    [Fact]
    public Task Reports_the_same_choice_made_from_configuration_or_on_the_branch_with_an_audience() => V.AnalyzerAsync(
        """
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class JwtOptions { public string? Audience { get; set; } }

        public sealed class LocalTokenValidator
        {
            private readonly JsonWebTokenHandler _handler = new();
            private readonly JwtOptions _options = new();

            public TokenValidationParameters Configured(SecurityKey key) => new()
            {
                ValidIssuer = "https://id.contoso.example",
                IssuerSigningKey = key,
                {|#0:ValidateAudience = string.IsNullOrEmpty(_options.Audience) ? false : true|},
            };

            public void Inverted(TokenValidationParameters p, string? audience)
            {
                if (audience is not null)
                    {|#1:p.ValidateAudience = false|};
            }

            public string Issue(SecurityTokenDescriptor descriptor) => _handler.CreateToken(descriptor);
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false for some inputs"),
        V.Diagnostic().WithLocation(1).WithArguments("ValidateAudience", "false"));

    [Fact]
    public Task Silent_for_a_DPoP_proof_validator_and_reported_for_DPoP_bound_access_tokens() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.IdentityModel.Tokens;

        public static class DPoPProofValidation
        {
            public static TokenValidationParameters Parameters(JsonWebKey proofKey) => new()
            {
                ValidateAudience = false,
                ValidateIssuer = false,
                ValidateLifetime = false,
                IssuerSigningKey = proofKey,
                ValidTypes = new[] { "dpop+jwt" },
            };
        }

        public static class DPoPAccessTokens
        {
            public static void Configure(JwtBearerOptions o) => {|#0:o.TokenValidationParameters.ValidateAudience = false|};
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false"));
}
