using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// The token libraries other than Microsoft.IdentityModel that the Security rules know, resolved once per compilation:
/// JWT.NET (package <c>JWT</c>), jose-jwt (package <c>jose-jwt</c>) and Google.Apis.Auth. Each is null when the
/// compilation does not reference it, so a rule registers nothing for a library the project does not use.
/// </summary>
internal sealed class TokenLibraryTypes
{
    private TokenLibraryTypes(Compilation compilation)
    {
        JwtBuilder = FromAssembly(compilation, WellKnownType.JwtNetBuilder, "JWT");
        JwtDecoderInterface = FromAssembly(compilation, WellKnownType.JwtNetDecoderInterface, "JWT");
        JwtLegacyFacade = FromAssembly(compilation, WellKnownType.JwtNetLegacyFacade, "JWT");
        JoseJwt = FromAssembly(compilation, WellKnownType.JoseJwt, "jose-jwt");
        GoogleJsonWebSignature = FromAssembly(compilation, WellKnownType.GoogleJsonWebSignature, "Google.Apis.Auth");

        // JWT.NET 8 and later configure decoding through ValidationParameters, and what their builder does without
        // MustVerifySignature() is not the 7.x default: only explicit choices are judged there.
        BuilderVerifiesByDefaultUnknown = JwtBuilder is not null && JwtBuilder.GetMembers("WithValidationParameters").Length > 0;
    }

    /// <summary><c>JWT.Builder.JwtBuilder</c> (JWT.NET).</summary>
    public INamedTypeSymbol? JwtBuilder { get; }

    /// <summary><c>JWT.IJwtDecoder</c> (JWT.NET).</summary>
    public INamedTypeSymbol? JwtDecoderInterface { get; }

    /// <summary><c>JWT.JsonWebToken</c>, the static facade of JWT.NET before 4.0.</summary>
    public INamedTypeSymbol? JwtLegacyFacade { get; }

    /// <summary><c>Jose.JWT</c> (jose-jwt).</summary>
    public INamedTypeSymbol? JoseJwt { get; }

    /// <summary><c>Google.Apis.Auth.GoogleJsonWebSignature</c> (Google.Apis.Auth).</summary>
    public INamedTypeSymbol? GoogleJsonWebSignature { get; }

    /// <summary>True for JWT.NET versions whose builder default is not known to skip verification.</summary>
    public bool BuilderVerifiesByDefaultUnknown { get; }

    public bool HasJwtNet => JwtBuilder is not null || JwtDecoderInterface is not null || JwtLegacyFacade is not null;

    public bool HasJose => JoseJwt is not null;

    public bool HasGoogle => GoogleJsonWebSignature is not null;

    public bool HasAny => HasJwtNet || HasJose || HasGoogle;

    public static TokenLibraryTypes Resolve(Compilation compilation) => new(compilation);

    /// <summary>The type when the library's own assembly declares it: a project's lookalike type is not the library.</summary>
    private static INamedTypeSymbol? FromAssembly(Compilation compilation, WellKnownType name, string assemblyName)
    {
        INamedTypeSymbol? type = WellKnownTypes.For(compilation).Unique(name);
        return type?.ContainingAssembly?.Name == assemblyName ? type : null;
    }

    /// <summary>
    /// The gate of the Security rules for these libraries: the types, or null when the compilation references none of
    /// them or is a test project the rules stay quiet in (<see cref="TestCodeGate"/>).
    /// </summary>
    public static TokenLibraryTypes? ForSecurityRules(Compilation compilation, AnalyzerOptions options)
    {
        var types = new TokenLibraryTypes(compilation);
        return types.HasAny && !TestCodeGate.IsSuppressedTestProject(compilation, options) ? types : null;
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="expected"/> (not null).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && type is not null && type.Name == expected.Name
           && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>True when <paramref name="type"/> is a JWT.NET decoder: <c>IJwtDecoder</c> or a type implementing it.</summary>
    public bool IsJwtDecoder(ITypeSymbol? type)
    {
        if (JwtDecoderInterface is null || type is null)
            return false;
        if (Is(type, JwtDecoderInterface))
            return true;
        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (Is(implemented, JwtDecoderInterface))
                return true;
        }

        return false;
    }
}
