using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.InsecureKeyTransportAnalyzer,
    OneAuth.Analyzers.CodeFixes.InsecureKeyTransportCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class InsecureKeyTransportTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string name, string what)
        => new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.InsecureKeyTransport).WithLocation(location).WithArguments(name, what);

    private static string Http(string url) => $"uses the plain-HTTP URL '{url}'";

    [Fact]
    public Task Reports_and_fixes_RequireHttpsMetadata_and_RequireHttps_false() => V.CodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Protocols;
        class C
        {
            const bool Off = false;
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://auth.example.com";
                    {|#0:o.RequireHttpsMetadata = false|};
                });
                services.PostConfigure<JwtBearerOptions>(o => { {|#1:o.RequireHttpsMetadata = Off|}; });
                var retriever = new HttpDocumentRetriever { {|#2:RequireHttps = false|} };
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Protocols;
        class C
        {
            const bool Off = false;
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.RequireHttpsMetadata = true;
                });
                services.PostConfigure<JwtBearerOptions>(o => { o.RequireHttpsMetadata = true; });
                var retriever = new HttpDocumentRetriever { RequireHttps = true };
            }
        }
        """,
        Expected(0, "RequireHttpsMetadata", "is false"), Expected(1, "RequireHttpsMetadata", "is false"), Expected(2, "RequireHttps", "is false"));

    [Fact]
    public Task Silent_when_the_switch_is_set_back_to_true_before_the_options_are_used() => V.AnalyzerAsync(
        """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Protocols;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.RequireHttpsMetadata = false;
                    o.Authority = "https://auth.example.com";
                    o.TokenValidationParameters.ValidIssuer = "https://auth.example.com";
                    o.RequireHttpsMetadata = true;
                });
                var retriever = new HttpDocumentRetriever { RequireHttps = false };
                retriever.RequireHttps = true;
            }
        }
        """);

    [Fact]
    public Task Reports_and_fixes_a_switch_set_back_to_true_only_on_some_path_or_after_use() => V.CodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Protocols;
        using Microsoft.IdentityModel.Protocols.OpenIdConnect;
        class C
        {
            void M(IServiceCollection services, bool strict)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    {|#0:o.RequireHttpsMetadata = false|};
                    if (strict)
                        o.RequireHttpsMetadata = true;
                });
                var retriever = new HttpDocumentRetriever { {|#1:RequireHttps = false|} };
                var manager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    "https://auth.example.com/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever);
                retriever.RequireHttps = true;
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Protocols;
        using Microsoft.IdentityModel.Protocols.OpenIdConnect;
        class C
        {
            void M(IServiceCollection services, bool strict)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.RequireHttpsMetadata = true;
                    if (strict)
                        o.RequireHttpsMetadata = true;
                });
                var retriever = new HttpDocumentRetriever { RequireHttps = true };
                var manager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    "https://auth.example.com/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever);
                retriever.RequireHttps = true;
            }
        }
        """,
        Expected(0, "RequireHttpsMetadata", "is false"), Expected(1, "RequireHttps", "is false"));

    [Fact]
    public Task Environment_dependent_switch_is_reported_as_info() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Hosting;
        class C
        {
            void M(JwtBearerOptions o, IHostEnvironment env) { {|#0:o.RequireHttpsMetadata = !env.IsDevelopment()|}; }
        }
        """,
        Expected(0, "RequireHttpsMetadata", "is false in some environments").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Reports_and_fixes_http_authority_metadata_address_and_configuration_manager_address() => V.CodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.IdentityModel.Protocols;
        using Microsoft.IdentityModel.Protocols.OpenIdConnect;
        class C
        {
            void M(JwtBearerOptions o)
            {
                {|#0:o.Authority = "http://auth.example.com"|};
                {|#1:o.MetadataAddress = "HTTP://auth.example.com/.well-known/openid-configuration"|};
                var manager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    {|#2:"http://auth.example.com:8080/.well-known/openid-configuration"|},
                    new OpenIdConnectConfigurationRetriever());
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.IdentityModel.Protocols;
        using Microsoft.IdentityModel.Protocols.OpenIdConnect;
        class C
        {
            void M(JwtBearerOptions o)
            {
                o.Authority = "https://auth.example.com";
                o.MetadataAddress = "https://auth.example.com/.well-known/openid-configuration";
                var manager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    "https://auth.example.com:8080/.well-known/openid-configuration",
                    new OpenIdConnectConfigurationRetriever());
            }
        }
        """,
        Expected(0, "Authority", Http("http://auth.example.com")),
        Expected(1, "MetadataAddress", Http("HTTP://auth.example.com/.well-known/openid-configuration")),
        Expected(2, "metadataAddress", Http("http://auth.example.com:8080/.well-known/openid-configuration")));

    [Fact]
    public Task Reports_a_constant_url_without_a_fix() => V.NoCodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        class C
        {
            const string Issuer = "http://auth.example.com";
            void M(JwtBearerOptions o) { {|#0:o.Authority = Issuer|}; }
        }
        """,
        Expected(0, "Authority", Http("http://auth.example.com")));

    [Fact]
    public Task Reports_interpolated_and_concatenated_http_urls_with_a_variable_host_without_a_fix() => V.NoCodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Protocols;
        using Microsoft.IdentityModel.Protocols.OpenIdConnect;
        class C
        {
            void M(IServiceCollection services, string host, string realm)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    {|#0:o.MetadataAddress = $"http://{host}/.well-known/openid-configuration"|};
                    {|#1:o.Authority = "http://" + host + "/realms/" + realm|};
                });
                var manager = new ConfigurationManager<OpenIdConnectConfiguration>({|#2:$"http://keycloak:8080/realms/{realm}/.well-known/openid-configuration"|}, new OpenIdConnectConfigurationRetriever());
            }
        }
        """,
        Expected(0, "MetadataAddress", Http("http://{host}/.well-known/openid-configuration")),
        Expected(1, "Authority", Http("http://{host}/realms/{realm}")),
        Expected(2, "metadataAddress", Http("http://keycloak:8080/realms/{realm}/.well-known/openid-configuration")));

    [Fact]
    public Task Silent_for_interpolated_https_loopback_and_scheme_holes() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services, string host, int port, string scheme)
            {
                services.AddAuthentication().AddJwtBearer(o => o.MetadataAddress = $"https://{host}/.well-known/openid-configuration");
                services.AddAuthentication().AddJwtBearer("b", o => o.Authority = $"http://localhost:{port}/realms/dev");
                services.AddAuthentication().AddJwtBearer("c", o => o.Authority = "http://127.0.0.1:" + port);
                services.AddAuthentication().AddJwtBearer("d", o => o.Authority = $"{scheme}://{host}");
                services.AddAuthentication().AddJwtBearer("e", o => o.Authority = $"http://localhost{host}");
            }
        }
        """);

    [Fact]
    public Task Reports_keys_read_from_a_GetAsync_response_or_a_WebClient_over_plain_http() => V.AnalyzerAsync(
        """
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            async Task M(HttpClient http)
            {
                using HttpResponseMessage response = await http.GetAsync({|#0:"http://auth.internal/jwks"|});
                var a = new JsonWebKeySet(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
                var b = JsonWebKeySet.Create(await (await http.GetAsync({|#1:"http://auth.internal/jwks"|})).Content.ReadAsStringAsync());
                #pragma warning disable SYSLIB0014
                var c = new JsonWebKeySet(new WebClient().DownloadString({|#2:"http://auth.internal/jwks"|}));
                #pragma warning restore SYSLIB0014
            }
        }
        """,
        Expected(0, "GetAsync", Http("http://auth.internal/jwks")),
        Expected(1, "GetAsync", Http("http://auth.internal/jwks")),
        Expected(2, "DownloadString", Http("http://auth.internal/jwks")));

    [Fact]
    public Task Silent_for_https_GetAsync_and_plain_http_responses_that_are_not_keys() => V.AnalyzerAsync(
        """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            async Task<string> M(HttpClient http)
            {
                using HttpResponseMessage keys = await http.GetAsync("https://auth.example.com/jwks");
                var set = new JsonWebKeySet(await keys.Content.ReadAsStringAsync());
                using HttpResponseMessage other = await http.GetAsync("http://erp.internal/orders");
                return await other.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task Reports_backchannel_handlers_that_accept_any_certificate_without_a_fix() => V.NoCodeFixAsync(
        """
        using System.Net.Http;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Protocols;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.BackchannelHttpHandler = new HttpClientHandler
                    {
                        {|#0:ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|},
                    };
                });
                services.AddAuthentication().AddJwtBearer("b", o =>
                {
                    var handler = new HttpClientHandler();
                    {|#1:handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true|};
                    o.Backchannel = new HttpClient(handler);
                });
                var h = new HttpClientHandler { {|#2:ServerCertificateCustomValidationCallback = delegate { return true; }|} };
                var retriever = new HttpDocumentRetriever(new HttpClient(h));
            }
        }
        """,
        Expected(0, "ServerCertificateCustomValidationCallback", "accepts any server certificate"),
        Expected(1, "ServerCertificateCustomValidationCallback", "accepts any server certificate"),
        Expected(2, "ServerCertificateCustomValidationCallback", "accepts any server certificate"));

    [Fact]
    public Task Reports_SocketsHttpHandler_callbacks_that_accept_any_certificate_without_a_fix() => V.NoCodeFixAsync(
        """
        using System.Net.Http;
        using System.Net.Security;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.IdentityModel.Protocols;
        class C
        {
            void M(JwtBearerOptions o, JwtBearerOptions p, JwtBearerOptions q)
            {
                o.BackchannelHttpHandler = new SocketsHttpHandler
                {
                    SslOptions = { {|#0:RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true|} },
                };
                var handler = new SocketsHttpHandler();
                {|#1:handler.SslOptions.RemoteCertificateValidationCallback = delegate { return true; }|};
                p.Backchannel = new HttpClient(handler);
                q.BackchannelHttpHandler = new SocketsHttpHandler
                {
                    SslOptions = new SslClientAuthenticationOptions { {|#2:RemoteCertificateValidationCallback = Accept|} },
                };
                var retriever = new HttpDocumentRetriever(new HttpClient(new SocketsHttpHandler
                {
                    SslOptions = { {|#3:RemoteCertificateValidationCallback = (a, b, c, d) => true|} },
                }));
            }

            static bool Accept(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) => true;
        }
        """,
        Expected(0, "RemoteCertificateValidationCallback", "accepts any server certificate"),
        Expected(1, "RemoteCertificateValidationCallback", "accepts any server certificate"),
        Expected(2, "RemoteCertificateValidationCallback", "accepts any server certificate"),
        Expected(3, "RemoteCertificateValidationCallback", "accepts any server certificate"));

    [Fact]
    public Task Silent_for_SocketsHttpHandler_callbacks_that_check_or_handlers_for_other_traffic() => V.AnalyzerAsync(
        """
        using System.Net.Http;
        using System.Net.Security;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        class C
        {
            HttpClient Other { get; } = new(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (a, b, c, d) => true } });

            void M(JwtBearerOptions o, string pinned)
            {
                o.BackchannelHttpHandler = new SocketsHttpHandler
                {
                    SslOptions = { RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => errors == SslPolicyErrors.None },
                };
                var unrelated = new SocketsHttpHandler();
                unrelated.SslOptions.RemoteCertificateValidationCallback = (a, b, c, d) => true;
                var options = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (a, b, c, d) => true };
            }
        }
        """);

    [Fact]
    public Task RequireHttpsMetadata_false_for_a_loopback_only_issuer_is_silent_and_otherwise_fixed() => V.CodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        class C
        {
            void Local(JwtBearerOptions o)
            {
                o.Authority = "http://localhost:8080/realms/dev";
                o.RequireHttpsMetadata = false;
            }

            void Remote(JwtBearerOptions o)
            {
                o.Authority = "https://auth.example.com";
                {|#0:o.RequireHttpsMetadata = false|};
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        class C
        {
            void Local(JwtBearerOptions o)
            {
                o.Authority = "http://localhost:8080/realms/dev";
                o.RequireHttpsMetadata = false;
            }

            void Remote(JwtBearerOptions o)
            {
                o.Authority = "https://auth.example.com";
                o.RequireHttpsMetadata = true;
            }
        }
        """,
        Expected(0, "RequireHttpsMetadata", "is false"));

    [Fact]
    public Task Http_authority_under_a_development_check_is_info_and_keeps_its_fix() => V.CodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Hosting;
        class C
        {
            void M(JwtBearerOptions o, IHostEnvironment env)
            {
                if (env.IsDevelopment())
                    {|#0:o.Authority = "http://keycloak:8080/realms/dev"|};
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
                    o.Authority = "https://keycloak:8080/realms/dev";
            }
        }
        """,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.InsecureKeyTransport).WithLocation(0).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments("Authority", "uses the plain-HTTP URL 'http://keycloak:8080/realms/dev' in some environments"));

    [Fact]
    public Task Reports_and_fixes_keys_downloaded_over_plain_http() => V.CodeFixAsync(
        """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            async Task<JsonWebKeySet> M(HttpClient http) => new JsonWebKeySet(await http.GetStringAsync({|#0:"http://auth.example.com/keys"|}));
        }
        """,
        """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            async Task<JsonWebKeySet> M(HttpClient http) => new JsonWebKeySet(await http.GetStringAsync("https://auth.example.com/keys"));
        }
        """,
        Expected(0, "GetStringAsync", Http("http://auth.example.com/keys")));

    [Fact]
    public Task Silent_for_https_loopback_configuration_real_certificate_checks_and_unrelated_handlers() => V.AnalyzerAsync(
        """
        using System.Net.Http;
        using System.Net.Security;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Protocols;
        class C
        {
            void M(JwtBearerOptions o, IConfiguration config, bool flag)
            {
                o.Authority = "https://auth.example.com";
                o.Authority = "http://localhost:5000";
                o.Authority = "http://127.0.0.1:8080/realms/dev";
                o.MetadataAddress = "http://[::1]:5001/.well-known/openid-configuration";
                o.Authority = config["Jwt:Authority"];
                o.RequireHttpsMetadata = true;
                o.RequireHttpsMetadata = flag;
                new HttpDocumentRetriever { RequireHttps = true };
                o.BackchannelHttpHandler = new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => errors == SslPolicyErrors.None,
                };
                var other = new HttpClientHandler { ServerCertificateCustomValidationCallback = (m, c, ch, e) => true };
                var client = new HttpClient(other);
            }
        }
        """);

    [Fact]
    public Task Loopback_is_the_shared_rule_names_that_only_resolve_to_loopback_are_reported() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        class C
        {
            void M(JwtBearerOptions o)
            {
                {|#0:o.Authority = "http://dev.localhost:5000"|};
                {|#1:o.MetadataAddress = "http://127.0.0.1.example.com/.well-known/openid-configuration"|};
                o.Authority = "http://LOCALHOST:5000";
                o.Authority = "http://localhost.:5000";
                o.Authority = "http://127.1.2.3:8080";
                o.MetadataAddress = "http://[::ffff:127.0.0.1]:5001/.well-known/openid-configuration";
            }
        }
        """,
        Expected(0, "Authority", Http("http://dev.localhost:5000")),
        Expected(1, "MetadataAddress", Http("http://127.0.0.1.example.com/.well-known/openid-configuration")));

    [Fact]
    public Task Silent_for_an_unrelated_type_with_the_same_property() => V.AnalyzerAsync(
        """
        class MyOptions { public bool RequireHttpsMetadata { get; set; } public string? Authority { get; set; } }
        class C { void M(MyOptions o) { o.RequireHttpsMetadata = false; o.Authority = "http://auth.example.com"; } }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        namespace Microsoft.AspNetCore.Authentication.JwtBearer { class JwtBearerOptions { public bool RequireHttpsMetadata { get; set; } } }
        class C { void M(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions o) { o.RequireHttpsMetadata = false; } }
        """,
        Refs.Framework);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult NamedClient(int location, string property, string client, bool inSomeEnvironments = false)
        => new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.InsecureKeyTransportNamedClient)
            .WithLocation(location)
            .WithArguments(property, $"accepts any server certificate on the HttpClient '{client}' that fetches signing keys" + (inSomeEnvironments ? " in some environments" : string.Empty));

    private const string ClientUsings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Net.Security;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Options;
        using Microsoft.IdentityModel.Protocols;
        using Microsoft.IdentityModel.Protocols.OpenIdConnect;
        using Microsoft.IdentityModel.Tokens;

        """;

    [Fact]
    public Task Reports_a_named_client_that_accepts_any_certificate_and_becomes_the_backchannel() => V.AnalyzerAsync(
        ClientUsings + """
        static class Setup
        {
            public const string KeysClient = "identity-keys";

            public static void Register(IServiceCollection services)
            {
                services.AddHttpClient(KeysClient)
                    .SetHandlerLifetime(TimeSpan.FromMinutes(5))
                    .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                    {
                        {|#0:ServerCertificateCustomValidationCallback = (_, _, _, _) => true|},
                    });
                services.AddAuthentication().AddJwtBearer();
                services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                    .Configure<IHttpClientFactory>((o, factory) => o.Backchannel = factory.CreateClient(KeysClient));
            }
        }
        """,
        NamedClient(0, "ServerCertificateCustomValidationCallback", "identity-keys"));

    private static Task AcrossFilesAsync(string[] sources, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<OneAuth.Analyzers.Rules.InsecureKeyTransportAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            ReferenceAssemblies = Refs.None,
        };
        for (int i = 0; i < sources.Length; i++)
            test.TestState.Sources.Add(($"/0/File{i}.cs", sources[i]));
        test.TestState.AdditionalReferences.AddRange(Refs.OneAuth);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_named_clients_used_for_metadata_and_key_downloads_in_other_files() => AcrossFilesAsync(
        new[]
        {
            ClientUsings + """
            static class Registration
            {
                public static void Add(IServiceCollection services, bool development)
                {
                    services.AddHttpClient("oidc").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                    {
                        {|#0:ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|},
                    });
                    services.AddHttpClient("jwks").ConfigurePrimaryHttpMessageHandler(sp =>
                    {
                        var handler = new SocketsHttpHandler();
                        {|#1:handler.SslOptions.RemoteCertificateValidationCallback = delegate { return true; }|};
                        return handler;
                    });
                    var builder = services.AddHttpClient("tokens");
                    builder.ConfigurePrimaryHttpMessageHandler((primary, _) =>
                    {
                        if (primary is HttpClientHandler h)
                            {|#2:h.ServerCertificateCustomValidationCallback = (_, _, _, _) => true|};
                    });
                    if (development)
                    {
                        services.AddHttpClient("dev-keys").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                        {
                            ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
                        });
                    }
                }
            }
            """,
            ClientUsings + """
            sealed class MetadataSource
            {
                private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;

                public MetadataSource(IHttpClientFactory factory)
                    => _manager = new ConfigurationManager<OpenIdConnectConfiguration>(
                        "https://login.example.com/.well-known/openid-configuration",
                        new OpenIdConnectConfigurationRetriever(),
                        new HttpDocumentRetriever(factory.CreateClient("oidc")));
            }

            sealed class KeySource
            {
                private readonly HttpClient _http;

                public KeySource(IHttpClientFactory factory) => _http = factory.CreateClient("jwks");

                public async Task<JsonWebKeySet> LoadAsync()
                {
                    using var response = await _http.GetAsync("https://login.example.com/keys");
                    string json = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
                    return new JsonWebKeySet(json);
                }
            }

            sealed class Verifier
            {
                public OneAuth.AppTokenValidatorOptions Options(IHttpClientFactory factory)
                    => new() { HttpClient = factory.CreateClient("tokens") };
            }
            """,
        },
        NamedClient(0, "ServerCertificateCustomValidationCallback", "oidc"),
        NamedClient(1, "RemoteCertificateValidationCallback", "jwks"),
        NamedClient(2, "ServerCertificateCustomValidationCallback", "tokens"));

    [Fact]
    public Task Reports_a_named_client_under_a_development_check_as_info() => V.AnalyzerAsync(
        ClientUsings + """
        static class Setup
        {
            public static void Register(IServiceCollection services, IHostEnvironment env)
            {
                if (env.IsDevelopment())
                {
                    services.AddHttpClient("keys").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                    {
                        {|#0:ServerCertificateCustomValidationCallback = (_, _, _, _) => true|},
                    });
                }
            }

            public static async Task<JsonWebKeySet?> Keys(IHttpClientFactory factory)
                => await factory.CreateClient("keys").GetFromJsonAsync<JsonWebKeySet>("https://login.example.com/keys");
        }
        """,
        NamedClient(0, "ServerCertificateCustomValidationCallback", "keys", inSomeEnvironments: true).WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Silent_for_safe_handlers_other_names_real_checks_and_clients_that_fetch_no_keys() => AcrossFilesAsync(
        new[]
        {
            ClientUsings + """
            static class Registration
            {
                public static void Add(IServiceCollection services)
                {
                    // safe handler for the key client
                    services.AddHttpClient("jwks").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { CheckCertificateRevocationList = true });
                    // accepts anything, but its name is not the one used for keys
                    services.AddHttpClient("jwks-legacy").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
                    });
                    // really checks the certificate
                    services.AddHttpClient("oidc").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = (_, cert, _, errors) => errors == SslPolicyErrors.None && cert is not null,
                    });
                    // accepts anything, and never fetches keys
                    services.AddHttpClient("legacy-erp").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
                    });
                    // the accepting handler is not the one returned
                    services.AddHttpClient("metadata").ConfigurePrimaryHttpMessageHandler(() =>
                    {
                        var unused = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
                        return new HttpClientHandler();
                    });
                }
            }
            """,
            ClientUsings + """
            sealed class Clients
            {
                private readonly IHttpClientFactory _factory;

                public Clients(IHttpClientFactory factory) => _factory = factory;

                public void Configure(JwtBearerOptions o)
                {
                    o.Backchannel = _factory.CreateClient("jwks");
                    o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                        "https://login.example.com/.well-known/openid-configuration",
                        new OpenIdConnectConfigurationRetriever(),
                        new HttpDocumentRetriever(_factory.CreateClient("oidc")) { RequireHttps = true });
                    o.BackchannelHttpHandler = null;
                    _ = _factory.CreateClient("metadata").GetFromJsonAsync<JsonWebKeySet>("https://login.example.com/keys");
                }

                public async Task<string> Orders()
                {
                    var erp = _factory.CreateClient("legacy-erp");
                    string orders = await erp.GetStringAsync("https://erp.internal/orders");
                    return orders.Trim();
                }
            }
            """,
        });

    [Fact]
    public Task Reports_accepting_handlers_behind_the_OneAuth_client_and_a_field_that_downloads_keys() => V.AnalyzerAsync(
        ClientUsings + """
        sealed class KeyLoader
        {
            private readonly HttpClient _http;
            private readonly HttpClient _orders;

            public KeyLoader()
            {
                var handler = new HttpClientHandler { {|#0:ServerCertificateCustomValidationCallback = (_, _, _, _) => true|} };
                _http = new HttpClient(handler);
                _orders = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
            }

            public async Task<JsonWebKeySet> Keys()
                => JsonWebKeySet.Create(await _http.GetStringAsync("https://login.example.com/keys").ConfigureAwait(false));

            public Task<string> Orders() => _orders.GetStringAsync("https://erp.internal/orders");

            public OneAuth.AppTokenValidatorOptions Options() => new()
            {
                HttpClient = new HttpClient(new HttpClientHandler { {|#1:ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|} }),
            };
        }
        """,
        Expected(0, "ServerCertificateCustomValidationCallback", "accepts any server certificate"),
        Expected(1, "ServerCertificateCustomValidationCallback", "accepts any server certificate"));

    [Fact]
    public Task Reports_client_defaults_and_handler_builders_that_accept_any_certificate_when_a_client_fetches_keys() => V.AnalyzerAsync(
        ClientUsings + """
        static class Setup
        {
            public static void Register(IServiceCollection services)
            {
                services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    {|#0:ServerCertificateCustomValidationCallback = (_, _, _, _) => true|},
                }));
                services.AddHttpClient(nameof(Setup)).ConfigureHttpMessageHandlerBuilder(b => b.PrimaryHandler = new HttpClientHandler
                {
                    {|#1:ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|},
                });
                services.AddHttpClient("reports").ConfigureHttpMessageHandlerBuilder(b => b.PrimaryHandler = new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                });
            }

            public static void Use(JwtBearerOptions o, IHttpClientFactory factory) => o.Backchannel = factory.CreateClient(nameof(Setup));
        }
        """,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.InsecureKeyTransportNamedClient).WithLocation(0)
            .WithArguments("ServerCertificateCustomValidationCallback", "accepts any server certificate on every factory-made HttpClient, including the one that fetches signing keys"),
        NamedClient(1, "ServerCertificateCustomValidationCallback", "Setup"));

    [Fact]
    public Task Silent_for_accepting_client_defaults_when_no_factory_client_fetches_keys() => V.AnalyzerAsync(
        ClientUsings + """
        static class Setup
        {
            public static void Register(IServiceCollection services)
            {
                services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
                }));
                services.AddAuthentication().AddJwtBearer(o => o.Authority = "https://login.example.com");
            }

            public static Task<string> Orders(IHttpClientFactory factory) => factory.CreateClient("erp").GetStringAsync("https://erp.internal/orders");
        }
        """);

    [Fact]
    public Task Reports_a_named_handler_made_by_a_factory_method_and_used_through_IHttpMessageHandlerFactory() => V.AnalyzerAsync(
        ClientUsings + """
        static class Setup
        {
            public static void Register(IServiceCollection services)
            {
                services.AddHttpClient("jwks").ConfigurePrimaryHttpMessageHandler(() => CreateHandler(trustAll: true));
                services.AddHttpClient("files").ConfigurePrimaryHttpMessageHandler(() => CreateHandler(trustAll: true));
                services.AddHttpClient("jwks-backup").ConfigurePrimaryHttpMessageHandler(() => CreateHandler(trustAll: true));
                services.AddAuthentication().AddJwtBearer();
                services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                    .Configure<IHttpMessageHandlerFactory>((o, handlers) => o.BackchannelHttpHandler = handlers.CreateHandler("jwks"));
                services.AddOptions<JwtBearerOptions>("backup")
                    .Configure<IHttpMessageHandlerFactory>((o, handlers) => o.BackchannelHttpHandler = handlers.CreateHandler("jwks-backup"));
            }

            static HttpMessageHandler CreateHandler(bool trustAll)
            {
                var handler = new HttpClientHandler();
                {|#0:handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true|};
                return handler;
            }
        }
        """,
        NamedClient(0, "ServerCertificateCustomValidationCallback", "jwks"));

    [Fact]
    public Task Reports_a_typed_client_whose_class_fetches_keys_and_stays_quiet_for_other_typed_clients() => AcrossFilesAsync(
        new[]
        {
            ClientUsings + """
            static class Registration
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient<IKeyClient, KeyClient>().ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                    {
                        {|#0:ServerCertificateCustomValidationCallback = (_, _, _, _) => true|},
                    });
                    services.AddHttpClient<OrdersClient>().ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
                    });
                    services.AddHttpClient<MetadataClient>().ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler());
                }
            }
            """,
            ClientUsings + """
            interface IKeyClient { Task<JsonWebKeySet?> GetAsync(); }

            sealed class KeyClient : IKeyClient
            {
                private readonly HttpClient _http;

                public KeyClient(HttpClient http) => _http = http;

                public Task<JsonWebKeySet?> GetAsync() => _http.GetFromJsonAsync<JsonWebKeySet>("https://login.example.com/keys");
            }

            sealed class OrdersClient
            {
                private readonly HttpClient _http;

                public OrdersClient(HttpClient http) => _http = http;

                public Task<string> GetAsync() => _http.GetStringAsync("https://erp.internal/orders");
            }

            sealed class MetadataClient
            {
                public MetadataClient(HttpClient http)
                    => Retriever = new HttpDocumentRetriever(http);

                public HttpDocumentRetriever Retriever { get; }
            }
            """,
        },
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.InsecureKeyTransportNamedClient).WithLocation(0)
            .WithArguments("ServerCertificateCustomValidationCallback", "accepts any server certificate on the HttpClient of the typed client 'KeyClient' that fetches signing keys"));

    [Fact]
    public Task Reports_RequireHttpsMetadata_chosen_by_an_input_or_joined_to_an_environment_check() => V.AnalyzerAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Hosting;

        public sealed class IdentityOptions { public string Authority { get; set; } = ""; public string Mode { get; set; } = ""; }

        public static class BearerSetup
        {
            public static void Configure(JwtBearerOptions o, IdentityOptions identity, IHostEnvironment env)
            {
                o.Authority = identity.Authority;
                {|#0:o.RequireHttpsMetadata = identity.Mode switch { "lab" => false, _ => true }|};
                {|#1:o.RequireHttpsMetadata = !env.IsDevelopment() && identity.Authority.StartsWith("https")|};
            }

            public static void Quiet(JwtBearerOptions o, IdentityOptions identity, bool strict)
            {
                o.Authority = identity.Authority;
                o.RequireHttpsMetadata = strict ? true : false;
                o.RequireHttpsMetadata = identity.Authority.StartsWith("https");
            }
        }
        """,
        Expected(0, "RequireHttpsMetadata", "is false for some inputs"),
        Expected(1, "RequireHttpsMetadata", "is false in some environments").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info));
}
