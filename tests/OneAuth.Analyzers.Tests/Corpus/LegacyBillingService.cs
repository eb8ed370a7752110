namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// A realistic legacy service in an AppScope assembly with one of each boundary mistake, spread the way they occur:
/// #0 AddJwtBearer while nothing checks app_id (OA0014), #1 Success() for expired tokens (OA0016), #2 a decision on
/// a token decoded by a helper (OA0013), #3 app_id compared after case folding and #4 with another app's id (OA0015),
/// #5 a signed token minted with injected credentials (OA0012). Each rule's test expects only its own locations.
/// </summary>
internal static class LegacyBillingService
{
    public const string Source = """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        [assembly: OneAuth.AppScope("billing")]

        namespace Legacy;

        public static class LegacySetup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddAuthentication().{|#0:AddJwtBearer|}(o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.Events = new JwtBearerEvents
                    {
                        OnAuthenticationFailed = ctx =>
                        {
                            if (ctx.Exception is SecurityTokenExpiredException)
                                {|#1:ctx.Success()|};
                            return Task.CompletedTask;
                        },
                    };
                });
            }
        }

        public sealed class LegacyGate
        {
            private readonly JwtSecurityTokenHandler _handler = new();

            private JwtSecurityToken Decode(string raw) => _handler.ReadJwtToken(raw);

            public bool IsAdmin(string raw)
            {
                var jwt = Decode(raw);
                return {|#2:jwt.Claims.Any(c => c.Type == "role" && c.Value == "admin")|};
            }

            public bool IsBilling(ClaimsPrincipal user) => {|#3:user.FindFirstValue("app_id")?.ToUpperInvariant() == "BILLING"|};

            public bool IsPayments(ClaimsPrincipal user) => {|#4:user.FindFirst("app_id")?.Value == "payments"|};

            public string Impersonate(SigningCredentials credentials, string subject)
                => _handler.WriteToken({|#5:new JwtSecurityToken("https://auth.example.com", "billing", new[] { new Claim("sub", subject) }, null, DateTime.UtcNow.AddMinutes(5), credentials)|});
        }
        """;
}
