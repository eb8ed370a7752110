using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// The Microsoft.IdentityModel and ASP.NET Core types the rules look for, resolved once per compilation.
/// </summary>
internal sealed class IdentityModelTypes
{
    private IdentityModelTypes(WellKnownTypes known, INamedTypeSymbol tokenValidationParameters)
    {
        Known = known;
        TokenValidationParameters = tokenValidationParameters;
        JwtBearerOptions = known.Unique(WellKnownType.JwtBearerOptions);
    }

    /// <summary>The compilation's table of the other types the rules recognise.</summary>
    public WellKnownTypes Known { get; }

    public INamedTypeSymbol TokenValidationParameters { get; }

    public INamedTypeSymbol? JwtBearerOptions { get; }

    /// <summary>Returns null when the compilation does not reference Microsoft.IdentityModel.Tokens.</summary>
    public static IdentityModelTypes? TryResolve(Compilation compilation)
    {
        WellKnownTypes known = WellKnownTypes.For(compilation);
        INamedTypeSymbol? tvp = known.Unique(WellKnownType.TokenValidationParameters);
        return tvp is null ? null : new IdentityModelTypes(known, tvp);
    }

    /// <summary>
    /// The gate of the Security rules' compilation start: the types, or null when the compilation does not
    /// reference Microsoft.IdentityModel.Tokens or is a test project the rules stay quiet in (<see cref="TestCodeGate"/>).
    /// </summary>
    public static IdentityModelTypes? ForSecurityRules(Compilation compilation, AnalyzerOptions options)
        => TryResolve(compilation) is { } types && !TestCodeGate.IsSuppressedTestProject(compilation, options) ? types : null;

    /// <summary>True when <paramref name="type"/> is TokenValidationParameters or derives from it.</summary>
    public bool IsTokenValidationParameters(ITypeSymbol? type)
    {
        // Rules ask this for every property assignment and object creation in the project: the name is compared
        // before the symbols, which costs far more.
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (t.Name == TokenValidationParameters.Name && SymbolEqualityComparer.Default.Equals(t, TokenValidationParameters))
                return true;
        }

        return false;
    }
}
