using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Engine;
using Xunit;

namespace OneAuth.Analyzers.Tests.Engine;

/// <summary>How <see cref="FunctionBodies"/> finds the code behind a delegate value and judges it.</summary>
public class FunctionBodiesTests
{
    private const string Validators = """
        static bool AcceptAll(string a, SecurityToken t, TokenValidationParameters p) => true;
        static bool Check(string a, SecurityToken t, TokenValidationParameters p) => a == "api";
        static readonly AudienceValidator Stored = (a, t, p) => true;
        """;

    private static IOperation Value(string statements) => Snippet.Body(statements, Validators).Probe();

    [Theory]
    [InlineData("AudienceValidator v = /*probe*/ (a, t, p) => true;")]
    [InlineData("AudienceValidator v = /*probe*/ delegate (IEnumerable<string> a, SecurityToken t, TokenValidationParameters p) { return true; };")]
    [InlineData("Func<string, SecurityToken, TokenValidationParameters, bool> v = /*probe*/ AcceptAll;")]
    [InlineData("AudienceValidator f = (a, t, p) => true; var v = /*probe*/ f;")]
    [InlineData("var v = /*probe*/ Stored;")]
    [InlineData("var v = /*probe*/ new AudienceValidator((a, t, p) => true);")]
    [InlineData("bool Local(string a) => true; Func<string, bool> v = /*probe*/ Local;")]
    public void Delegates_declared_in_the_file_resolve_to_an_always_true_body(string statements)
    {
        FunctionBody? body = FunctionBodies.Resolve(Value(statements), CancellationToken.None);

        Assert.NotNull(body);
        Assert.True(FunctionBodies.AlwaysReturnsTrue(body!, CancellationToken.None));
    }

    [Fact]
    public void A_delegate_from_a_parameter_or_reassigned_local_is_unknown()
    {
        Assert.Null(FunctionBodies.Resolve(Snippet.Compile("class C { void M(AudienceValidator given) { var v = /*probe*/ given; } }").Probe(), CancellationToken.None));
        Assert.Null(FunctionBodies.Resolve(Value("AudienceValidator f = (a, t, p) => true; if (flag) f = null!; var v = /*probe*/ f;"), CancellationToken.None));
    }

    [Theory]
    [InlineData("Func<string, SecurityToken, TokenValidationParameters, bool> v = /*probe*/ Check;")]
    [InlineData("AudienceValidator v = /*probe*/ (a, t, p) => { if (a == null) throw new SecurityTokenInvalidAudienceException(); return true; };")]
    [InlineData("AudienceValidator v = /*probe*/ (a, t, p) => { Use(a); return true; };")]
    public void A_body_that_checks_or_calls_out_is_not_always_true(string statements)
        => Assert.False(FunctionBodies.AlwaysReturnsTrue(FunctionBodies.Resolve(Value(statements), CancellationToken.None)!, CancellationToken.None));

    [Fact]
    public void Logging_before_returning_true_still_always_returns_true()
        => Assert.True(FunctionBodies.AlwaysReturnsTrue(
            FunctionBodies.Resolve(Value("AudienceValidator v = /*probe*/ (a, t, p) => { Console.WriteLine(\"skipped\"); return true; };"), CancellationToken.None)!,
            CancellationToken.None));

    [Theory]
    [InlineData("AudienceValidator v = /*probe*/ (a, t, p) => true;", "Always")]
    [InlineData("AudienceValidator v = /*probe*/ flag ? (a, t, p) => true : (a, t, p) => true;", "Always")]
    [InlineData("AudienceValidator v = /*probe*/ env.IsDevelopment() ? (a, t, p) => true : null!;", "InSomeEnvironments")]
    [InlineData("AudienceValidator v = /*probe*/ flag ? (a, t, p) => true : null!;", "NotProven")]
    [InlineData("AudienceValidator v = /*probe*/ (a, t, p) => a != null;", "NotProven")]
    public void Judge_looks_through_conditionals(string statements, string expected)
        => Assert.Equal(Enum.Parse<Verdict>(expected), FunctionBodies.Judge(Value(statements), b => FunctionBodies.AlwaysReturnsTrue(b, CancellationToken.None), CancellationToken.None));

    [Fact]
    public void Judge_counts_a_bypass_chosen_by_an_input_when_asked()
        => Assert.Equal(Verdict.Always, FunctionBodies.Judge(
            Value("AudienceValidator v = /*probe*/ flag ? (a, t, p) => true : null!;"),
            b => FunctionBodies.AlwaysReturnsTrue(b, CancellationToken.None),
            chosenCounts: true,
            CancellationToken.None));
}
