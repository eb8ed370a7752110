using System.Collections.Immutable;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OneAuth;

namespace OneAuth.Analyzers.Tests.Infrastructure;

/// <summary>
/// The offline reference sets test compilations use: no package is downloaded at test time.
/// </summary>
internal static class Refs
{
    /// <summary>No reference-assembly package: the testing library downloads nothing.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly ImmutableArray<MetadataReference> Framework =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray();

    public static readonly ImmutableArray<MetadataReference> IdentityModel = Framework
        .Add(FromType(typeof(TokenValidationParameters)))
        .Add(FromType(typeof(JsonWebTokenHandler)))
        .Add(FromType(typeof(System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler)))
        .Add(FromType(typeof(Microsoft.IdentityModel.Logging.IdentityModelEventSource)))
        .Add(FromType(typeof(Microsoft.IdentityModel.Abstractions.IIdentityLogger)));

    /// <summary>IdentityModel plus JwtBearer, OpenID Connect and the ASP.NET Core shared framework this process runs on.</summary>
    public static readonly ImmutableArray<MetadataReference> AspNet = IdentityModel
        .Add(FromType(typeof(JwtBearerOptions)))
        .Add(FromType(typeof(Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions)))
        .Add(FromType(typeof(Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration)))
        .Add(FromType(typeof(Microsoft.IdentityModel.Protocols.IConfigurationManager<>)))
        .AddRange(Directory.GetFiles(Path.GetDirectoryName(typeof(AuthenticationBuilder).Assembly.Location)!, "Microsoft.*.dll")
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)));

    /// <summary>IdentityModel plus the OneAuth runtime, without dependency injection or ASP.NET Core.</summary>
    public static readonly ImmutableArray<MetadataReference> IdentityModelWithRuntime = IdentityModel
        .Add(FromType(typeof(AppScopeAttribute)))
        .Add(FromType(typeof(Microsoft.Extensions.Logging.ILoggerFactory)));

    /// <summary>AspNet plus the OneAuth runtime (AppScopeAttribute).</summary>
    public static readonly ImmutableArray<MetadataReference> OneAuth = AspNet.Add(FromType(typeof(AppScopeAttribute)));

    private static MetadataReference FromType(Type type) => MetadataReference.CreateFromFile(type.Assembly.Location);
}
