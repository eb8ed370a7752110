using OneAuth.Analyzers.CodeFixes;
using OneAuth.Analyzers.Rules;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.LifetimeValidationDisabledAnalyzer,
    OneAuth.Analyzers.CodeFixes.LifetimeValidationDisabledCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class LifetimeValidationDisabledTests : ValidationSwitchRuleTests<LifetimeValidationDisabledAnalyzer, LifetimeValidationDisabledCodeFixProvider>
{
    protected override string[] Properties { get; } = { "ValidateLifetime", "RequireExpirationTime" };

    [Fact]
    public Task Silent_for_license_and_attestation_documents_and_when_expiry_is_compared_by_the_project() => V.AnalyzerAsync(
        """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;

        public static class OfflineLicense
        {
            public static TokenValidationParameters Parameters(SecurityKey vendorKey) => new()
            {
                IssuerSigningKey = vendorKey,
                ValidIssuer = "https://licensing.contoso.example",
                ValidAudience = "contoso-desktop",
                ValidateLifetime = false,
            };
        }

        public static class DeviceChecks
        {
            public static TokenValidationParameters ForAttestationStatement(SecurityKey key) => new()
            {
                IssuerSigningKey = key,
                ValidIssuer = "https://attest.contoso.example",
                ValidAudience = "contoso-mobile",
                RequireExpirationTime = false,
            };
        }
        """);

    [Fact]
    public Task Silent_when_the_project_compares_the_token_expiry_itself() => V.AnalyzerAsync(
        """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;

        public sealed class RefreshFlow
        {
            public TokenValidationParameters ExpiredAccessToken(SecurityKey key) => new()
            {
                IssuerSigningKey = key,
                ValidIssuer = "https://auth.contoso.example",
                ValidAudience = "api",
                ValidateLifetime = false,
            };

            public bool IsWithinGrace(JwtSecurityToken token, DateTime now) => token.ValidTo > now.AddDays(-7);
        }
        """);

    [Fact]
    public Task Reports_in_an_ordinary_service_without_its_own_expiry_comparison() => V.AnalyzerAsync(
        """
        using Microsoft.IdentityModel.Tokens;

        public static class RefreshFlow
        {
            public static TokenValidationParameters ExpiredAccessToken(SecurityKey key) => new()
            {
                IssuerSigningKey = key,
                ValidIssuer = "https://auth.contoso.example",
                ValidAudience = "api",
                {|#0:ValidateLifetime = false|},
            };
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateLifetime", "false"));

    [Fact]
    public Task Reports_when_the_project_only_asks_whether_exp_is_there() => V.AnalyzerAsync(
        """
        using System;
        using System.Security.Claims;
        using Microsoft.AspNetCore.Http;
        using Microsoft.IdentityModel.Tokens;

        public static class SessionCookie
        {
            public static TokenValidationParameters Parameters(SecurityKey key) => new()
            {
                IssuerSigningKey = key,
                ValidIssuer = "https://auth.contoso.example",
                ValidAudience = "web",
                {|#0:ValidateLifetime = false|},
            };

            public static CookieOptions Options(ClaimsPrincipal principal)
            {
                var options = new CookieOptions { HttpOnly = true };
                Claim? exp = principal.FindFirst("exp");
                if (exp != null)
                    options.Expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(exp.Value));
                if (principal.FindFirst("exp") is { } again)
                    options.MaxAge = TimeSpan.FromHours(1);
                return options;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateLifetime", "false"));
}
