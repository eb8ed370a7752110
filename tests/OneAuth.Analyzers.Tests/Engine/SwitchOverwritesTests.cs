using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;
using Xunit;

namespace OneAuth.Analyzers.Tests.Engine;

/// <summary>When <see cref="SwitchOverwrites"/> proves that a switch turned off is turned back on before any use.</summary>
public class SwitchOverwritesTests
{
    private static bool IsOverwritten(string statements, string members = "")
    {
        var assignment = Snippet.Body(statements, members).Probe<ISimpleAssignmentOperation>();
        var property = ((IPropertyReferenceOperation)assignment.Target).Property;
        return SwitchOverwrites.IsOverwrittenBeforeUse(assignment, property, CancellationToken.None);
    }

    [Theory]
    [InlineData("var p = new TokenValidationParameters { /*probe*/ ValidateAudience = false }; p.ValidateAudience = true;")]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false; p.ValidateAudience = true;")]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false; p.ValidIssuer = \"x\"; p.ValidateAudience = true;")]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false; (p.ValidateIssuer, p.ValidateAudience) = (true, true);")]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false; const bool on = true; p.ValidateAudience = on;")]
    public void A_switch_set_true_again_in_straight_line_code_is_overwritten(string statements)
        => Assert.True(IsOverwritten(statements));

    [Fact]
    public void A_member_chain_receiver_is_followed()
        => Assert.True(IsOverwritten(
            "var o = new Holder(); o.Parameters = new TokenValidationParameters { /*probe*/ ValidateAudience = false }; o.Parameters.ValidateAudience = true;",
            "class Holder { public TokenValidationParameters Parameters = new(); }"));

    [Theory]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false; Use(p); p.ValidateAudience = true;")]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false; if (flag) p.ValidateAudience = true;")]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false; if (flag) return; p.ValidateAudience = true;")]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false; p.ValidateAudience = flag;")]
    [InlineData("var p = new TokenValidationParameters(); var q = p; /*probe*/ p.ValidateAudience = false; q.ValidateAudience = true;")]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false; p.ValidateIssuer = true;")]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false; Action a = () => Use(p); p.ValidateAudience = true;")]
    public void Anything_that_could_see_the_switch_first_keeps_it_off(string statements)
        => Assert.False(IsOverwritten(statements));

    [Fact]
    public void A_set_inside_debug_only_code_does_not_count()
        => Assert.False(IsOverwritten("""
            var p = new TokenValidationParameters(); /*probe*/ p.ValidateAudience = false;
            #if DEBUG
            p.ValidateAudience = true;
            #endif
            """));

    [Theory]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ (p.ValidateIssuer, p.ValidateAudience) = (true, false); p.ValidateAudience = true;", true)]
    [InlineData("var p = new TokenValidationParameters(); /*probe*/ (p.ValidateIssuer, p.ValidateAudience) = (true, false); Use(p); p.ValidateAudience = true;", false)]
    public void A_deconstruction_element_is_judged_like_an_assignment(string statements, bool expected)
    {
        var deconstruction = Snippet.Body(statements).Probe<IDeconstructionAssignmentOperation>();
        var element = (IPropertyReferenceOperation)((ITupleOperation)deconstruction.Target).Elements[1];

        Assert.Equal(expected, SwitchOverwrites.IsOverwrittenBeforeUse(deconstruction, element, CancellationToken.None));
    }
}
