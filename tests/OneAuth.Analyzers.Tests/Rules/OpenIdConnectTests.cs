using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using Transport = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.InsecureKeyTransportAnalyzer,
    OneAuth.Analyzers.CodeFixes.InsecureKeyTransportCodeFixProvider>;
using Swallowed = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.AuthenticationFailureSwallowedAnalyzer,
    OneAuth.Analyzers.CodeFixes.AuthenticationFailureSwallowedCodeFixProvider>;
using Audience = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.AudienceValidationDisabledAnalyzer,
    OneAuth.Analyzers.CodeFixes.AudienceValidationDisabledCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

/// <summary>
/// The rules that cover OpenID Connect, compiled against the real Microsoft.AspNetCore.Authentication.OpenIdConnect
/// package: its options, events and contexts, reached through <c>AddOpenIdConnect</c>.
/// </summary>
public class OpenIdConnectTests
{
    private const string Usings = """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;
        using Microsoft.Extensions.DependencyInjection;

        """;

    [Fact]
    public Task Reports_and_fixes_RequireHttpsMetadata_false_in_AddOpenIdConnect() => Transport.CodeFixAsync(
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddOpenIdConnect("oidc", o =>
                {
                    o.Authority = "https://auth.example.com";
                    {|#0:o.RequireHttpsMetadata = false|};
                    o.ClientId = "billing";
                });
            }
        }
        """,
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddOpenIdConnect("oidc", o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.RequireHttpsMetadata = true;
                    o.ClientId = "billing";
                });
            }
        }
        """,
        new DiagnosticResult(Descriptors.InsecureKeyTransport).WithLocation(0).WithArguments("RequireHttpsMetadata", "is false"));

    [Fact]
    public Task Reports_and_fixes_a_plain_http_Authority_in_AddOpenIdConnect() => Transport.CodeFixAsync(
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddOpenIdConnect("oidc", o => { {|#0:o.Authority = "http://auth.example.com"|}; });
            }
        }
        """,
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddOpenIdConnect("oidc", o => { o.Authority = "https://auth.example.com"; });
            }
        }
        """,
        new DiagnosticResult(Descriptors.InsecureKeyTransport).WithLocation(0).WithArguments("Authority", "uses the plain-HTTP URL 'http://auth.example.com'"));

    [Fact]
    public Task Reports_an_OpenIdConnect_backchannel_that_accepts_any_certificate() => Transport.NoCodeFixAsync(
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.Configure<OpenIdConnectOptions>("oidc", o =>
                {
                    o.BackchannelHttpHandler = new HttpClientHandler
                    {
                        {|#0:ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true|},
                    };
                });
            }
        }
        """,
        new DiagnosticResult(Descriptors.InsecureKeyTransport).WithLocation(0).WithArguments("ServerCertificateCustomValidationCallback", "accepts any server certificate"));

    [Fact]
    public Task Silent_on_a_correct_OpenIdConnect_setup() => Transport.AnalyzerAsync(
        Usings + """
        class C
        {
            void M(IServiceCollection services, bool local)
            {
                services.AddAuthentication().AddOpenIdConnect(o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.MetadataAddress = "https://auth.example.com/.well-known/openid-configuration";
                    o.RequireHttpsMetadata = true;
                    o.BackchannelHttpHandler = new HttpClientHandler();
                    o.TokenValidationParameters.ValidAudience = "billing";
                });
            }
        }
        """);

    [Fact]
    public Task Reports_Success_in_OpenIdConnectEvents_OnAuthenticationFailed() => Swallowed.AnalyzerAsync(
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddOpenIdConnect(o =>
                {
                    o.Events = new OpenIdConnectEvents
                    {
                        OnAuthenticationFailed = context =>
                        {
                            {|#0:context.Success()|};
                            return Task.CompletedTask;
                        },
                    };
                });
            }
        }
        """,
        new DiagnosticResult(Descriptors.AuthenticationFailureSwallowed).WithLocation(0).WithArguments("OpenIdConnect"));

    [Fact]
    public Task Silent_when_OpenIdConnect_failures_are_handled_or_other_events_succeed() => Swallowed.AnalyzerAsync(
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddOpenIdConnect(o =>
                {
                    o.Events = new OpenIdConnectEvents
                    {
                        OnAuthenticationFailed = context =>
                        {
                            context.HandleResponse();
                            context.Response.Redirect("/error");
                            return Task.CompletedTask;
                        },
                        OnTokenValidated = context =>
                        {
                            context.Success();
                            return Task.CompletedTask;
                        },
                    };
                });
            }
        }
        """);

    [Fact]
    public Task Reports_and_fixes_audience_validation_switched_off_on_OpenIdConnect_options() => Audience.CodeFixAsync(
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddOpenIdConnect(o =>
                {
                    o.Authority = "https://auth.example.com";
                    {|#0:o.TokenValidationParameters.ValidateAudience = false|};
                });
            }
        }
        """,
        Usings + """
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddOpenIdConnect(o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.TokenValidationParameters.ValidateAudience = true;
                });
            }
        }
        """,
        Audience.Diagnostic().WithLocation(0).WithArguments("ValidateAudience", "false"));
}
