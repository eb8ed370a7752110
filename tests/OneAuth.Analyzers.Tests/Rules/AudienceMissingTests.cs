using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.AudienceMissingAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AudienceMissingTests
{
    private static DiagnosticResult Missing(int location, string name)
        => new DiagnosticResult(Descriptors.AudienceMissing).WithLocation(location).WithArguments(name);

    private static DiagnosticResult MissingForScheme(int location, string name)
        => new DiagnosticResult(Descriptors.AudienceMissingForScheme).WithLocation(location).WithArguments(name);

    // Positive cases, one per form.

    [Fact]
    public Task Reports_explicit_true_in_an_initializer_passed_to_ValidateTokenAsync() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            Task<TokenValidationResult> M(string token, SecurityKey key) => new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuer = "https://auth.example.com",
                IssuerSigningKey = key,
                {|#0:ValidateAudience = true|},
            });
        }
        """,
        Missing(0, "TokenValidationParameters"));

    [Fact]
    public Task Reports_the_default_in_an_initializer_passed_to_JwtSecurityTokenHandler() => V.AnalyzerAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(string token, SecurityKey key)
            {
                new JwtSecurityTokenHandler().ValidateToken(token, {|#0:new TokenValidationParameters|} { ValidIssuer = "https://auth.example.com", IssuerSigningKey = key }, out _);
            }
        }
        """,
        Missing(0, "TokenValidationParameters"));

    [Fact]
    public Task Reports_a_local_built_by_initializer_and_assignments_then_validated() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const bool On = true;
            async Task<bool> M(string token, SecurityKey key)
            {
                var parameters = new TokenValidationParameters { ValidIssuer = "https://auth.example.com" };
                parameters.IssuerSigningKey = key;
                {|#0:parameters.ValidateAudience = On|};
                var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
                return result.IsValid && parameters.ValidIssuer is not null;
            }
        }
        """,
        Missing(0, "parameters"));

    [Fact]
    public Task Reports_a_target_typed_new_with_no_initializer() => V.AnalyzerAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(string token, SecurityKey key)
            {
                TokenValidationParameters p = {|#0:new()|};
                p.IssuerSigningKey = key;
                new JwtSecurityTokenHandler().ValidateToken(token, p, out _);
            }
        }
        """,
        Missing(0, "p"));

    [Fact]
    public Task Reports_a_blank_or_null_audience() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const string NoAudience = " ";
            Task<TokenValidationResult> A(string token) => new JsonWebTokenHandler().ValidateTokenAsync(token, {|#0:new TokenValidationParameters|} { ValidAudience = "" });
            Task<TokenValidationResult> B(string token) => new JsonWebTokenHandler().ValidateTokenAsync(token, {|#1:new TokenValidationParameters|} { ValidAudience = NoAudience, ValidAudiences = null });
        }
        """,
        Missing(0, "TokenValidationParameters"),
        Missing(1, "TokenValidationParameters"));

    [Fact]
    public Task Reports_a_private_field_set_by_its_initializer_or_a_constructor() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class TokenService
        {
            private static readonly TokenValidationParameters Shared = {|#0:new()|} { ValidIssuer = "https://auth.example.com" };
            private readonly TokenValidationParameters _parameters;
            private readonly JsonWebTokenHandler _handler = new();

            public TokenService(IList<SecurityKey> keys)
            {
                _parameters = new TokenValidationParameters { ValidIssuer = "https://auth.example.com", {|#1:ValidateAudience = true|} };
                _parameters.IssuerSigningKeys = keys;
            }

            public ClaimsPrincipal Validate(string token) => new JwtSecurityTokenHandler().ValidateToken(token, Shared, out _);

            public async Task<bool> IsValidAsync(string token) => (await _handler.ValidateTokenAsync(token, this._parameters)).IsValid;
        }
        """,
        Missing(0, "Shared"),
        Missing(1, "_parameters"));

    [Fact]
    public Task Silent_for_fields_other_code_can_reach_or_that_name_the_audience() => V.AnalyzerAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class Exposed
        {
            private readonly TokenValidationParameters _parameters = new() { ValidIssuer = "https://auth.example.com" };
            public TokenValidationParameters Parameters => _parameters;
            public void Validate(string t) => new JwtSecurityTokenHandler().ValidateToken(t, _parameters, out _);
        }
        class Public
        {
            public readonly TokenValidationParameters Parameters = new() { ValidIssuer = "https://auth.example.com" };
            public void Validate(string t) => new JwtSecurityTokenHandler().ValidateToken(t, Parameters, out _);
        }
        class Named
        {
            private readonly TokenValidationParameters _parameters = new() { ValidIssuer = "https://auth.example.com" };
            public Named(string audience) => _parameters.ValidAudience = audience;
            public void Validate(string t) => new JwtSecurityTokenHandler().ValidateToken(t, _parameters, out _);
        }
        partial class Split
        {
            private readonly TokenValidationParameters _parameters = new() { ValidIssuer = "https://auth.example.com" };
            public void Validate(string t) => new JwtSecurityTokenHandler().ValidateToken(t, _parameters, out _);
        }
        partial class Split
        {
        }
        class Replaced
        {
            private TokenValidationParameters _parameters = new() { ValidIssuer = "https://auth.example.com" };
            public void Use(TokenValidationParameters other) => _parameters = other;
            public void Validate(string t) => new JwtSecurityTokenHandler().ValidateToken(t, _parameters, out _);
        }
        """);

    [Fact]
    public Task Reports_a_private_helper_whose_every_call_hands_its_result_on() => V.AnalyzerAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class Startup
        {
            public void ConfigureServices(IServiceCollection services)
                => services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = CreateParameters("https://auth.example.com"));

            private static TokenValidationParameters CreateParameters(string issuer) => {|#0:new()|} { ValidIssuer = issuer };

            public async Task<bool> CheckAsync(string token)
                => (await new JsonWebTokenHandler().ValidateTokenAsync(token, Strict())).IsValid
                   && new JwtSecurityTokenHandler().ValidateToken(token, this.Strict(), out _) is not null;

            private TokenValidationParameters Strict()
            {
                var parameters = new TokenValidationParameters { {|#1:ValidateAudience = true|} };
                parameters.ValidIssuer = "https://auth.example.com";
                return parameters;
            }
        }
        """,
        MissingForScheme(0, "CreateParameters()"),
        Missing(1, "Strict()"));

    [Fact]
    public Task Silent_for_helpers_whose_callers_could_name_the_audience() => V.AnalyzerAsync(
        """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            JwtSecurityTokenHandler H = new();

            public TokenValidationParameters Public() => new() { ValidIssuer = "https://auth.example.com" };
            void UsePublic(string t) => H.ValidateToken(t, Public(), out _);

            private TokenValidationParameters Kept() => new() { ValidIssuer = "https://auth.example.com" };
            void UseKept(string t, string audience)
            {
                var p = Kept();
                p.ValidAudience = audience;
                H.ValidateToken(t, p, out _);
            }

            private TokenValidationParameters Grouped() => new() { ValidIssuer = "https://auth.example.com" };
            void UseGrouped(string t)
            {
                Func<TokenValidationParameters> factory = Grouped;
                H.ValidateToken(t, Grouped(), out _);
            }

            private TokenValidationParameters TwoWays(bool strict)
            {
                if (strict)
                    return new TokenValidationParameters { ValidAudience = "orders-api" };
                return new TokenValidationParameters();
            }
            void UseTwoWays(string t) => H.ValidateToken(t, TwoWays(false), out _);

            private TokenValidationParameters Unused() => new() { ValidIssuer = "https://auth.example.com" };
        }
        """);

    [Fact]
    public Task Reports_parameters_that_replace_a_JwtBearer_schemes_own() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                    .AddJwtBearer(o =>
                    {
                        o.Authority = "https://auth.example.com";
                        o.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidateIssuer = true,
                            {|#0:ValidateAudience = true|},
                            ValidateLifetime = true,
                        };
                        o.TokenValidationParameters.ValidIssuer = "https://auth.example.com";
                    })
                    .AddJwtBearer("partner", options => options.TokenValidationParameters = {|#1:new()|} { ValidIssuer = "https://partner.example" });
            }
        }
        """,
        MissingForScheme(0, "o.TokenValidationParameters"),
        MissingForScheme(1, "options.TokenValidationParameters"));

    [Fact]
    public Task Reports_a_local_handed_to_a_JwtBearer_scheme() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                var shared = {|#0:new TokenValidationParameters|} { ValidIssuer = "https://auth.example.com" };
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.TokenValidationParameters = shared;
                    o.MapInboundClaims = false;
                });
            }
        }
        """,
        MissingForScheme(0, "shared"));

    [Fact]
    public Task Reports_in_top_level_statements()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<OneAuth.Analyzers.Rules.AudienceMissingAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = Refs.None,
            TestCode = """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer(o =>
            {
                o.Authority = builder.Configuration["Auth:Authority"];
                o.TokenValidationParameters = new TokenValidationParameters { {|#0:ValidateAudience = true|}, ValidIssuer = builder.Configuration["Auth:Issuer"] };
            });
            builder.Build().Run();
            """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth);
        test.ExpectedDiagnostics.Add(MissingForScheme(0, "o.TokenValidationParameters"));
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_parameters_built_only_in_some_environments_at_Info() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services, IHostEnvironment env)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    if (env.IsDevelopment())
                        o.TokenValidationParameters = {|#0:new TokenValidationParameters|} { ValidIssuer = "https://localhost:5001" };
                });
            }

            async Task<bool> N(string token)
            {
        #if !DEBUG
                var p = new TokenValidationParameters { {|#1:ValidateAudience = true|} };
                return (await new JsonWebTokenHandler().ValidateTokenAsync(token, p)).IsValid;
        #else
                return false;
        #endif
            }
        }
        """,
        MissingForScheme(0, "o.TokenValidationParameters").WithSeverity(DiagnosticSeverity.Info),
        Missing(1, "p").WithSeverity(DiagnosticSeverity.Info));

    // Negative cases: something names the audience.

    [Fact]
    public Task Silent_when_the_initializer_names_the_audience() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static readonly string[] Audiences = { "orders-api" };
            JsonWebTokenHandler H = new();
            Task<TokenValidationResult> A(string t) => H.ValidateTokenAsync(t, new TokenValidationParameters { ValidateAudience = true, ValidAudience = "orders-api" });
            Task<TokenValidationResult> B(string t) => H.ValidateTokenAsync(t, new TokenValidationParameters { ValidAudiences = new[] { "orders-api", "orders" } });
            Task<TokenValidationResult> D(string t) => H.ValidateTokenAsync(t, new TokenValidationParameters { ValidAudiences = Audiences });
            Task<TokenValidationResult> E(string t) => H.ValidateTokenAsync(t, new TokenValidationParameters { AudienceValidator = (a, s, p) => Check(a) });
            static bool Check(System.Collections.Generic.IEnumerable<string> a) => a is not null;
        }
        """);

    [Fact]
    public Task Silent_when_a_later_assignment_or_configuration_names_the_audience() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            async Task<bool> M(string token, IConfiguration configuration, bool strict)
            {
                var parameters = new TokenValidationParameters { ValidateAudience = true };
                if (strict)
                    parameters.ValidAudience = configuration["Jwt:Audience"];
                var fromSection = new TokenValidationParameters
                {
                    ValidAudiences = configuration.GetSection("Jwt:Audiences").Get<string[]>(),
                };
                var handler = new JsonWebTokenHandler();
                return (await handler.ValidateTokenAsync(token, parameters)).IsValid
                    && (await handler.ValidateTokenAsync(token, fromSection)).IsValid;
            }
        }
        """);

    [Fact]
    public Task Silent_when_the_scheme_names_the_audience() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services, IConfiguration configuration)
            {
                services.AddAuthentication()
                    .AddJwtBearer(o =>
                    {
                        o.Audience = configuration["Jwt:Audience"];
                        o.TokenValidationParameters = new TokenValidationParameters { ValidateAudience = true };
                    })
                    .AddJwtBearer("second", o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = "https://auth.example.com" };
                        o.TokenValidationParameters.ValidAudiences = new[] { "orders-api" };
                    })
                    .AddJwtBearer("third", o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters();
                        o.Events = new JwtBearerEvents
                        {
                            OnMessageReceived = context =>
                            {
                                context.Options.TokenValidationParameters.ValidAudience = "orders-api";
                                return System.Threading.Tasks.Task.CompletedTask;
                            },
                        };
                    });
            }
        }
        """);

    [Fact]
    public Task Silent_for_shapes_the_rule_does_not_follow() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        static class JwtBearerExtensions
        {
            // Not ASP.NET Core's AddJwtBearer: what it does with the options is not known.
            public static AuthenticationBuilder AddJwtBearer(this AuthenticationBuilder b, string scheme, System.Action<JwtBearerOptions> configure, int retries) => b;
        }
        class C
        {
            JwtSecurityTokenHandler H = new();
            void M(string t, string csv, string a, string i, IServiceCollection services, IEnumerable<string> audiences)
            {
                var split = new TokenValidationParameters { ValidateAudience = true };
                split.ValidAudiences = csv.Split(',');
                H.ValidateToken(t, split, out _);

                var tuple = new TokenValidationParameters();
                (tuple.ValidAudience, tuple.ValidIssuer) = (a, i);
                H.ValidateToken(t, tuple, out _);

                var coalesced = new TokenValidationParameters();
                coalesced.ValidAudience ??= a;
                H.ValidateToken(t, coalesced, out _);

                var bag = new TokenValidationParameters { PropertyBag = { ["tenant"] = "t1" } };
                H.ValidateToken(t, bag, out _);

                foreach (string audience in audiences)
                    H.ValidateToken(t, new TokenValidationParameters { ValidAudience = audience }, out _);

                var conditional = a.Length > 0 ? new TokenValidationParameters { ValidAudience = a } : new TokenValidationParameters();
                H.ValidateToken(t, conditional, out _);

                services.AddAuthentication().AddJwtBearer("custom", o => o.TokenValidationParameters = new TokenValidationParameters(), retries: 3);
                services.Configure<JwtBearerOptions>("other", o => o.TokenValidationParameters = new TokenValidationParameters());
            }
        }
        """);

    [Fact]
    public Task Silent_when_ValidateAudience_is_false_or_not_known() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            JsonWebTokenHandler H = new();
            Task<TokenValidationResult> A(string t) => H.ValidateTokenAsync(t, new TokenValidationParameters { ValidateAudience = false });
            Task<TokenValidationResult> B(string t, bool validate) => H.ValidateTokenAsync(t, new TokenValidationParameters { ValidateAudience = validate });
            async Task<bool> D(string t)
            {
                var p = new TokenValidationParameters { ValidateAudience = true };
                p.ValidateAudience = false;
                return (await H.ValidateTokenAsync(t, p)).IsValid;
            }
        }
        """);

    // Negative cases: the object escapes to code that might name the audience, or is never used here.

    [Fact]
    public Task Silent_when_the_parameters_escape() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters _stored = new();
            readonly List<TokenValidationParameters> _all = new();
            JwtSecurityTokenHandler H = new();

            TokenValidationParameters Returned() => new TokenValidationParameters { ValidIssuer = "https://auth.example.com" };

            TokenValidationParameters ReturnedLocal()
            {
                var p = new TokenValidationParameters { ValidIssuer = "https://auth.example.com" };
                return p;
            }

            void Helper(string t)
            {
                var p = new TokenValidationParameters();
                AddAudience(p);
                H.ValidateToken(t, p, out _);
            }

            void Cloned(string t)
            {
                var template = new TokenValidationParameters { ValidIssuer = "https://auth.example.com" };
                var p = template.Clone();
                p.ValidAudience = "orders-api";
                H.ValidateToken(t, p, out _);
            }

            void Stored(string t)
            {
                var p = new TokenValidationParameters();
                _stored = p;
                _all.Add(new TokenValidationParameters());
                H.ValidateToken(t, p, out _);
            }

            void Aliased(string t)
            {
                var p = new TokenValidationParameters();
                var q = p;
                q.ValidAudience = "orders-api";
                H.ValidateToken(t, p, out _);
            }

            void Reassigned(string t, TokenValidationParameters other)
            {
                var p = new TokenValidationParameters();
                p = other;
                H.ValidateToken(t, p, out _);
            }

            void NeverUsed()
            {
                var p = new TokenValidationParameters { ValidateAudience = true };
                p.ValidIssuer = "https://auth.example.com";
            }

            static void AddAudience(TokenValidationParameters p) => p.ValidAudience = "orders-api";
        }
        """);

    [Fact]
    public Task Silent_for_clones_and_derived_types() => V.AnalyzerAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class OrdersParameters : TokenValidationParameters
        {
            public OrdersParameters() => ValidAudience = "orders-api";
        }
        class C
        {
            void M(string t, TokenValidationParameters template)
            {
                var h = new JwtSecurityTokenHandler();
                h.ValidateToken(t, template.Clone(), out _);
                h.ValidateToken(t, new OrdersParameters { ValidIssuer = "https://auth.example.com" }, out _);
            }
        }
        """);

    [Fact]
    public Task Silent_when_a_JwtBearer_scheme_keeps_the_parameters_configuration_can_fill() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services, IConfiguration configuration)
            {
                services.AddAuthentication()
                    // Authentication:Schemes:Bearer:ValidAudiences fills the scheme's own parameters.
                    .AddJwtBearer(o =>
                    {
                        o.Authority = "https://auth.example.com";
                        o.TokenValidationParameters.ValidateAudience = true;
                    })
                    .AddJwtBearer("bound", o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters();
                        configuration.Bind("Jwt", o);
                    })
                    .AddJwtBearer("section", o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters();
                        configuration.GetSection("Jwt").Bind(o);
                    })
                    .AddJwtBearer("handlers", o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters();
                        o.TokenHandlers.Clear();
                    })
                    .AddJwtBearer("events", o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters();
                        o.Events = new AudienceEvents();
                    })
                    .AddJwtBearer("events-type", o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters();
                        o.EventsType = typeof(AudienceEvents);
                    })
                    .AddJwtBearer("twice", o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters();
                        o.TokenValidationParameters = Build();
                    });
            }

            static TokenValidationParameters Build() => new() { ValidAudience = "orders-api" };

            // Not a lambda given to AddJwtBearer: the caller is not in sight.
            static void Configure(JwtBearerOptions o) => o.TokenValidationParameters = new TokenValidationParameters();
        }

        class AudienceEvents : JwtBearerEvents
        {
            public override System.Threading.Tasks.Task MessageReceived(MessageReceivedContext context)
            {
                context.Options.TokenValidationParameters.ValidAudience = "orders-api";
                return base.MessageReceived(context);
            }
        }
        """);

    [Fact]
    public Task Silent_when_other_code_configures_JwtBearerOptions() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters());
                services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.TokenValidationParameters.ValidAudience = "orders-api");
            }
        }
        """);

    [Fact]
    public Task Silent_when_an_options_builder_binds_JwtBearerOptions() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters());
                services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).BindConfiguration("Jwt");
            }
        }
        """);

    [Fact]
    public Task Silent_when_a_class_in_another_file_post_configures_JwtBearerOptions()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<OneAuth.Analyzers.Rules.AudienceMissingAnalyzer, DefaultVerifier> { ReferenceAssemblies = Refs.None };
        test.TestState.Sources.Add(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;
            class C
            {
                void M(IServiceCollection services)
                    => services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters());
            }
            """);
        test.TestState.Sources.Add(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.Options;
            sealed class AudienceFromSettings : IPostConfigureOptions<JwtBearerOptions>
            {
                public void PostConfigure(string? name, JwtBearerOptions options) => options.Audience = "orders-api";
            }
            """);
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth);
        return test.RunAsync();
    }

    [Fact]
    public Task Silent_for_an_unrelated_type_with_the_same_names() => V.AnalyzerAsync(
        """
        namespace Legacy
        {
            class TokenValidationParameters { public bool ValidateAudience { get; set; } = true; public string? ValidIssuer { get; set; } }
            class Handler { public void ValidateToken(string t, TokenValidationParameters p) { } }
            class C { void M(string t) => new Handler().ValidateToken(t, new TokenValidationParameters { ValidateAudience = true }); }
        }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        class TokenValidationParameters { public bool ValidateAudience { get; set; } }
        class JsonWebTokenHandler { public void ValidateTokenAsync(string t, TokenValidationParameters p) { } }
        class C { void M(string t) => new JsonWebTokenHandler().ValidateTokenAsync(t, new TokenValidationParameters { ValidateAudience = true }); }
        """,
        Refs.Framework);

    [Fact]
    public Task Silent_in_test_projects_by_default() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            Task<TokenValidationResult> M(string t) => new JsonWebTokenHandler().ValidateTokenAsync(t, new TokenValidationParameters { ValidateAudience = true });
        }
        """,
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)));
}
