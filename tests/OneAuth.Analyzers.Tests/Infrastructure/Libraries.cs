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

    /// <summary>
    /// The claim name as a constant of types that are not static classes: <c>Fabrikam.Identity.ClaimNames.AppId</c> (a
    /// sealed class), <c>TokenClaims.App</c> (a struct), <c>IClaimTypes.ApplicationId</c> (an interface),
    /// <c>Outer.Inner.AppIdClaim</c> (a nested class), <c>InternalClaims.Shared</c> (an internal class the test
    /// project sees through InternalsVisibleTo), and <c>Lookalikes.AppKey = "app-id"</c>, which is not the claim.
    /// </summary>
    public static readonly MetadataReference InstanceTypeClaims = Compile(
        "Fabrikam.Identity",
        """
        [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("TestProject")]
        namespace Fabrikam.Identity;
        public sealed class ClaimNames { public const string AppId = "app_id"; public string Other => "x"; }
        public struct TokenClaims { public const string App = "app_id"; public int Size; }
        public interface IClaimTypes { const string ApplicationId = "app_id"; }
        public class Outer { public class Inner { public const string AppIdClaim = "app_id"; } }
        internal class InternalClaims { internal const string Shared = "app_id"; }
        public class Lookalikes { public const string AppKey = "app-id"; }
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
