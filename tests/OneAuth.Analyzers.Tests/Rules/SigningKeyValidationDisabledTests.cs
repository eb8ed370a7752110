using OneAuth.Analyzers.CodeFixes;
using OneAuth.Analyzers.Rules;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.SigningKeyValidationDisabledAnalyzer,
    OneAuth.Analyzers.CodeFixes.SigningKeyValidationDisabledCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class SigningKeyValidationDisabledTests : ValidationSwitchRuleTests<SigningKeyValidationDisabledAnalyzer, SigningKeyValidationDisabledCodeFixProvider>
{
    protected override string[] Properties { get; } = { "ValidateIssuerSigningKey" };

    [Fact]
    public Task Message_says_the_signature_is_still_verified() => V.AnalyzerAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C { TokenValidationParameters A() => new() { {|#0:ValidateIssuerSigningKey = false|} }; }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateIssuerSigningKey", "false")
            .WithMessage("'ValidateIssuerSigningKey' is false, so an X.509 signing key is trusted outside its certificate's validity period (the signature itself is still verified)"));
}
