using OneAuth.Analyzers.CodeFixes;
using OneAuth.Analyzers.Rules;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.LifetimeValidationDisabledAnalyzer,
    OneAuth.Analyzers.CodeFixes.LifetimeValidationDisabledCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class LifetimeValidationDisabledTests : FlagRuleTests<LifetimeValidationDisabledAnalyzer, LifetimeValidationDisabledCodeFixProvider>
{
    protected override string[] Properties { get; } = { "ValidateLifetime", "RequireExpirationTime" };

}
