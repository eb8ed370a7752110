using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;
using Xunit;

namespace OneAuth.Analyzers.Tests.Engine;

/// <summary>What <see cref="ValueEvaluator"/> proves about values written in source, and where it stops.</summary>
public class ValueEvaluatorTests
{
    private static BoolValue Bool(string statements, string members = "")
        => ValueEvaluator.EvaluateBool(Snippet.Body(statements, members).Probe(), CancellationToken.None);

    [Theory]
    [InlineData("var v = /*probe*/ false;")]
    [InlineData("const bool off = false; var v = /*probe*/ off;")]
    [InlineData("var v = /*probe*/ !true;")]
    [InlineData("var v = /*probe*/ bool.Parse(\"false\");")]
    [InlineData("bool t = true; var v = /*probe*/ t == false;")]
    [InlineData("var v = /*probe*/ flag ? false : false;")]
    [InlineData("var v = /*probe*/ flag && false;")]
    public void Constant_spellings_of_false_are_false(string statements)
        => Assert.Equal(BoolValue.False, Bool(statements));

    [Fact]
    public void A_local_assigned_once_has_its_only_value()
        => Assert.Equal(BoolValue.False, Bool("bool off = false; var v = /*probe*/ off;"));

    [Fact]
    public void A_local_assigned_again_is_unknown()
        => Assert.Equal(BoolValue.Unknown, Bool("bool off = false; if (flag) off = true; var v = /*probe*/ off;"));

    [Fact]
    public void A_static_readonly_field_has_its_initializer()
        => Assert.Equal(BoolValue.True, Bool("var v = /*probe*/ On;", "static readonly bool On = true;"));

    [Fact]
    public void A_field_written_elsewhere_is_unknown()
        => Assert.Equal(BoolValue.Unknown, Bool("On = flag; var v = /*probe*/ On;", "static bool On = true;"));

    [Theory]
    [InlineData("var v = /*probe*/ env.IsDevelopment() ? false : true;")]
    [InlineData("var v = /*probe*/ env.IsProduction();")]
    [InlineData("var v = /*probe*/ !env.IsDevelopment();")]
    [InlineData("var v = /*probe*/ env.EnvironmentName switch { \"Development\" => false, _ => true };")]
    [InlineData("var v = /*probe*/ !env.IsDevelopment() && flag;")]
    public void Environment_dependent_values_are_false_in_some_environments(string statements)
        => Assert.Equal(BoolValue.FalseInSomeEnvironments, Bool(statements));

    [Theory]
    [InlineData("var v = /*probe*/ flag;")]
    [InlineData("var v = /*probe*/ flag ? false : true;")]
    [InlineData("var v = /*probe*/ mode switch { 1 => false, _ => true };")]
    [InlineData("var v = /*probe*/ config.GetValue<bool>(\"Jwt:ValidateAudience\", false);")]
    [InlineData("var v = /*probe*/ config.GetValue<bool>(\"Jwt:ValidateAudience\", true);")]
    [InlineData("var v = /*probe*/ bool.Parse(config[\"Jwt:ValidateAudience\"]!);")]
    public void Inputs_and_configuration_reads_are_unknown(string statements)
        => Assert.Equal(BoolValue.Unknown, Bool(statements));

    [Theory]
    [InlineData("var v = /*probe*/ mode == 1 ? false : true;", true)]
    [InlineData("var v = /*probe*/ mode switch { 1 => false, _ => true };", true)]
    [InlineData("bool chosen = mode > 2 ? true : false; var v = /*probe*/ chosen;", true)]
    [InlineData("var v = /*probe*/ flag ? false : true;", false)]
    [InlineData("var v = /*probe*/ mode == 1 ? flag : true;", false)]
    public void A_false_arm_chosen_by_an_input_is_false_for_some_inputs(string statements, bool expected)
        => Assert.Equal(expected, ValueEvaluator.IsFalseForSomeInputs(Snippet.Body(statements).Probe(), CancellationToken.None));

    [Theory]
    [InlineData("var v = /*probe*/ \"issuer\";", "issuer")]
    [InlineData("var v = /*probe*/ Issuer;", "https://issuer")]
    [InlineData("var v = /*probe*/ Key;", "key")]
    [InlineData("string s = \"x\"; var v = /*probe*/ s;", "x")]
    [InlineData("var v = /*probe*/ config[\"Jwt:Issuer\"];", null)]
    [InlineData("string s = \"x\"; if (flag) s = \"y\"; var v = /*probe*/ s;", null)]
    public void Strings_are_known_when_constant(string statements, string? expected)
    {
        const string members = "static readonly string Issuer = \"https://issuer\"; static string Key { get; } = \"key\";";
        Assert.Equal(expected, ValueEvaluator.EvaluateString(Snippet.Body(statements, members).Probe(), CancellationToken.None));
    }

    [Theory]
    [InlineData("var p = new TokenValidationParameters(); object o = p; var v = /*probe*/ (TokenValidationParameters)o;")]
    [InlineData("var p = new TokenValidationParameters(); object o = (p); var v = /*probe*/ (TokenValidationParameters)o;")]
    [InlineData("var p = new TokenValidationParameters(); object o = (p!); var v = /*probe*/ (TokenValidationParameters)o;")]
    public void Unwrap_follows_conversions_and_single_assignment_locals(string statements)
    {
        Snippet snippet = Snippet.Body(statements);

        IOperation? unwrapped = ValueEvaluator.Unwrap(snippet.Probe(), CancellationToken.None);

        Assert.IsAssignableFrom<IObjectCreationOperation>(unwrapped);
    }

    [Fact]
    public void Unwrap_stops_at_a_local_assigned_more_than_once()
    {
        Snippet snippet = Snippet.Body("var p = new TokenValidationParameters(); if (flag) p = new TokenValidationParameters(); var v = /*probe*/ (object)p;");

        IOperation? unwrapped = ValueEvaluator.Unwrap(snippet.Probe(), CancellationToken.None);

        Assert.IsAssignableFrom<ILocalReferenceOperation>(unwrapped);
    }

    [Fact]
    public void Unwrap_returns_null_for_null_and_other_operations_unchanged()
    {
        IOperation call = Snippet.Body("var v = /*probe*/ config.GetSection(\"Jwt\");").Probe();

        Assert.Null(ValueEvaluator.Unwrap(null, CancellationToken.None));
        Assert.Same(call, ValueEvaluator.Unwrap(call, CancellationToken.None));
    }
}
