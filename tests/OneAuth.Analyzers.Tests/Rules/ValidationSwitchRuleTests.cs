using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests.Rules;

/// <summary>
/// The syntactic forms every "boolean switch of TokenValidationParameters set to false" rule must see, run once
/// per switch by the rule's own test class. <c>PROP</c> in a snippet stands for the switch under test.
/// </summary>
public abstract class ValidationSwitchRuleTests<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>The switches the rule flags; the first is used where one is enough.</summary>
    protected abstract string[] Properties { get; }

    private string P => Properties[0];

    private string S(string source) => source.Replace("PROP", P, StringComparison.Ordinal);

    private DiagnosticResult Expected(int location, string? property = null, string value = "false")
        => Verify<TAnalyzer, TCodeFix>.Diagnostic().WithLocation(location).WithArguments(property ?? P, value);

    [Fact]
    public Task Reports_and_fixes_every_switch_in_an_object_initializer()
    {
        string Initializer(Func<string, int, string> each) => string.Join(", ", Properties.Select(each));
        string source = $$"""
            using Microsoft.IdentityModel.Tokens;
            class C { TokenValidationParameters P() => new() { {{Initializer((p, i) => $"{{|#{i}:{p} = false|}}")}} }; }
            """;
        string fixedSource = $$"""
            using Microsoft.IdentityModel.Tokens;
            class C { TokenValidationParameters P() => new() { {{Initializer((p, _) => $"{p} = true")}} }; }
            """;
        return Verify<TAnalyzer, TCodeFix>.CodeFixAsync(source, fixedSource, Properties.Select((p, i) => Expected(i, p)).ToArray());
    }

    [Fact]
    public Task Reports_and_fixes_a_property_assignment() => Verify<TAnalyzer, TCodeFix>.CodeFixAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.PROP = false|};
            }
        }
        """),
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.PROP = true;
            }
        }
        """),
        Expected(0));

    [Fact]
    public Task Reports_and_fixes_false_parsed_from_a_constant_string() => Verify<TAnalyzer, TCodeFix>.CodeFixAsync(
        S("""
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const string Off = "False";
            void M(TokenValidationParameters p)
            {
                {|#0:p.PROP = bool.Parse("false")|};
                {|#1:p.PROP = Convert.ToBoolean(Off)|};
                {|#2:p.PROP = bool.Parse(" FALSE ")|};
                {|#3:p.PROP = !bool.Parse("true")|};
            }
        }
        """),
        S("""
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const string Off = "False";
            void M(TokenValidationParameters p)
            {
                p.PROP = true;
                p.PROP = true;
                p.PROP = true;
                p.PROP = true;
            }
        }
        """),
        Expected(0), Expected(1), Expected(2), Expected(3));

    [Fact]
    public Task Silent_for_true_invalid_or_unknown_strings_given_to_a_parse_call() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, string fromCaller)
            {
                p.PROP = bool.Parse("true");
                p.PROP = Convert.ToBoolean("True");
                p.PROP = bool.Parse("no");
                p.PROP = bool.Parse("0");
                p.PROP = Convert.ToBoolean("");
                p.PROP = bool.Parse(fromCaller);
                p.PROP = Convert.ToBoolean(0);
            }
        }
        """));

    [Fact]
    public Task Reports_and_fixes_through_JwtBearerOptions_in_AddJwtBearer() => Verify<TAnalyzer, TCodeFix>.CodeFixAsync(
        S("""
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    {|#0:o.TokenValidationParameters.PROP = false|};
                });
                services.AddAuthentication().AddJwtBearer("b", o => o.TokenValidationParameters = new TokenValidationParameters { {|#1:PROP = false|} });
            }
        }
        """),
        S("""
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.TokenValidationParameters.PROP = true;
                });
                services.AddAuthentication().AddJwtBearer("b", o => o.TokenValidationParameters = new TokenValidationParameters { PROP = true });
            }
        }
        """),
        Expected(0), Expected(1));

    [Fact]
    public Task Reports_in_Configure_and_PostConfigure_lambdas_and_anonymous_methods() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services)
            {
                services.Configure<JwtBearerOptions>("Bearer", o => {|#0:o.TokenValidationParameters.PROP = false|});
                services.PostConfigure<JwtBearerOptions>(delegate (JwtBearerOptions o) { {|#1:o.TokenValidationParameters.PROP = false|}; });
            }
        }
        """),
        Expected(0), Expected(1));

    [Fact]
    public Task Reports_constants_fields_single_assignment_locals_negation_and_conditionals() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const bool Off = false;
            static readonly bool AlsoOff = false;
            void M(bool flag)
            {
                bool local = false;
                const bool constLocal = false;
                var a = new TokenValidationParameters { {|#0:PROP = Off|} };
                var b = new TokenValidationParameters { {|#1:PROP = AlsoOff|} };
                var c = new TokenValidationParameters { {|#2:PROP = local|} };
                var d = new TokenValidationParameters { {|#3:PROP = !true|} };
                var e = new TokenValidationParameters { {|#4:PROP = flag ? false : Off|} };
                var f = new TokenValidationParameters { {|#5:PROP = constLocal|} };
            }
        }
        """),
        Enumerable.Range(0, 6).Select(i => Expected(i)).ToArray());

    [Fact]
    public Task Reports_in_a_local_function_on_a_clone() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(TokenValidationParameters template)
            {
                var copy = template.Clone();
                {|#0:copy.PROP = false|};
                return Relax(copy);
                TokenValidationParameters Relax(TokenValidationParameters p)
                {
                    {|#1:p.PROP = false|};
                    return p;
                }
            }
        }
        """),
        Expected(0), Expected(1));

    [Fact]
    public Task Environment_dependent_value_is_reported_as_info_with_its_own_message() => Verify<TAnalyzer, TCodeFix>.CodeFixAsync(
        S("""
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(IHostEnvironment env) => new() { {|#0:PROP = !env.IsDevelopment()|} };
        }
        """),
        S("""
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(IHostEnvironment env) => new() { PROP = true };
        }
        """),
        Expected(0, value: "false in some environments").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Value_set_only_in_DEBUG_conditional_code_is_reported_as_info() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
        #if !DEBUG
                {|#0:p.PROP = false|};
        #endif
        #if DEBUG
                p.PROP = true;
        #else
                {|#1:p.PROP = false|};
        #endif
        #if OTHER_SYMBOL
        #else
                {|#2:p.PROP = false|};
        #endif
            }
        }
        """),
        Expected(0, value: "false in some environments").WithSeverity(DiagnosticSeverity.Info),
        Expected(1, value: "false in some environments").WithSeverity(DiagnosticSeverity.Info),
        Expected(2));

    [Fact]
    public Task Silent_for_true_variables_configuration_and_reassigned_locals() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IConfiguration config, bool flag)
            {
                bool changed = false;
                changed = flag;
                var a = new TokenValidationParameters { PROP = true };
                var b = new TokenValidationParameters { PROP = flag };
                var c = new TokenValidationParameters { PROP = config.GetValue<bool>("Jwt:Switch") };
                var d = new TokenValidationParameters { PROP = changed };
                var e = new TokenValidationParameters { PROP = flag ? true : false };
                a.PROP = !false;
            }
        }
        """));

    [Fact]
    public Task Silent_when_switched_back_on_in_straight_line_code_before_any_use() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const bool On = true;
            private readonly TokenValidationParameters _parameters = new();

            void Local(string token)
            {
                var p = new TokenValidationParameters { PROP = false, ValidIssuer = "https://auth.example.com" };
                p.PROP = true;
                new JwtSecurityTokenHandler().ValidateToken(token, p, out _);
            }

            void Reassigned(string token)
            {
                TokenValidationParameters p;
                p = new() { PROP = false };
                var key = new SymmetricSecurityKey(new byte[32]);
                p.IssuerSigningKey = key;
                p.PROP = On;
                new JwtSecurityTokenHandler().ValidateToken(token, p, out _);
            }

            void Parameter(TokenValidationParameters p)
            {
                p.PROP = false;
                p.ValidAudience = "billing-api";
                p.PROP = !false;
            }

            void Field()
            {
                _parameters.PROP = false;
                _parameters.ValidIssuer = "https://auth.example.com";
                this._parameters.PROP = true;
            }

            void Options(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.TokenValidationParameters.PROP = false;
                    o.Authority = "https://auth.example.com";
                    o.TokenValidationParameters.ValidIssuer = "https://auth.example.com";
                    o.TokenValidationParameters.PROP = true;
                });
                services.AddAuthentication().AddJwtBearer("b", o =>
                {
                    o.TokenValidationParameters = new TokenValidationParameters { PROP = false };
                    o.TokenValidationParameters.PROP = true;
                });
            }
        }
        """));

    [Fact]
    public Task Reports_and_fixes_when_switched_back_on_only_on_some_path() => Verify<TAnalyzer, TCodeFix>.CodeFixAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(bool strict)
            {
                var p = new TokenValidationParameters { {|#0:PROP = false|} };
                if (strict)
                    p.PROP = true;
                var q = new TokenValidationParameters();
                {|#1:q.PROP = false|};
                if (strict)
                {
                    q.PROP = true;
                }
                return strict ? p : q;
            }

            void Early(TokenValidationParameters p, bool stop)
            {
                {|#2:p.PROP = false|};
                if (stop)
                    return;
                p.PROP = true;
            }
        }
        """),
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M(bool strict)
            {
                var p = new TokenValidationParameters { PROP = true };
                if (strict)
                    p.PROP = true;
                var q = new TokenValidationParameters();
                q.PROP = true;
                if (strict)
                {
                    q.PROP = true;
                }
                return strict ? p : q;
            }

            void Early(TokenValidationParameters p, bool stop)
            {
                p.PROP = true;
                if (stop)
                    return;
                p.PROP = true;
            }
        }
        """),
        Expected(0), Expected(1), Expected(2));

    [Fact]
    public Task Reports_when_the_object_is_used_before_it_is_switched_back_on() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            private TokenValidationParameters? _kept;
            private readonly TokenValidationParameters _parameters = new();

            void Passed(string token)
            {
                var p = new TokenValidationParameters { {|#0:PROP = false|} };
                new JwtSecurityTokenHandler().ValidateToken(token, p, out _);
                p.PROP = true;
            }

            void Stored(TokenValidationParameters p)
            {
                {|#1:p.PROP = false|};
                _kept = p;
                p.PROP = true;
            }

            void Copied(TokenValidationParameters p)
            {
                {|#2:p.PROP = false|};
                var alias = p;
                p.PROP = true;
            }

            void Captured(TokenValidationParameters p, Action<Func<bool>> later)
            {
                {|#3:p.PROP = false|};
                later(() => p.PROP);
                p.PROP = true;
            }

            void ThroughLocalFunction(string token, TokenValidationParameters p)
            {
                {|#4:p.PROP = false|};
                Check();
                p.PROP = true;
                void Check() => new JwtSecurityTokenHandler().ValidateToken(token, p, out _);
            }

            void ThroughAnotherReference(string token, TokenValidationParameters p, TokenValidationParameters same)
            {
                {|#5:p.PROP = false|};
                new JwtSecurityTokenHandler().ValidateToken(token, same, out _);
                p.PROP = true;
            }

            async Task Awaited(string token, TokenValidationParameters p, JsonWebTokenHandler handler)
            {
                {|#6:p.PROP = false|};
                await Task.Yield();
                p.PROP = true;
            }

            void Field(string token)
            {
                {|#7:_parameters.PROP = false|};
                Validate(token);
                _parameters.PROP = true;
            }

            void Validate(string token) => new JwtSecurityTokenHandler().ValidateToken(token, _parameters, out _);

            TokenValidationParameters Returned()
            {
                var p = new TokenValidationParameters { {|#8:PROP = false|} };
                return p;
            }
        }
        """),
        Enumerable.Range(0, 9).Select(i => Expected(i)).ToArray());

    [Fact]
    public Task Reports_when_the_later_value_is_not_a_constant_true_or_lands_elsewhere() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void Variable(TokenValidationParameters p, bool flag)
            {
                {|#0:p.PROP = false|};
                p.PROP = flag;
            }

            void Configured(TokenValidationParameters p, IConfiguration config)
            {
                {|#1:p.PROP = false|};
                p.PROP = config.GetValue<bool>("Jwt:Switch");
            }

            void AnotherObject(TokenValidationParameters p, TokenValidationParameters q)
            {
                {|#2:p.PROP = false|};
                q.PROP = true;
            }

            void Replaced(JwtBearerOptions o)
            {
                {|#3:o.TokenValidationParameters.PROP = false|};
                o.TokenValidationParameters = new TokenValidationParameters();
                o.TokenValidationParameters.PROP = true;
            }

            void Twice(TokenValidationParameters p)
            {
                {|#4:p.PROP = false|};
                {|#5:p.PROP = false|};
            }

            void OnlyInSomeBuilds(TokenValidationParameters p)
            {
                {|#6:p.PROP = false|};
        #if !DEBUG
                p.PROP = true;
        #endif
            }

            void InsideAnArgument(TokenValidationParameters p)
            {
                Use(new TokenValidationParameters { {|#7:PROP = false|} });
                p.PROP = true;
            }

            static void Use(TokenValidationParameters p) { }
        }
        """),
        Enumerable.Range(0, 8).Select(i => Expected(i)).ToArray());

    [Fact]
    public Task Silent_for_an_unrelated_type_with_the_same_property() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        class MyOptions { public bool PROP { get; set; } }
        class C { MyOptions M() { var o = new MyOptions { PROP = false }; o.PROP = false; return o; } }
        """));

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        namespace Microsoft.IdentityModel.Tokenz { class TokenValidationParameters { public bool PROP { get; set; } } }
        class C { object M() => new Microsoft.IdentityModel.Tokenz.TokenValidationParameters { PROP = false }; }
        """),
        Refs.Framework);

    [Fact]
    public Task Silent_in_test_projects_by_default() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C { TokenValidationParameters P() => new() { PROP = false }; }
        """),
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)));

    [Fact]
    public Task Reports_in_test_projects_when_the_option_is_on() => Verify<TAnalyzer, TCodeFix>.AnalyzerWithConfigAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C { TokenValidationParameters P() => new() { {|#0:PROP = false|} }; }
        """),
        "oneauth_analyze_test_projects = true\n",
        Expected(0));

    [Fact]
    public Task Fix_all_fixes_every_occurrence() => Verify<TAnalyzer, TCodeFix>.CodeFixAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters A() => new() { {|#0:PROP = false|} };
            void B(TokenValidationParameters p) { {|#1:p.PROP = false|}; }
            void D(TokenValidationParameters p) { {|#2:p.PROP = !true|}; }
        }
        """),
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters A() => new() { PROP = true };
            void B(TokenValidationParameters p) { p.PROP = true; }
            void D(TokenValidationParameters p) { p.PROP = true; }
        }
        """),
        Expected(0), Expected(1), Expected(2));

    [Fact]
    public Task Reports_a_configured_value_that_falls_back_to_false_and_fixes_only_the_fallback() => Verify<TAnalyzer, TCodeFix>.CodeFixAsync(
        S("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters Coalesce(IConfiguration configuration) => new()
            {
                {|#0:PROP = configuration.GetValue<bool?>("Jwt:Switch") ?? false|},
            };

            void Default(TokenValidationParameters p, IConfiguration configuration)
            {
                {|#1:p.PROP = configuration.GetValue<bool>("Jwt:Switch", false)|};
            }
        }
        """),
        S("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters Coalesce(IConfiguration configuration) => new()
            {
                PROP = configuration.GetValue<bool?>("Jwt:Switch") ?? true,
            };

            void Default(TokenValidationParameters p, IConfiguration configuration)
            {
                p.PROP = configuration.GetValue<bool>("Jwt:Switch", true);
            }
        }
        """),
        Expected(0, value: "false when the setting is missing"),
        Expected(1, value: "false when the setting is missing"));

    [Fact]
    public Task Reports_a_false_fallback_through_a_local_without_a_fix() => Verify<TAnalyzer, TCodeFix>.NoCodeFixAsync(
        S("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IConfiguration configuration)
            {
                bool configured = configuration.GetValue<bool?>("Jwt:Switch") ?? false;
                {|#0:p.PROP = configured|};
            }
        }
        """),
        Expected(0, value: "false when the setting is missing"));

    [Fact]
    public Task Stays_quiet_on_a_true_or_non_constant_fallback() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IConfiguration configuration, bool other, bool? maybe)
            {
                p.PROP = configuration.GetValue<bool?>("Jwt:Switch") ?? true;
                p.PROP = configuration.GetValue<bool?>("Jwt:Switch") ?? other;
                p.PROP = maybe ?? other;
                p.PROP = configuration.GetValue<bool>("Jwt:Switch", true);
                p.PROP = configuration.GetValue<bool>("Jwt:Switch", other);
                p.PROP = configuration.GetValue<bool>("Jwt:Switch");
            }
        }
        """));

    [Fact]
    public Task Reports_and_fixes_a_switch_set_false_by_tuple_deconstruction() => Verify<TAnalyzer, TCodeFix>.CodeFixAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, TokenValidationParameters q)
            {
                ({|#0:p.PROP|}, q.PROP) = (false, true);
                (q.PROP, {|#1:p.PROP|}) = (true, false);
            }
        }
        """),
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, TokenValidationParameters q)
            {
                (p.PROP, q.PROP) = (true, true);
                (q.PROP, p.PROP) = (true, true);
            }
        }
        """),
        Expected(0), Expected(1));

    [Fact]
    public Task Silent_when_a_deconstruction_switch_is_set_back_on_before_any_use() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void A(TokenValidationParameters p)
            {
                (p.PROP, p.ValidIssuer) = (false, "https://auth.example.com");
                p.ValidAudience = "billing-api";
                p.PROP = true;
            }

            TokenValidationParameters B()
            {
                var p = new TokenValidationParameters();
                (p.ClockSkew, (p.PROP, p.ValidIssuer)) = (TimeSpan.Zero, (false, "https://auth.example.com"));
                p.PROP = true;
                return p;
            }

            void D(JwtBearerOptions o)
            {
                (o.TokenValidationParameters.PROP, o.Authority) = (false, "https://auth.example.com");
                o.TokenValidationParameters.PROP = true;
            }

            void E(TokenValidationParameters p)
            {
                (p.PROP, p.ValidIssuer) = (false, "https://auth.example.com");
                (p.PROP, p.ValidAudience) = (true, "billing-api");
            }

            void F(TokenValidationParameters p)
            {
                p.PROP = false;
                (p.ValidAudience, p.PROP) = ("billing-api", true);
            }
        }
        """));

    [Fact]
    public Task Reports_a_deconstruction_switch_seen_or_left_off_before_it_is_set_back_on() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static void Use(TokenValidationParameters p) { }

            void A(TokenValidationParameters p)
            {
                ({|#0:p.PROP|}, p.ValidIssuer) = (false, "https://auth.example.com");
                Use(p);
                p.PROP = true;
            }

            void B(TokenValidationParameters p, bool flag)
            {
                ({|#1:p.PROP|}, p.ValidIssuer) = (false, "https://auth.example.com");
                if (flag)
                    p.PROP = true;
            }

            void D(TokenValidationParameters p, TokenValidationParameters q)
            {
                ({|#2:p.PROP|}, q.ValidIssuer) = (false, "https://auth.example.com");
                q.PROP = true;
            }

            void E(TokenValidationParameters p)
            {
                ({|#3:p.PROP|}, p.ValidIssuer) = (false, "https://auth.example.com");
                (p.PROP, p.ValidAudience) = (true, p.ValidIssuer);
            }

            void F(TokenValidationParameters p, bool flag)
            {
                ({|#4:p.PROP|}, p.ValidIssuer) = (false, "https://auth.example.com");
                if (flag)
                    return;
                p.PROP = true;
            }

            void G(TokenValidationParameters p)
            {
                ({|#5:p.PROP|}, p.ValidIssuer) = (false, "https://auth.example.com");
                ({|#6:p.PROP|}, p.ValidAudience) = (false, "billing-api");
            }
        }
        """),
        Expected(0), Expected(1), Expected(2), Expected(3), Expected(4), Expected(5), Expected(6));

    [Fact]
    public Task Reports_a_switch_in_a_nested_deconstruction_without_a_fix() => Verify<TAnalyzer, TCodeFix>.NoCodeFixAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, int n)
            {
                (n, ({|#0:p.PROP|}, n)) = (1, (false, 2));
            }
        }
        """),
        Expected(0));

    [Fact]
    public Task Stays_quiet_on_deconstructions_of_true_or_unknown_values() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, TokenValidationParameters q, bool flag)
            {
                (p.PROP, q.PROP) = (true, true);
                (p.PROP, q.PROP) = (flag, true);
                (p.PROP, q.PROP) = Read();
                bool a;
                (a, p.PROP) = (false, true);
            }

            static (bool, bool) Read() => (true, true);
        }
        """));

    [Fact]
    public Task Reports_a_false_fallback_in_a_development_only_branch_as_info_and_fixes_only_the_fallback() => Verify<TAnalyzer, TCodeFix>.CodeFixAsync(
        S("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IConfiguration configuration, IHostEnvironment env)
            {
                if (env.IsDevelopment())
                {
                    {|#0:p.PROP = configuration.GetValue<bool?>("Jwt:Switch") ?? false|};
                }
            }
        }
        """),
        S("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IConfiguration configuration, IHostEnvironment env)
            {
                if (env.IsDevelopment())
                {
                    p.PROP = configuration.GetValue<bool?>("Jwt:Switch") ?? true;
                }
            }
        }
        """),
        Expected(0, value: "false when the setting is missing in some environments").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Reports_and_fixes_a_switch_or_conditional_with_an_arm_that_is_always_false() => Verify<TAnalyzer, TCodeFix>.CodeFixAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        public enum TrustMode { Strict, Partner, Legacy }
        class C
        {
            void M(TokenValidationParameters p, TrustMode mode, string? tenant, bool strict, bool relaxed)
            {
                {|#0:p.PROP = mode switch { TrustMode.Legacy => false, _ => true }|};
                {|#1:p.PROP = string.IsNullOrEmpty(tenant) ? false : true|};
                {|#2:p.PROP = mode switch { TrustMode.Strict => true, TrustMode.Partner => strict, _ => false }|};
                bool chosen = mode == TrustMode.Partner ? strict : false;
                {|#3:p.PROP = chosen|};
            }
        }
        """),
        S("""
        using Microsoft.IdentityModel.Tokens;
        public enum TrustMode { Strict, Partner, Legacy }
        class C
        {
            void M(TokenValidationParameters p, TrustMode mode, string? tenant, bool strict, bool relaxed)
            {
                p.PROP = true;
                p.PROP = true;
                p.PROP = true;
                bool chosen = mode == TrustMode.Partner ? strict : false;
                p.PROP = true;
            }
        }
        """),
        Expected(0, value: "false for some inputs"),
        Expected(1, value: "false for some inputs"),
        Expected(2, value: "false for some inputs"),
        Expected(3, value: "false for some inputs"));

    [Fact]
    public Task Silent_for_conditionals_that_only_mirror_a_flag_or_never_yield_false() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        public sealed class JwtSettings { public bool Strict { get; set; } public string? Mode { get; set; } }
        class C
        {
            void M(TokenValidationParameters p, JwtSettings settings, bool flag, bool other)
            {
                p.PROP = flag ? true : false;
                p.PROP = !settings.Strict ? false : true;
                p.PROP = settings.Mode switch { "strict" => true, _ => true };
                p.PROP = flag ? other : true;
                p.PROP = settings.Mode switch { "strict" => true, _ => other };
            }
        }
        """));

    [Fact]
    public Task An_environment_check_joined_by_and_to_anything_is_reported_as_info() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IHostEnvironment env, string authority, bool flag)
            {
                {|#0:p.PROP = !env.IsDevelopment() && authority.StartsWith("https://")|};
                {|#1:p.PROP = flag && env.IsProduction()|};
                p.PROP = env.IsProduction() || flag;
            }
        }
        """),
        Expected(0, value: "false in some environments").WithSeverity(DiagnosticSeverity.Info),
        Expected(1, value: "false in some environments").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Reports_a_field_that_is_not_readonly_but_never_assigned_again() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        public sealed class TokenSettings
        {
            private static bool StrictTokens = false;
            private bool _strict = false;

            public TokenValidationParameters Build() => new() { {|#0:PROP = StrictTokens|} };
            public void Apply(TokenValidationParameters p) { {|#1:p.PROP = _strict|}; }
        }
        """),
        Expected(0),
        Expected(1));

    [Fact]
    public Task Silent_for_a_field_that_is_assigned_anywhere_else() => Verify<TAnalyzer, TCodeFix>.AnalyzerAsync(
        S("""
        using Microsoft.IdentityModel.Tokens;
        public sealed class TokenSettings
        {
            public static bool Strict = false;
            private bool _strict = false;

            public void Load(bool configured) { _strict = configured; }
            public TokenValidationParameters Build() => new() { PROP = Strict };
            public void Apply(TokenValidationParameters p) { p.PROP = _strict; }
        }

        public static class Startup
        {
            public static void Configure(bool configured) => TokenSettings.Strict = configured;
        }
        """));
}
