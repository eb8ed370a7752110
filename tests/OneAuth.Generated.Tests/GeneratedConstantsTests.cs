using Xunit;

namespace OneAuth.Generated.Tests;

public class GeneratedConstantsTests
{
    [Fact]
    public void Constants_come_from_the_attribute()
    {
        Assert.Equal("billing", AppTokenValidator.AppId);
        Assert.Equal("https://auth.example.com", AppTokenValidator.Issuer);
        Assert.Equal("billing-api", AppTokenValidator.Audience);
        Assert.Equal("https://auth.example.com/.well-known/jwks.json", AppTokenValidator.JwksUri);
        Assert.Equal("at+jwt", AppTokenValidator.TokenType);
    }

    [Fact]
    public void Validator_is_emitted_into_the_root_namespace_and_marked_generated()
    {
        Type type = typeof(AppTokenValidator);
        Assert.Equal("OneAuth.Generated.Tests", type.Namespace);
        Assert.True(type.IsSealed);
        var generated = (System.CodeDom.Compiler.GeneratedCodeAttribute?)Attribute.GetCustomAttribute(type, typeof(System.CodeDom.Compiler.GeneratedCodeAttribute));
        Assert.Equal("OneAuth.Analyzers", generated?.Tool);
    }
}
