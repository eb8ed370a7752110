using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests.Engine;

/// <summary>
/// A small C# file compiled against IdentityModel and ASP.NET Core, and the operations an engine test asks
/// about: the expression that follows a <c>/*probe*/</c> comment (the first, or the one with a given name).
/// </summary>
internal sealed class Snippet
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;

        """;

    private readonly SyntaxTree _tree;
    private readonly SemanticModel _model;

    private Snippet(string source)
    {
        _tree = CSharpSyntaxTree.ParseText(Usings + source, new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: new[] { "DEBUG" }));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "EngineSnippet",
            new[] { _tree },
            Refs.AspNet,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        _model = compilation.GetSemanticModel(_tree);
    }

    /// <summary>Compiles a whole file (the usings above are added).</summary>
    public static Snippet Compile(string source) => new(source);

    /// <summary>Compiles statements as the body of <c>void M(IHostEnvironment env, IConfiguration config, bool flag, int mode)</c>.</summary>
    public static Snippet Body(string statements, string members = "")
        => new($$"""
            class C
            {
                {{members}}
                void M(IHostEnvironment env, IConfiguration config, bool flag, int mode)
                {
                    {{statements}}
                }
                static void Use(object o) { }
            }
            """);

    /// <summary>The operation of the expression right after the <paramref name="index"/>th <c>/*probe*/</c> comment.</summary>
    public IOperation Probe(int index = 0)
    {
        SyntaxTrivia marker = _tree.GetRoot().DescendantTrivia().Where(t => t.ToString() == "/*probe*/").ElementAt(index);
        // The comment is leading trivia of the token it marks, or trailing trivia of the token before.
        SyntaxToken token = marker.Token.SpanStart > marker.SpanStart ? marker.Token : marker.Token.GetNextToken();
        ExpressionSyntax expression = token.Parent!.AncestorsAndSelf().OfType<ExpressionSyntax>()
            .Last(e => e.SpanStart == token.SpanStart);
        IOperation? operation = _model.GetOperation(expression);
        Assert.NotNull(operation);
        return operation!;
    }

    /// <summary>The probed operation, which must be of type <typeparamref name="T"/>.</summary>
    public T Probe<T>(int index = 0)
        where T : IOperation
        => Assert.IsAssignableFrom<T>(Probe(index));
}
