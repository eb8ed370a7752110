using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace OneAuth.Analyzers.Tests.Infrastructure;

/// <summary>Small libraries compiled to metadata (not source references), as a company's shared package would be.</summary>
internal static class Libraries
{
    /// <summary><c>Contoso.Shared.ContosoClaims.AppId = "app_id"</c>, <c>Contoso.Shared.Apps.Payments</c> and <c>.Billing</c>.</summary>
    public static readonly MetadataReference SharedClaims = Compile(
        "Contoso.Shared",
        """
        namespace Contoso.Shared;
        public static class ContosoClaims { public const string AppId = "app_id"; }
        public static class Apps { public const string Payments = "payments"; public const string Billing = "billing"; }
        """);

    public static MetadataReference Compile(string name, string source)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source) },
            Refs.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
