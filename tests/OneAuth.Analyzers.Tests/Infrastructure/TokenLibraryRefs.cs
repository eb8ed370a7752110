using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace OneAuth.Analyzers.Tests.Infrastructure;

/// <summary>
/// The real assemblies of the token libraries other than Microsoft.IdentityModel (JWT.NET, jose-jwt, Google.Apis.Auth), as
/// restored for this test project, on top of the framework only: the rules for them must work in projects that reference
/// no Microsoft.IdentityModel package.
/// </summary>
internal static class TokenLibraryRefs
{
    /// <summary>JWT.NET (package <c>JWT</c>) and the Newtonsoft.Json it depends on.</summary>
    public static readonly ImmutableArray<MetadataReference> JwtNet = Refs.Framework
        .Add(FromType(typeof(JWT.Builder.JwtBuilder)))
        .Add(FromType(typeof(Newtonsoft.Json.JsonConvert)));

    /// <summary>jose-jwt (package <c>jose-jwt</c>).</summary>
    public static readonly ImmutableArray<MetadataReference> Jose = Refs.Framework
        .Add(FromType(typeof(global::Jose.JWT)));

    /// <summary>Google.Apis.Auth with Google.Apis.Core and Google.Apis.</summary>
    public static readonly ImmutableArray<MetadataReference> Google = Refs.Framework.AddRange(FromTypes(
        typeof(global::Google.Apis.Auth.GoogleJsonWebSignature),
        typeof(global::Google.Apis.Util.IClock),
        typeof(global::Google.Apis.Http.IHttpClientFactory),
        typeof(Newtonsoft.Json.JsonConvert)));

    /// <summary>All three libraries plus Microsoft.IdentityModel and ASP.NET Core, as a service that mixes them would have.</summary>
    public static readonly ImmutableArray<MetadataReference> All = Refs.OneAuth.AddRange(FromTypes(
        typeof(JWT.Builder.JwtBuilder),
        typeof(global::Jose.JWT),
        typeof(global::Google.Apis.Auth.GoogleJsonWebSignature),
        typeof(global::Google.Apis.Util.IClock),
        typeof(global::Google.Apis.Http.IHttpClientFactory),
        typeof(Newtonsoft.Json.JsonConvert)));

    private static MetadataReference FromType(Type type) => MetadataReference.CreateFromFile(type.Assembly.Location);

    private static IEnumerable<MetadataReference> FromTypes(params Type[] types)
        => types.Select(t => t.Assembly.Location).Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
}
