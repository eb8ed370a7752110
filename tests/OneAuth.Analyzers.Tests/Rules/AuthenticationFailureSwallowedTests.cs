using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.AuthenticationFailureSwallowedAnalyzer,
    OneAuth.Analyzers.CodeFixes.AuthenticationFailureSwallowedCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AuthenticationFailureSwallowedTests
{
    private const string Usings = """
        using System;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;

        """;

    [Fact]
    public Task Silent_on_a_correct_realistic_service() => V.AnalyzerAsync(OneAuth.Analyzers.Tests.Corpus.CorrectBillingService.Source);

    [Fact]
    public Task Reports_its_mistake_in_a_realistic_legacy_service() => V.AnalyzerAsync(
        OneAuth.Analyzers.Tests.Corpus.LegacyBillingService.Source,
        V.Diagnostic().WithLocation(1).WithArguments("JwtBearer"));

    [Fact]
    public Task Reports_and_removes_Success_in_an_initializer_lambda_inside_AddJwtBearer() => V.CodeFixAsync(
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication("Bearer").AddJwtBearer(o =>
                {
                    o.Events = new JwtBearerEvents
                    {
                        OnAuthenticationFailed = context =>
                        {
                            context.Principal = new ClaimsPrincipal(new ClaimsIdentity());
                            {|#0:context.Success()|};
                            return Task.CompletedTask;
                        },
                    };
                });
            }
        }
        """,
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication("Bearer").AddJwtBearer(o =>
                {
                    o.Events = new JwtBearerEvents
                    {
                        OnAuthenticationFailed = context =>
                        {
                            context.Principal = new ClaimsPrincipal(new ClaimsIdentity());
                            return Task.CompletedTask;
                        },
                    };
                });
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("JwtBearer"));

    [Fact]
    public Task Reports_later_assignment_method_group_override_and_Configure() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.Configure<JwtBearerOptions>("Bearer", o =>
                {
                    o.Events ??= new JwtBearerEvents();
                    o.Events.OnAuthenticationFailed = async ctx =>
                    {
                        await Task.Yield();
                        if (ctx.Exception is Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException)
                            {|#0:ctx.Success()|};
                    };
                });
                services.AddAuthentication().AddJwtBearer(o => o.Events = new JwtBearerEvents { OnAuthenticationFailed = Accept });
            }

            static Task Accept(AuthenticationFailedContext failed)
            {
                failed.Principal = new ClaimsPrincipal();
                {|#1:failed.Success()|};
                return Task.CompletedTask;
            }
        }

        class LenientEvents : JwtBearerEvents
        {
            public override Task AuthenticationFailed(AuthenticationFailedContext context)
            {
                {|#2:context.Success()|};
                return base.AuthenticationFailed(context);
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("JwtBearer"),
        V.Diagnostic().WithLocation(1).WithArguments("JwtBearer"),
        V.Diagnostic().WithLocation(2).WithArguments("JwtBearer"));

    [Fact]
    public Task No_fix_when_Success_is_not_a_statement_of_its_own() => V.NoCodeFixAsync(
        Usings + """
        class C
        {
            JwtBearerEvents E() => new() { OnAuthenticationFailed = c => Task.Run(() => {|#0:c.Success()|}) };
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("JwtBearer"));

    [Fact]
    public Task Silent_for_logging_NoResult_Fail_and_a_principal_without_Success() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            JwtBearerEvents E() => new()
            {
                OnAuthenticationFailed = context =>
                {
                    Console.WriteLine(context.Exception.Message);
                    context.Principal = new ClaimsPrincipal();
                    context.NoResult();
                    return Task.CompletedTask;
                },
                OnForbidden = context => { context.Fail("forbidden"); return Task.CompletedTask; },
                OnChallenge = context => { context.HandleResponse(); return Task.CompletedTask; },
                OnTokenValidated = context => { context.Success(); return Task.CompletedTask; },
                OnMessageReceived = context => { context.NoResult(); return Task.CompletedTask; },
            };
        }
        """);

    [Fact]
    public Task Silent_for_Success_of_an_unrelated_type() => V.AnalyzerAsync(
        """
        class AuthenticationFailedContext { public void Success() { } }
        class C { void M(AuthenticationFailedContext c) => c.Success(); }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        class AuthenticationFailedContext { public void Success() { } }
        class C { void M(AuthenticationFailedContext c) => c.Success(); }
        """,
        Refs.Framework);

    [Fact]
    public Task Silent_in_test_projects_by_default() => V.AnalyzerAsync(
        Usings + """
        class C { void M(AuthenticationFailedContext c) => c.Success(); }
        """,
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)));

    [Fact]
    public Task Fix_all_removes_every_Success() => V.CodeFixAsync(
        Usings + """
        class C
        {
            JwtBearerEvents A() => new() { OnAuthenticationFailed = c => { {|#0:c.Success()|}; return Task.CompletedTask; } };
            void B(AuthenticationFailedContext c)
            {
                {|#1:c.Success()|};
                Console.WriteLine("accepted anyway");
            }
        }
        """,
        Usings + """
        class C
        {
            JwtBearerEvents A() => new() { OnAuthenticationFailed = c => { return Task.CompletedTask; } };
            void B(AuthenticationFailedContext c)
            {
                Console.WriteLine("accepted anyway");
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("JwtBearer"),
        V.Diagnostic().WithLocation(1).WithArguments("JwtBearer"));
}
