using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OneAuth.Analyzers.Engine;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests.Engine;

/// <summary>The table of the types the rules recognise: what a name resolves to and what it matches.</summary>
public class WellKnownTypesTests
{
    private static CSharpCompilation Compile(string source, IEnumerable<MetadataReference> references)
        => CSharpCompilation.Create(
            "Subject",
            new[] { CSharpSyntaxTree.ParseText(source) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    [Fact]
    public void Every_name_has_a_metadata_name_of_its_own()
    {
        WellKnownType[] all = Enum.GetValues<WellKnownType>();
        string[] names = all.Select(WellKnownTypes.MetadataName).ToArray();

        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.DoesNotContain(" ", n, StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_resolves_to_the_referenced_type()
    {
        CSharpCompilation compilation = Compile("class C { }", Refs.IdentityModel);
        WellKnownTypes known = WellKnownTypes.For(compilation);

        INamedTypeSymbol parameters = Assert.Single(known.All(WellKnownType.TokenValidationParameters));
        Assert.Equal("Microsoft.IdentityModel.Tokens", parameters.ContainingAssembly.Name);
        Assert.Same(parameters, known.Unique(WellKnownType.TokenValidationParameters));
        Assert.True(known.Is(parameters, WellKnownType.TokenValidationParameters));
        Assert.False(known.Is(parameters, WellKnownType.SecurityKey));
        Assert.False(known.Is(null, WellKnownType.TokenValidationParameters));

        // A reference type with its nullable annotation is the same type.
        Assert.True(known.Is(parameters.WithNullableAnnotation(NullableAnnotation.Annotated), WellKnownType.TokenValidationParameters));
    }

    [Fact]
    public void A_type_defined_in_two_references_matches_in_both()
    {
        // The same full name in two referenced libraries: GetTypeByMetadataName gives up, the table keeps both.
        const string Lookalike = "namespace Microsoft.IdentityModel.Tokens { public class SecurityKey { } }";
        CSharpCompilation compilation = Compile(
            "class C { }",
            Refs.Framework.Add(Libraries.Compile("First", Lookalike)).Add(Libraries.Compile("Second", Lookalike)));
        WellKnownTypes known = WellKnownTypes.For(compilation);

        ImmutableArray<INamedTypeSymbol> keys = known.All(WellKnownType.SecurityKey);
        Assert.Equal(new[] { "First", "Second" }, keys.Select(k => k.ContainingAssembly.Name).Order(StringComparer.Ordinal));
        Assert.Null(known.Unique(WellKnownType.SecurityKey));
        Assert.All(keys, k => Assert.True(known.Is(k, WellKnownType.SecurityKey)));
    }

    [Fact]
    public void A_type_defined_in_source_and_in_a_reference_matches_in_both()
    {
        // GetTypeByMetadataName answers with the source type; the table keeps the referenced one too.
        CSharpCompilation compilation = Compile(
            "namespace Microsoft.IdentityModel.Tokens { public class SecurityKey { } }",
            Refs.IdentityModel);
        WellKnownTypes known = WellKnownTypes.For(compilation);

        ImmutableArray<INamedTypeSymbol> keys = known.All(WellKnownType.SecurityKey);
        Assert.Equal(2, keys.Length);
        Assert.True(keys[0].Locations[0].IsInSource, "the source type comes first");
        Assert.Equal("Microsoft.IdentityModel.Tokens", keys[1].ContainingAssembly.Name);
        Assert.Same(keys[0], known.Unique(WellKnownType.SecurityKey));
        Assert.All(keys, k => Assert.True(known.Is(k, WellKnownType.SecurityKey)));
    }

    [Fact]
    public void A_source_lookalike_without_the_library_matches()
    {
        CSharpCompilation compilation = Compile(
            "namespace Microsoft.AspNetCore.Authentication.JwtBearer { public class JwtBearerOptions { } }",
            Refs.Framework);
        WellKnownTypes known = WellKnownTypes.For(compilation);

        INamedTypeSymbol options = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions")!;
        Assert.True(known.Is(options, WellKnownType.JwtBearerOptions));
        Assert.Same(options, known.Unique(WellKnownType.JwtBearerOptions));
    }

    [Fact]
    public void A_constructed_generic_matches_its_definition()
    {
        CSharpCompilation compilation = Compile("class C { }", Refs.AspNet);
        WellKnownTypes known = WellKnownTypes.For(compilation);
        INamedTypeSymbol handler = known.Unique(WellKnownType.AuthenticationHandler)!;
        INamedTypeSymbol options = known.Unique(WellKnownType.JwtBearerOptions)!;

        INamedTypeSymbol constructed = handler.Construct(options);
        Assert.True(known.Is(constructed, WellKnownType.AuthenticationHandler));
        Assert.True(known.Is(handler, WellKnownType.AuthenticationHandler));

        // A non-generic name does not match a generic type of the same name: Task<int> is not Task.
        INamedTypeSymbol taskOfInt = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1")!.Construct(compilation.GetSpecialType(SpecialType.System_Int32));
        Assert.False(known.Is(taskOfInt, WellKnownType.Task));
        Assert.True(known.Is(taskOfInt.BaseType, WellKnownType.Task));
    }

    [Fact]
    public void A_type_of_the_same_simple_name_elsewhere_does_not_match()
    {
        CSharpCompilation compilation = Compile(
            """
            namespace Other { public class HttpClient { } }
            namespace System.Net { public class Outer { public class Http { public class HttpClient { } } } }
            public class HttpClient { }
            """,
            Refs.Framework);
        WellKnownTypes known = WellKnownTypes.For(compilation);

        Assert.False(known.Is(compilation.GetTypeByMetadataName("Other.HttpClient"), WellKnownType.HttpClient));
        Assert.False(known.Is(compilation.GetTypeByMetadataName("System.Net.Outer+Http+HttpClient"), WellKnownType.HttpClient));
        Assert.False(known.Is(compilation.GetTypeByMetadataName("HttpClient"), WellKnownType.HttpClient));
        Assert.True(known.Is(compilation.GetTypesByMetadataName("System.Net.Http.HttpClient").Single(), WellKnownType.HttpClient));
    }

    [Fact]
    public void Derives_from_and_implements_walk_base_types_and_interfaces()
    {
        CSharpCompilation compilation = Compile(
            """
            class Handler : System.Net.Http.HttpClientHandler { }
            class Factory : System.Net.Http.IHttpClientFactory { public System.Net.Http.HttpClient CreateClient(string name) => null!; }
            """,
            Refs.AspNet);
        WellKnownTypes known = WellKnownTypes.For(compilation);
        INamedTypeSymbol handler = compilation.GetTypeByMetadataName("Handler")!;
        INamedTypeSymbol factory = compilation.GetTypeByMetadataName("Factory")!;

        Assert.False(known.Is(handler, WellKnownType.HttpClientHandler));
        Assert.True(known.DerivesFrom(handler, WellKnownType.HttpClientHandler));
        Assert.False(known.DerivesFrom(factory, WellKnownType.HttpClientHandler));
        Assert.True(known.Implements(factory, WellKnownType.IHttpClientFactory));
        Assert.False(known.Implements(handler, WellKnownType.IHttpClientFactory));
    }

    [Fact]
    public void Each_name_is_looked_up_once_per_compilation()
    {
        CSharpCompilation compilation = Compile("class C { }", Refs.Framework);
        WellKnownTypes known = WellKnownTypes.For(compilation);
        INamedTypeSymbol client = compilation.GetTypesByMetadataName("System.Net.Http.HttpClient").Single();
        Assert.Equal(0, known.Resolutions);

        for (int i = 0; i < 100; i++)
            Assert.True(known.Is(client, WellKnownType.HttpClient));
        Assert.Equal(1, known.Resolutions);

        // A type of another name is not even looked up: its simple name differs.
        Assert.False(known.Is(client, WellKnownType.WebClient));
        Assert.Equal(1, known.Resolutions);

        Assert.True(known.IsAny(client, WellKnownType.HttpContent, WellKnownType.HttpClient));
        Assert.Equal(1, known.Resolutions);
        Assert.Single(known.All(WellKnownType.HttpContent));
        Assert.Equal(2, known.Resolutions);

        // The same compilation gets the same table; another compilation its own.
        Assert.Same(known, WellKnownTypes.For(compilation));
        CSharpCompilation other = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class D { }"));
        Assert.NotSame(known, WellKnownTypes.For(other));
        Assert.Same(known, WellKnownTypes.For(compilation));
    }

    [Fact]
    public void Concurrent_first_uses_agree()
    {
        CSharpCompilation compilation = Compile("class C { }", Refs.Framework);
        WellKnownTypes known = WellKnownTypes.For(compilation);
        INamedTypeSymbol client = compilation.GetTypesByMetadataName("System.Net.Http.HttpClient").Single();

        bool[] answers = new bool[64];
        Parallel.For(0, answers.Length, i => answers[i] = known.Is(client, WellKnownType.HttpClient));

        Assert.All(answers, Assert.True);
        Assert.InRange(known.Resolutions, 1, answers.Length);
    }
}
