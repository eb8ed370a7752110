using OneAuth.Analyzers.CodeFixes;
using OneAuth.Analyzers.Rules;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.UnsignedTokensAllowedAnalyzer,
    OneAuth.Analyzers.CodeFixes.UnsignedTokensAllowedCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class UnsignedTokensAllowedTests : ValidationSwitchRuleTests<UnsignedTokensAllowedAnalyzer, UnsignedTokensAllowedCodeFixProvider>
{
    protected override string[] Properties { get; } = { "RequireSignedTokens" };

}
