using OneAuth.Analyzers.CodeFixes;
using OneAuth.Analyzers.Rules;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.IssuerValidationDisabledAnalyzer,
    OneAuth.Analyzers.CodeFixes.IssuerValidationDisabledCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class IssuerValidationDisabledTests : FlagRuleTests<IssuerValidationDisabledAnalyzer, IssuerValidationDisabledCodeFixProvider>
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
}
