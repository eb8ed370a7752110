using System;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// The types of <see cref="WellKnownType"/> in one compilation, each resolved on first use and then kept: a rule
/// compares symbols, never display strings, per node. One table per compilation, shared by every analyzer
/// (<see cref="For(Compilation)"/>); safe to use from concurrent callbacks. A helper several calls below a node callback
/// reaches it through <see cref="For(IOperation)"/>: a reference comparison with the last table handed out, a weak
/// table lookup otherwise, and no type resolution.
/// </summary>
/// <remarks>
/// A name resolves to every type of that metadata name in the compilation and its references: a project that defines a
/// look-alike of a library type in source, or references two assemblies declaring it, has each one recognised, as the
/// fully qualified name always did. <see cref="Unique"/> keeps <see cref="Compilation.GetTypeByMetadataName"/>'s
/// answer (null when ambiguous) for the gates that need one symbol.
/// </remarks>
internal sealed class WellKnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, WellKnownTypes> Tables = new();
    private static readonly ConditionalWeakTable<Compilation, WellKnownTypes>.CreateValueCallback Create = c => new WellKnownTypes(c);
    private static readonly int Count = Enum.GetValues(typeof(WellKnownType)).Length;
    private static readonly string[] SimpleNames = CreateSimpleNames();

    // The last table handed out: callbacks of one compilation ask for it again and again. Weak, so that a static field
    // does not keep a closed project's compilation alive.
    private static WeakReference<WellKnownTypes>? last;

    private readonly Compilation compilation;
    private readonly INamedTypeSymbol[]?[] resolved = new INamedTypeSymbol[]?[Count];
    private int resolutions;

    private WellKnownTypes(Compilation compilation) => this.compilation = compilation;

    /// <summary>How many names were looked up in the compilation: each once (twice only when two threads race to the first use).</summary>
    internal int Resolutions => Volatile.Read(ref resolutions);

    public static WellKnownTypes For(Compilation compilation)
    {
        if (Volatile.Read(ref last) is { } weak && weak.TryGetTarget(out WellKnownTypes? cached) && ReferenceEquals(cached.compilation, compilation))
            return cached;

        WellKnownTypes table = Tables.GetValue(compilation, Create);
        Volatile.Write(ref last, new WeakReference<WellKnownTypes>(table));
        return table;
    }

    /// <summary>The table of the compilation <paramref name="operation"/> was bound in.</summary>
    public static WellKnownTypes For(IOperation operation)
        => For(operation.SemanticModel?.Compilation ?? throw new ArgumentException("The operation has no semantic model.", nameof(operation)));

    /// <summary>The metadata name of <paramref name="type"/>: namespace, dots, name, and <c>`n</c> for a generic type.</summary>
    public static string MetadataName(WellKnownType type) => type switch
    {
        WellKnownType.ArgumentException => "System.ArgumentException",
        WellKnownType.ArgumentNullException => "System.ArgumentNullException",
        WellKnownType.Convert => "System.Convert",
        WellKnownType.CultureInfo => "System.Globalization.CultureInfo",
        WellKnownType.Debugger => "System.Diagnostics.Debugger",
        WellKnownType.Enumerable => "System.Linq.Enumerable",
        WellKnownType.StringComparer => "System.StringComparer",
        WellKnownType.StringComparison => "System.StringComparison",
        WellKnownType.Task => "System.Threading.Tasks.Task",
        WellKnownType.TimeSpan => "System.TimeSpan",
        WellKnownType.XmlConvert => "System.Xml.XmlConvert",
        WellKnownType.Base64Url => "System.Buffers.Text.Base64Url",
        WellKnownType.Encoding => "System.Text.Encoding",
        WellKnownType.Regex => "System.Text.RegularExpressions.Regex",
        WellKnownType.Claim => "System.Security.Claims.Claim",
        WellKnownType.ClaimsIdentity => "System.Security.Claims.ClaimsIdentity",
        WellKnownType.ClaimsPrincipal => "System.Security.Claims.ClaimsPrincipal",
        WellKnownType.AsymmetricAlgorithm => "System.Security.Cryptography.AsymmetricAlgorithm",
        WellKnownType.CngKey => "System.Security.Cryptography.CngKey",
        WellKnownType.X509Certificate => "System.Security.Cryptography.X509Certificates.X509Certificate",

        WellKnownType.HttpClient => "System.Net.Http.HttpClient",
        WellKnownType.HttpClientFactoryExtensions => "System.Net.Http.HttpClientFactoryExtensions",
        WellKnownType.HttpClientHandler => "System.Net.Http.HttpClientHandler",
        WellKnownType.HttpClientJsonExtensions => "System.Net.Http.Json.HttpClientJsonExtensions",
        WellKnownType.HttpContent => "System.Net.Http.HttpContent",
        WellKnownType.HttpMessageHandlerFactoryExtensions => "System.Net.Http.HttpMessageHandlerFactoryExtensions",
        WellKnownType.HttpResponseMessage => "System.Net.Http.HttpResponseMessage",
        WellKnownType.IHttpClientFactory => "System.Net.Http.IHttpClientFactory",
        WellKnownType.IHttpMessageHandlerFactory => "System.Net.Http.IHttpMessageHandlerFactory",
        WellKnownType.SslClientAuthenticationOptions => "System.Net.Security.SslClientAuthenticationOptions",
        WellKnownType.WebClient => "System.Net.WebClient",

        WellKnownType.JwtHeader => "System.IdentityModel.Tokens.Jwt.JwtHeader",
        WellKnownType.JwtSecurityToken => "System.IdentityModel.Tokens.Jwt.JwtSecurityToken",
        WellKnownType.JwtSecurityTokenHandler => "System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler",

        WellKnownType.Base64UrlEncoder => "Microsoft.IdentityModel.Tokens.Base64UrlEncoder",
        WellKnownType.CryptoProviderFactory => "Microsoft.IdentityModel.Tokens.CryptoProviderFactory",
        WellKnownType.ISecurityTokenValidator => "Microsoft.IdentityModel.Tokens.ISecurityTokenValidator",
        WellKnownType.JsonWebKey => "Microsoft.IdentityModel.Tokens.JsonWebKey",
        WellKnownType.SecurityKey => "Microsoft.IdentityModel.Tokens.SecurityKey",
        WellKnownType.SecurityToken => "Microsoft.IdentityModel.Tokens.SecurityToken",
        WellKnownType.SymmetricSecurityKey => "Microsoft.IdentityModel.Tokens.SymmetricSecurityKey",
        WellKnownType.SigningCredentials => "Microsoft.IdentityModel.Tokens.SigningCredentials",
        WellKnownType.TokenHandler => "Microsoft.IdentityModel.Tokens.TokenHandler",
        WellKnownType.TokenValidationParameters => "Microsoft.IdentityModel.Tokens.TokenValidationParameters",
        WellKnownType.TokenValidationResult => "Microsoft.IdentityModel.Tokens.TokenValidationResult",
        WellKnownType.JsonWebToken => "Microsoft.IdentityModel.JsonWebTokens.JsonWebToken",
        WellKnownType.JsonWebTokenHandler => "Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler",
        WellKnownType.ConfigurationManager => "Microsoft.IdentityModel.Protocols.ConfigurationManager`1",
        WellKnownType.HttpDocumentRetriever => "Microsoft.IdentityModel.Protocols.HttpDocumentRetriever",

        WellKnownType.AuthenticateResult => "Microsoft.AspNetCore.Authentication.AuthenticateResult",
        WellKnownType.AuthenticationHandler => "Microsoft.AspNetCore.Authentication.AuthenticationHandler`1",
        WellKnownType.AuthenticationHttpContextExtensions => "Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions",
        WellKnownType.AuthenticationService => "Microsoft.AspNetCore.Authentication.AuthenticationService",
        WellKnownType.AuthenticationTicket => "Microsoft.AspNetCore.Authentication.AuthenticationTicket",
        WellKnownType.Base64UrlTextEncoder => "Microsoft.AspNetCore.Authentication.Base64UrlTextEncoder",
        WellKnownType.IAuthenticationService => "Microsoft.AspNetCore.Authentication.IAuthenticationService",
        WellKnownType.JwtBearerAuthenticationFailedContext => "Microsoft.AspNetCore.Authentication.JwtBearer.AuthenticationFailedContext",
        WellKnownType.JwtBearerEvents => "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerEvents",
        WellKnownType.JwtBearerMessageReceivedContext => "Microsoft.AspNetCore.Authentication.JwtBearer.MessageReceivedContext",
        WellKnownType.JwtBearerOptions => "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions",
        WellKnownType.OpenIdConnectAuthenticationFailedContext => "Microsoft.AspNetCore.Authentication.OpenIdConnect.AuthenticationFailedContext",
        WellKnownType.OpenIdConnectMessageReceivedContext => "Microsoft.AspNetCore.Authentication.OpenIdConnect.MessageReceivedContext",
        WellKnownType.OpenIdConnectOptions => "Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions",
        WellKnownType.AuthorizationPolicyBuilder => "Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder",
        WellKnownType.WebEncoders => "Microsoft.AspNetCore.WebUtilities.WebEncoders",

        WellKnownType.ConfigurationBinder => "Microsoft.Extensions.Configuration.ConfigurationBinder",
        WellKnownType.HttpClientBuilderExtensions => "Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions",
        WellKnownType.HttpClientFactoryServiceCollectionExtensions => "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions",
        WellKnownType.JwtBearerExtensions => "Microsoft.Extensions.DependencyInjection.JwtBearerExtensions",

        WellKnownType.JwtNetBuilder => "JWT.Builder.JwtBuilder",
        WellKnownType.JwtNetDecoderInterface => "JWT.IJwtDecoder",
        WellKnownType.JwtNetLegacyFacade => "JWT.JsonWebToken",
        WellKnownType.JwtNetNoneAlgorithm => "JWT.Algorithms.NoneAlgorithm",
        WellKnownType.JwtNetValidator => "JWT.JwtValidator",
        WellKnownType.JoseJwt => "Jose.JWT",
        WellKnownType.GoogleJsonWebSignature => "Google.Apis.Auth.GoogleJsonWebSignature",

        WellKnownType.AppTokenValidatorOptions => "OneAuth.AppTokenValidatorOptions",
        WellKnownType.JwksKeySourceOptions => "OneAuth.JwksKeySourceOptions",

        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Every type of that name in the compilation and its references (source first); empty when there is none.</summary>
    public ImmutableArray<INamedTypeSymbol> All(WellKnownType type) => ImmutableArray.Create(Resolved(type));

    /// <summary>The one type of that name, or null when there is none or more than one (<see cref="Compilation.GetTypeByMetadataName"/>).</summary>
    public INamedTypeSymbol? Unique(WellKnownType type) => compilation.GetTypeByMetadataName(MetadataName(type));

    /// <summary>
    /// True when <paramref name="type"/> (of any type arguments and nullable annotation) is a type of that name. The simple
    /// name is compared before the symbols: rules ask this for many nodes of the project.
    /// </summary>
    public bool Is(ITypeSymbol? type, WellKnownType expected)
    {
        if (type is not INamedTypeSymbol named || named.Name != SimpleNames[(int)expected])
            return false;

        INamedTypeSymbol definition = named.OriginalDefinition;
        foreach (INamedTypeSymbol candidate in Resolved(expected))
        {
            if (SymbolEqualityComparer.Default.Equals(definition, candidate))
                return true;
        }

        return false;
    }

    public bool IsAny(ITypeSymbol? type, WellKnownType first, WellKnownType second)
        => Is(type, first) || Is(type, second);

    public bool IsAny(ITypeSymbol? type, WellKnownType first, WellKnownType second, WellKnownType third)
        => Is(type, first) || Is(type, second) || Is(type, third);

    public bool IsAny(ITypeSymbol? type, WellKnownType first, WellKnownType second, WellKnownType third, WellKnownType fourth)
        => Is(type, first) || Is(type, second) || Is(type, third) || Is(type, fourth);

    /// <summary>True when <paramref name="type"/> or one of its base types is a type of that name.</summary>
    public bool DerivesFrom(ITypeSymbol? type, WellKnownType expected)
    {
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (Is(t, expected))
                return true;
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is, or implements, the interface of that name.</summary>
    public bool Implements(ITypeSymbol? type, WellKnownType expected)
    {
        if (type is null)
            return false;
        if (Is(type, expected))
            return true;
        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (Is(implemented, expected))
                return true;
        }

        return false;
    }

    private static string[] CreateSimpleNames()
    {
        var names = new string[Count];
        for (int i = 0; i < Count; i++)
        {
            string name = MetadataName((WellKnownType)i);
            int start = name.LastIndexOf('.') + 1;
            int arity = name.IndexOf('`', start);
            names[i] = arity < 0 ? name.Substring(start) : name.Substring(start, arity - start);
        }

        return names;
    }

    private INamedTypeSymbol[] Resolved(WellKnownType type)
    {
        INamedTypeSymbol[]? types = Volatile.Read(ref resolved[(int)type]);
        if (types is not null)
            return types;

        Interlocked.Increment(ref resolutions);
        INamedTypeSymbol[] found = compilation.GetTypesByMetadataName(MetadataName(type)).ToArray();
        return Interlocked.CompareExchange(ref resolved[(int)type], found, null) ?? found;
    }
}
