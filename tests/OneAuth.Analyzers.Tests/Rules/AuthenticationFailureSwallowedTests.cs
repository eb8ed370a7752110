using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
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
        Failed().WithLocation(1).WithArguments("JwtBearer"));

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
        Failed().WithLocation(0).WithArguments("JwtBearer"));

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
        Failed().WithLocation(0).WithArguments("JwtBearer"),
        Failed().WithLocation(1).WithArguments("JwtBearer"),
        Failed().WithLocation(2).WithArguments("JwtBearer"));

    [Fact]
    public Task No_fix_when_Success_is_not_a_statement_of_its_own() => V.NoCodeFixAsync(
        Usings + """
        class C
        {
            JwtBearerEvents E() => new() { OnAuthenticationFailed = c => Task.Run(() => {|#0:c.Success()|}) };
        }
        """,
        Failed().WithLocation(0).WithArguments("JwtBearer"));

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
        Failed().WithLocation(0).WithArguments("JwtBearer"),
        Failed().WithLocation(1).WithArguments("JwtBearer"));

    private const string HandlerUsings = """
        using System;
        using System.Security.Claims;
        using System.Text.Encodings.Web;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Options;

        """;

    private static DiagnosticResult Failed() => new(Descriptors.AuthenticationFailureSwallowed);

    private static DiagnosticResult InHandler(int location, string name, string source = "the JwtBearer base result")
        => new DiagnosticResult(Descriptors.AuthenticationFailureSwallowedInHandler).WithLocation(location).WithArguments(name, source);

    [Fact]
    public Task Reports_a_guest_ticket_returned_when_the_base_result_did_not_succeed() => V.NoCodeFixAsync(
        HandlerUsings + """
        class GuestHandler : JwtBearerHandler
        {
            public GuestHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                if (!result.Succeeded)
                {
                    var guest = new ClaimsPrincipal(new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, "guest") }, Scheme.Name));
                    return {|#0:AuthenticateResult.Success(new AuthenticationTicket(guest, Scheme.Name))|};
                }

                return result;
            }
        }
        """,
        InHandler(0, "GuestHandler.HandleAuthenticateAsync"));

    [Fact]
    public Task Reports_every_way_of_reaching_Success_on_the_failure_path() => V.AnalyzerAsync(
        HandlerUsings + """
        class FailureHandler : JwtBearerHandler
        {
            public FailureHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                AuthenticateResult result = await base.HandleAuthenticateAsync().ConfigureAwait(false);
                if (result.Failure != null)
                    return {|#0:AuthenticateResult.Success(Fallback())|};
                if (result.None || result.Failure is Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException)
                    return {|#1:AuthenticateResult.Success(Fallback())|};
                return result;
            }

            AuthenticationTicket Fallback() => new(new ClaimsPrincipal(new ClaimsIdentity()), Scheme.Name);
        }

        class ExitOnSuccessHandler : JwtBearerHandler
        {
            public ExitOnSuccessHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                if (result.Succeeded)
                    return result;

                Logger.LogWarning(result.Failure, "token rejected, continuing as anonymous");
                return {|#2:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity()), Scheme.Name))|};
            }
        }

        class TernaryHandler : JwtBearerHandler
        {
            public TernaryHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                return result.Succeeded ? result : {|#3:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "guest"))|};
            }
        }

        class FlagHandler : JwtBearerHandler
        {
            public FlagHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                bool rejected = !result.Succeeded;
                if (rejected)
                    return {|#5:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "guest"))|};
                return result;
            }
        }

        class ReassigningHandler : JwtBearerHandler
        {
            public ReassigningHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                if (!result.Succeeded)
                    result = {|#6:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "guest"))|};
                return result;
            }
        }

        class OptionalGuestHandler : JwtBearerHandler
        {
            public OptionalGuestHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
            public bool AllowGuests { get; set; }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                if (result.Succeeded || AllowGuests)
                    return {|#4:AuthenticateResult.Success(result.Ticket ?? new AuthenticationTicket(new ClaimsPrincipal(), "guest"))|};
                return result;
            }
        }
        """,
        InHandler(0, "FailureHandler.HandleAuthenticateAsync"),
        InHandler(1, "FailureHandler.HandleAuthenticateAsync"),
        InHandler(2, "ExitOnSuccessHandler.HandleAuthenticateAsync"),
        InHandler(3, "TernaryHandler.HandleAuthenticateAsync"),
        InHandler(4, "OptionalGuestHandler.HandleAuthenticateAsync"),
        InHandler(5, "FlagHandler.HandleAuthenticateAsync"),
        InHandler(6, "ReassigningHandler.HandleAuthenticateAsync"));

    [Fact]
    public Task Reports_Success_that_ignores_the_base_result_also_through_an_intermediate_handler_and_Task_FromResult() => V.AnalyzerAsync(
        HandlerUsings + """
        abstract class CompanyBearerHandler : JwtBearerHandler
        {
            protected CompanyBearerHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
        }

        class IgnoringHandler : CompanyBearerHandler
        {
            public IgnoringHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                await base.HandleAuthenticateAsync();
                return {|#0:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("Bearer")), Scheme.Name))|};
            }
        }

        class BlockingHandler : JwtBearerHandler
        {
            public BlockingHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = base.HandleAuthenticateAsync().GetAwaiter().GetResult();
                if (result.Succeeded is false)
                    return Task.FromResult({|#1:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), Scheme.Name))|});
                return Task.FromResult(result);
            }
        }
        """,
        InHandler(0, "IgnoringHandler.HandleAuthenticateAsync"),
        InHandler(1, "BlockingHandler.HandleAuthenticateAsync"));

    [Fact]
    public Task Silent_for_the_base_result_Fail_NoResult_and_Success_on_the_succeeded_path() => V.AnalyzerAsync(
        HandlerUsings + """
        class CorrectHandler : JwtBearerHandler
        {
            public CorrectHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                if (result.None)
                    return AuthenticateResult.NoResult();
                if (result.Failure is not null)
                    return AuthenticateResult.Fail(result.Failure);
                if (result.Succeeded)
                {
                    var identity = new ClaimsIdentity(result.Principal!.Claims, Scheme.Name);
                    identity.AddClaim(new Claim("tenant", "contoso"));
                    return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
                }

                return result;
            }
        }

        class EarlyExitHandler : JwtBearerHandler
        {
            public EarlyExitHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync().ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    Logger.LogInformation("bearer token rejected");
                    return result;
                }

                var principal = result.Principal!;
                ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("enriched", "true"));
                return AuthenticateResult.Success(new AuthenticationTicket(principal, result.Properties, Scheme.Name));
            }
        }

        class ThreeStateHandler : JwtBearerHandler
        {
            public ThreeStateHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                AuthenticateResult result = await base.HandleAuthenticateAsync();
                if (result.Failure != null || result.None)
                    throw new InvalidOperationException("not authenticated");
                return AuthenticateResult.Success(result.Ticket!);
            }
        }

        class FlagAndSwitchHandler : JwtBearerHandler
        {
            public FlagAndSwitchHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                var succeeded = result.Succeeded;
                if (!succeeded)
                    return result;
                switch (result.Principal?.Identity?.AuthenticationType)
                {
                    case "Bearer":
                        return AuthenticateResult.Success(new AuthenticationTicket(result.Principal!, Scheme.Name));
                }

                return AuthenticateResult.Success(result.Ticket!);
            }
        }

        class EnrichingHandler : JwtBearerHandler
        {
            public EnrichingHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                var unused = AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "never returned"));
                if (result.Succeeded)
                    result = AuthenticateResult.Success(new AuthenticationTicket(result.Principal!, Scheme.Name));
                return result;
            }
        }

        class PatternHandler : JwtBearerHandler
        {
            public PatternHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                if (result is { Succeeded: true, Ticket: { } ticket })
                    return AuthenticateResult.Success(new AuthenticationTicket(ticket.Principal, "enriched"));
                return result.Ticket != null ? AuthenticateResult.Success(result.Ticket) : result;
            }
        }
        """);

    [Fact]
    public Task Silent_when_Success_is_not_reached_after_a_failed_base_result() => V.AnalyzerAsync(
        HandlerUsings + """
        class HealthHandler : JwtBearerHandler
        {
            public HealthHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                if (Request.Path == "/healthz")
                    return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "health"));
                if (Request.Headers.ContainsKey("Authorization"))
                    return await base.HandleAuthenticateAsync();
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "anonymous"));
            }
        }

        class CookieTokenHandler : JwtBearerHandler
        {
            public CookieTokenHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                if (!result.None || !Request.Cookies.TryGetValue("access_token", out string? token))
                    return result;

                var validated = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(token, Options.TokenValidationParameters);
                if (!validated.IsValid)
                    return AuthenticateResult.Fail(validated.Exception);
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(validated.ClaimsIdentity), Scheme.Name));
            }
        }

        class HelperHandler : JwtBearerHandler
        {
            public HelperHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                if (IsTrusted(result))
                    return AuthenticateResult.Success(result.Ticket!);
                Func<AuthenticateResult> later = () => AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "x"));
                return AuthenticateResult.Fail("untrusted");
            }

            static bool IsTrusted(AuthenticateResult r) => r.Succeeded && r.Principal!.HasClaim("scope", "api");
        }
        """);

    private const string ManualHandlerUsings = """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.AspNetCore.Http;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        class ManualOptions : AuthenticationSchemeOptions
        {
            public TokenValidationParameters Parameters { get; set; } = new();
            public TokenValidationParameters Fallback { get; set; } = new();
        }

        """;

    [Fact]
    public Task Reports_Success_returned_from_a_catch_around_the_base_call_or_a_token_validation() => V.NoCodeFixAsync(
        HandlerUsings + ManualHandlerUsings + """
        class CatchingHandler : JwtBearerHandler
        {
            public CatchingHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    return await base.HandleAuthenticateAsync();
                }
                catch (Exception)
                {
                    return {|#0:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), Scheme.Name))|};
                }
            }
        }

        class ManualHandler : AuthenticationHandler<ManualOptions>
        {
            public ManualHandler(IOptionsMonitor<ManualOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                string token = Request.Headers.Authorization.ToString();
                AuthenticateResult outcome;
                try
                {
                    var principal = new JwtSecurityTokenHandler().ValidateToken(token, Options.Parameters, out _);
                    outcome = AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
                }
                catch (SecurityTokenException ex)
                {
                    Logger.LogWarning(ex, "Invalid token");
                    outcome = {|#1:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity()), Scheme.Name))|};
                }

                return Task.FromResult(outcome);
            }
        }

        class AsyncValidatingHandler : AuthenticationHandler<ManualOptions>
        {
            public AsyncValidatingHandler(IOptionsMonitor<ManualOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    var validated = await new JsonWebTokenHandler().ValidateTokenAsync(Request.Headers.Authorization.ToString(), Options.Parameters);
                    return validated.IsValid
                        ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(validated.ClaimsIdentity), Scheme.Name))
                        : AuthenticateResult.Fail(validated.Exception);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (Request.Path.StartsWithSegments("/public"))
                        return {|#2:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "anonymous"))|};
                    return AuthenticateResult.Fail(ex);
                }
            }
        }
        """,
        InHandler(0, "CatchingHandler.HandleAuthenticateAsync", "token validation"),
        InHandler(1, "ManualHandler.HandleAuthenticateAsync", "token validation"),
        InHandler(2, "AsyncValidatingHandler.HandleAuthenticateAsync", "token validation"));

    [Fact]
    public Task A_catch_counts_only_when_its_try_block_itself_authenticates() => V.NoCodeFixAsync(
        HandlerUsings + ManualHandlerUsings + """
        class NestedTryHandler : AuthenticationHandler<ManualOptions>
        {
            public NestedTryHandler(IOptionsMonitor<ManualOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    ClaimsPrincipal principal;
                    try
                    {
                        principal = new JwtSecurityTokenHandler().ValidateToken(Request.Headers.Authorization.ToString(), Options.Parameters, out _);
                    }
                    finally
                    {
                        Logger.LogInformation("Validation attempted");
                    }

                    try
                    {
                        Logger.LogInformation("Validated");
                    }
                    catch (InvalidOperationException)
                    {
                        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
                    }

                    return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
                }
                catch (Exception)
                {
                    return Task.FromResult({|#0:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), Scheme.Name))|});
                }
            }
        }

        class LambdaInTryHandler : AuthenticationHandler<ManualOptions>
        {
            public LambdaInTryHandler(IOptionsMonitor<ManualOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    Func<ClaimsPrincipal> later = () => new JwtSecurityTokenHandler().ValidateToken(Request.Headers.Authorization.ToString(), Options.Parameters, out _);
                    Logger.LogInformation("Deferred {Validation}", later);
                }
                catch (InvalidOperationException)
                {
                    return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), Scheme.Name)));
                }

                return Task.FromResult(AuthenticateResult.NoResult());
            }
        }

        abstract class ApiKeyHandlerBase : AuthenticationHandler<ManualOptions>
        {
            protected ApiKeyHandlerBase(IOptionsMonitor<ManualOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
            protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
        }

        class ApiKeyHandler : ApiKeyHandlerBase
        {
            public ApiKeyHandler(IOptionsMonitor<ManualOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    return await base.HandleAuthenticateAsync();
                }
                catch (InvalidOperationException)
                {
                    return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), Scheme.Name));
                }
            }
        }
        """,
        InHandler(0, "NestedTryHandler.HandleAuthenticateAsync", "token validation"));

    [Fact]
    public Task Reports_Success_after_another_scheme_did_not_succeed() => V.NoCodeFixAsync(
        HandlerUsings + """
        class PolicyOptions : AuthenticationSchemeOptions { }

        class FallbackHandler : AuthenticationHandler<PolicyOptions>
        {
            public FallbackHandler(IOptionsMonitor<PolicyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var bearer = await Context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
                if (bearer.Succeeded)
                    return bearer;
                return {|#0:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity()), Scheme.Name))|};
            }
        }

        class PartnerHandler : AuthenticationHandler<PolicyOptions>
        {
            public PartnerHandler(IOptionsMonitor<PolicyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var partner = await Context.AuthenticateAsync("Partner");
                return {|#1:AuthenticateResult.Success(new AuthenticationTicket(partner.Principal ?? new ClaimsPrincipal(), Scheme.Name))|};
            }
        }

        class CatchingSchemeHandler : AuthenticationHandler<PolicyOptions>
        {
            public CatchingSchemeHandler(IOptionsMonitor<PolicyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    var result = await Context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
                    return result.Succeeded ? AuthenticateResult.Success(result.Ticket!) : AuthenticateResult.NoResult();
                }
                catch (InvalidOperationException)
                {
                    return {|#2:AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), Scheme.Name))|};
                }
            }
        }
        """,
        InHandler(0, "FallbackHandler.HandleAuthenticateAsync", "Context.AuthenticateAsync"),
        InHandler(1, "PartnerHandler.HandleAuthenticateAsync", "Context.AuthenticateAsync"),
        InHandler(2, "CatchingSchemeHandler.HandleAuthenticateAsync", "token validation"));

    [Fact]
    public Task Silent_for_Fail_or_NoResult_in_the_catch_and_Success_only_on_the_succeeded_path() => V.AnalyzerAsync(
        HandlerUsings + ManualHandlerUsings + """
        class PolicyOptions : AuthenticationSchemeOptions { }

        class SafeCatchHandler : JwtBearerHandler
        {
            public SafeCatchHandler(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    return await base.HandleAuthenticateAsync();
                }
                catch (Exception ex)
                {
                    Logger.LogError(ex, "Authentication failed");
                    return AuthenticateResult.Fail(ex);
                }
            }
        }

        class NoResultHandler : AuthenticationHandler<ManualOptions>
        {
            public NoResultHandler(IOptionsMonitor<ManualOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    var principal = new JwtSecurityTokenHandler().ValidateToken(Request.Headers.Authorization.ToString(), Options.Parameters, out _);
                    return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
                }
                catch (SecurityTokenException)
                {
                    return Task.FromResult(AuthenticateResult.NoResult());
                }
            }
        }

        class RetryingHandler : AuthenticationHandler<ManualOptions>
        {
            public RetryingHandler(IOptionsMonitor<ManualOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                string token = Request.Headers.Authorization.ToString();
                var handler = new JwtSecurityTokenHandler();
                try
                {
                    var principal = handler.ValidateToken(token, Options.Parameters, out _);
                    return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
                }
                catch (SecurityTokenSignatureKeyNotFoundException)
                {
                    var principal = handler.ValidateToken(token, Options.Fallback, out _);
                    return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
                }
            }
        }

        class SucceededPathHandler : AuthenticationHandler<PolicyOptions>
        {
            public SucceededPathHandler(IOptionsMonitor<PolicyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var bearer = await Context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
                if (!bearer.Succeeded)
                    return AuthenticateResult.NoResult();
                return AuthenticateResult.Success(new AuthenticationTicket(bearer.Principal!, Scheme.Name));
            }
        }

        class TwoSchemesHandler : AuthenticationHandler<PolicyOptions>
        {
            public TwoSchemesHandler(IOptionsMonitor<PolicyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var first = await Context.AuthenticateAsync("A");
                if (first.Succeeded)
                    return first;
                var second = await Context.AuthenticateAsync("B");
                if (second.Succeeded)
                    return AuthenticateResult.Success(second.Ticket!);
                return AuthenticateResult.NoResult();
            }
        }

        class UnrelatedCatchHandler : AuthenticationHandler<PolicyOptions>
        {
            public UnrelatedCatchHandler(IOptionsMonitor<PolicyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                try
                {
                    await Task.Delay(1);
                }
                catch (TaskCanceledException)
                {
                    return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "cancelled"));
                }

                return AuthenticateResult.NoResult();
            }
        }
        """);

    [Fact]
    public Task Silent_for_handlers_whose_options_are_not_JwtBearerOptions_and_for_other_methods() => V.AnalyzerAsync(
        HandlerUsings + """
        class ApiKeyOptions : AuthenticationSchemeOptions { }

        abstract class KeyHandlerBase : AuthenticationHandler<ApiKeyOptions>
        {
            protected KeyHandlerBase(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }
            protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
        }

        class KeyHandler : KeyHandlerBase
        {
            public KeyHandler(IOptionsMonitor<ApiKeyOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                if (!result.Succeeded)
                    return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "key"));
                return result;
            }
        }

        class Wrapper : JwtBearerHandler
        {
            public Wrapper(IOptionsMonitor<JwtBearerOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

            public async Task<AuthenticateResult> CheckAsync()
            {
                var result = await base.HandleAuthenticateAsync();
                return result.Succeeded ? result : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "x"));
            }
        }
        """);
}
