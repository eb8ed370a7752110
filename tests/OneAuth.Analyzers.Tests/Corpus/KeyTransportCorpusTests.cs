using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>OA0010: how signing keys and metadata are fetched.</summary>
public class KeyTransportCorpusTests
{
    [Fact]
    public Task Plain_http_and_https_switches_in_JwtBearer_and_OpenIdConnect() => VerifyProgramAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        const string Realm = "billing";
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication().AddJwtBearer(o =>
        {
            {|OA0010:o.Authority = "http://keycloak.internal:8080/realms/billing"|};
            {|OA0010:o.RequireHttpsMetadata = false|};
            {|OA0010:o.MetadataAddress = $"http://keycloak.internal:8080/realms/{Realm}/.well-known/openid-configuration"|};
            {|#0:o.RequireHttpsMetadata = !builder.Environment.IsDevelopment()|};
        });
        builder.Services.Configure<OpenIdConnectOptions>("oidc", o =>
        {
            {|OA0010:o.Authority = "http://login.example.com"|};
            {|OA0010:o.RequireHttpsMetadata = false|};
        });
        builder.Build().Run();
        """,
        Info("OA0010", 0));

    [Fact]
    public Task Backchannel_handlers_that_accept_any_certificate() => VerifyAsync(
        """
        using System.Net.Http;
        using System.Net.Security;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;

        public static class Backchannel
        {
            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication()
                    .AddJwtBearer("a", o =>
                    {
                        o.BackchannelHttpHandler = new HttpClientHandler
                        {
                            {|OA0010:ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|},
                        };
                    })
                    .AddJwtBearer("b", o =>
                    {
                        o.BackchannelHttpHandler = new HttpClientHandler
                        {
                            {|OA0010:ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true|},
                        };
                    })
                    .AddJwtBearer("c", o =>
                    {
                        o.BackchannelHttpHandler = new SocketsHttpHandler
                        {
                            SslOptions = { {|OA0010:RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true|} },
                        };
                    })
                    .AddJwtBearer("d", o =>
                    {
                        var handler = new SocketsHttpHandler();
                        {|OA0010:handler.SslOptions.RemoteCertificateValidationCallback = delegate { return true; }|};
                        o.Backchannel = new HttpClient(handler);
                    })
                    .AddJwtBearer("e", o =>
                    {
                        o.BackchannelHttpHandler = new SocketsHttpHandler
                        {
                            SslOptions = new SslClientAuthenticationOptions
                            {
                                {|OA0010:RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true|},
                            },
                        };
                    });
            }
        }
        """);

    [Fact]
    public Task Quiet_for_https_loopback_configuration_and_real_certificate_checks() => VerifyProgramAsync(
        """
        using System.Net.Http;
        using System.Net.Security;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication()
            .AddJwtBearer(o =>
            {
                o.Authority = "https://auth.example.com";
                o.MetadataAddress = builder.Configuration["Jwt:MetadataAddress"];
                o.RequireHttpsMetadata = true;
            })
            .AddJwtBearer("local", o =>
            {
                o.Authority = "http://localhost:8080/realms/dev";
                o.MetadataAddress = "http://127.0.0.1:8080/realms/dev/.well-known/openid-configuration";
                o.RequireHttpsMetadata = bool.Parse(builder.Configuration["Jwt:RequireHttps"] ?? "true");
                o.BackchannelHttpHandler = new SocketsHttpHandler
                {
                    SslOptions = { RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => errors == SslPolicyErrors.None },
                };
            });

        // A handler for unrelated outbound traffic is not the rule's business.
        var other = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (a, b, c, d) => true } });
        builder.Build().Run();
        """);

    [Fact]
    public Task Https_metadata_switched_off_for_a_local_issuer_only() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;

        public static class LocalIssuer
        {
            private const string LocalKeycloak = "http://localhost:8080/realms/dev";

            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication()
                    .AddJwtBearer("local", o =>
                    {
                        o.Authority = LocalKeycloak;
                        o.RequireHttpsMetadata = false;
                    })
                    .AddJwtBearer("loopback-ip", o =>
                    {
                        o.MetadataAddress = "http://127.0.0.1:5001/.well-known/openid-configuration";
                        o.Authority = "http://[::1]:5001";
                        o.RequireHttpsMetadata = false;
                    })
                    .AddJwtBearer("mixed", o =>
                    {
                        o.Authority = "http://localhost:8080/realms/dev";
                        {|OA0010:o.MetadataAddress = "http://idp.internal/.well-known/openid-configuration"|};
                        {|OA0010:o.RequireHttpsMetadata = false|};
                    })
                    .AddJwtBearer("unknown", o =>
                    {
                        {|OA0010:o.RequireHttpsMetadata = false|};
                    });
                services.Configure<JwtBearerOptions>(o => { });
            }

            public static JwtBearerOptions Initializer() => new JwtBearerOptions
            {
                Authority = "http://localhost:8080/realms/dev",
                RequireHttpsMetadata = false,
            };
        }
        """);

    [Fact]
    public Task Handlers_built_by_factory_methods_and_local_functions() => VerifyAsync(
        """
        using System.Net.Http;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;

        public static class Factories
        {
            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication()
                    .AddJwtBearer("a", o => o.BackchannelHttpHandler = CreateInsecureHandler())
                    .AddJwtBearer("b", o =>
                    {
                        o.Backchannel = new HttpClient(Local());

                        HttpMessageHandler Local()
                        {
                            var handler = new HttpClientHandler();
                            {|OA0010:handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true|};
                            return handler;
                        }
                    });
            }

            private static HttpMessageHandler CreateInsecureHandler() => new HttpClientHandler
            {
                {|OA0010:ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|},
            };

            public static void Configure(JwtBearerOptions o) => o.BackchannelHttpHandler = Factories.BlockBodied(true);

            private static SocketsHttpHandler BlockBodied(bool pooled)
            {
                var handler = new SocketsHttpHandler { PooledConnectionLifetime = System.TimeSpan.FromMinutes(pooled ? 5 : 1) };
                {|OA0010:handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true|};
                return handler;
            }

            // Made the same way, but only ever used for other traffic.
            private static HttpMessageHandler CreateScraperHandler() => new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (a, b, c, d) => true },
            };

            public static HttpClient Scraper() => new HttpClient(CreateScraperHandler());
        }
        """);

    [Fact]
    public Task Authority_chosen_by_environment() => VerifyProgramAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        var builder = WebApplication.CreateBuilder(args);
        bool isDev = builder.Environment.IsDevelopment();
        bool useMirror = builder.Configuration["Mirror"] == "1";
        builder.Services.AddAuthentication().AddJwtBearer(o =>
        {
            {|#0:o.Authority = isDev ? "http://keycloak:8080/realms/dev" : "https://auth.example.com/realms/prod"|};
            {|OA0010:o.MetadataAddress = useMirror ? "http://mirror.internal/oidc" : "http://idp.internal/oidc"|};
            o.MetadataAddress = useMirror ? "http://mirror.internal/oidc" : "https://idp.example.com/oidc";
            o.MetadataAddress = isDev ? "http://localhost:8080/oidc" : "https://idp.example.com/oidc";
        });
        builder.Build().Run();
        """,
        Info("OA0010", 0).WithArguments("Authority", "uses the plain-HTTP URL 'http://keycloak:8080/realms/dev' in some environments"));
}
