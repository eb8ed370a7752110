using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;
using Xunit;

namespace OneAuth.Analyzers.Tests.Engine;

/// <summary>The shared moves over an operation tree in <see cref="OperationExtensions"/>.</summary>
public class OperationExtensionsTests
{
    [Fact]
    public void Skip_conversions_goes_under_implicit_conversions_and_casts()
    {
        IOperation cast = Snippet.Body("object o = new TokenValidationParameters(); var v = /*probe*/ (TokenValidationParameters)(object)o;").Probe();

        Assert.IsAssignableFrom<IConversionOperation>(cast);
        Assert.IsAssignableFrom<ILocalReferenceOperation>(cast.SkipConversions());
        Assert.Null(((IOperation?)null).SkipConversions());
    }

    [Theory]
    [InlineData("var p = new TokenValidationParameters(); var v = /*probe*/ p;", "p")]
    [InlineData("var v = /*probe*/ config;", "config")]
    [InlineData("var v = /*probe*/ new TokenValidationParameters();", null)]
    [InlineData("object o = new TokenValidationParameters(); var v = /*probe*/ (TokenValidationParameters)o;", null)]
    public void Referenced_variable_is_the_local_or_parameter_read_as_written(string statements, string? expected)
        => Assert.Equal(expected, Snippet.Body(statements).Probe().ReferencedVariable()?.Name);

    [Fact]
    public void Skip_conversions_stops_at_conditional_access()
    {
        IOperation access = Snippet.Body("string? v = /*probe*/ config.GetSection(\"Jwt\")?.Value;").Probe();

        Assert.IsAssignableFrom<IConditionalAccessOperation>(access.SkipConversions());
    }

    [Fact]
    public void Skip_conversions_and_conditional_access_reads_a_null_conditional_like_a_plain_access()
    {
        IOperation access = Snippet.Body("object? v = /*probe*/ config.GetSection(\"Jwt\")?.Value;").Probe();

        var value = Assert.IsAssignableFrom<IPropertyReferenceOperation>(access.SkipConversionsAndConditionalAccess());
        Assert.Equal("Value", value.Property.Name);
        // The implicit receiver inside ?. stands for the expression before the ?.
        var section = Assert.IsAssignableFrom<IInvocationOperation>(value.Instance.SkipConversionsAndConditionalAccess());
        Assert.Equal("GetSection", section.TargetMethod.Name);
    }

    [Fact]
    public void Root_is_the_member_body_that_holds_the_operation()
    {
        IOperation probe = Snippet.Body("if (flag) { var v = /*probe*/ mode + 1; }").Probe();

        IOperation root = probe.Root();

        Assert.Null(root.Parent);
        Assert.IsAssignableFrom<IMethodBodyOperation>(root);
        Assert.Contains(probe, root.Descendants());
    }

    [Fact]
    public void Outermost_climbs_out_of_conversions_and_outermost_implicit_stops_at_a_cast()
    {
        var creation = Snippet.Body("object v = (object)/*probe*/ new TokenValidationParameters();").Probe<IObjectCreationOperation>();

        IOperation outermost = creation.Outermost();
        IOperation stored = creation.OutermostImplicit();

        Assert.IsAssignableFrom<IConversionOperation>(outermost);
        Assert.False(((IConversionOperation)outermost).IsImplicit);
        Assert.IsAssignableFrom<IVariableInitializerOperation>(outermost.Parent);
        Assert.Same(creation, stored);
    }

    [Fact]
    public void Outermost_implicit_climbs_out_of_an_implicit_conversion()
    {
        var creation = Snippet.Body("object v = /*probe*/ new TokenValidationParameters();").Probe<IObjectCreationOperation>();

        IOperation stored = creation.OutermostImplicit();

        Assert.True(((IConversionOperation)stored).IsImplicit);
        Assert.IsAssignableFrom<IVariableInitializerOperation>(stored.Parent);
    }
}
