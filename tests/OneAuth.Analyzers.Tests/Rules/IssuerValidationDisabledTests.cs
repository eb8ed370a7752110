using OneAuth.Analyzers.CodeFixes;
using OneAuth.Analyzers.Rules;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.IssuerValidationDisabledAnalyzer,
    OneAuth.Analyzers.CodeFixes.IssuerValidationDisabledCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class IssuerValidationDisabledTests : ValidationSwitchRuleTests<IssuerValidationDisabledAnalyzer, IssuerValidationDisabledCodeFixProvider>
{
    protected override string[] Properties { get; } = { "ValidateIssuer" };

    [Fact]
    public Task Silent_for_empty_ValidIssuers_with_validation_on_because_that_rejects_every_token() => V.AnalyzerAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters A() => new() { ValidateIssuer = true, ValidIssuers = new string[0] };
            TokenValidationParameters B() => new() { ValidIssuer = "", ValidIssuers = new[] { "" } };
        }
        """);

    [Fact]
    public Task Silent_for_ValidateAudience_which_is_another_rule() => V.AnalyzerAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C { TokenValidationParameters A() => new() { ValidateAudience = false, ValidateIssuer = true }; }
        """);

    [Fact]
    public Task Silent_when_the_project_compares_iss_itself() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using Microsoft.IdentityModel.Tokens;

        public sealed class TenantTokenValidation
        {
            private readonly ISet<string> _tenantIssuers;

            public TenantTokenValidation(ISet<string> tenantIssuers) => _tenantIssuers = tenantIssuers;

            // Multi-tenant: the issuer differs per tenant and is checked against the tenant directory below.
            public TokenValidationParameters Parameters() => new() { ValidateIssuer = false, ValidAudience = "api://billing" };

            public bool IsTrustedIssuer(ClaimsPrincipal principal)
            {
                string? issuer = principal.FindFirst(JwtRegisteredClaimNames.Iss)?.Value;
                return issuer is not null && _tenantIssuers.Contains(issuer);
            }
        }
        """);

    [Fact]
    public Task Reports_when_the_project_only_reads_or_writes_iss() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.Tokens;

        public sealed class TenantTokenValidation
        {
            public TokenValidationParameters Parameters() => new() { {|#0:ValidateIssuer = false|}, ValidAudience = "api://billing" };

            public void Log(ILogger logger, ClaimsPrincipal principal) => logger.LogInformation("Issuer {Issuer}", principal.FindFirst("iss")?.Value);

            public IEnumerable<Claim> Claims(string issuer) => new[] { new Claim(JwtRegisteredClaimNames.Iss, issuer) };
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateIssuer", "false"));
}
