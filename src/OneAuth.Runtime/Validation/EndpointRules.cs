using System;
using OneAuth.Shared;

namespace OneAuth.Validation;

/// <summary>
/// Issuer and JWKS addresses given at run time: the same rule as the generator's (<see cref="AppScopeValues"/>),
/// phrased as exception messages.
/// </summary>
internal static class EndpointRules
{
    /// <summary>Checks an address given as text; <paramref name="what"/> names it ("issuer", "JWKS URI").</summary>
    public static bool IsAcceptable(string? value, string what, out Uri? uri, out string? problem)
    {
        uri = null;
        string? found = IsIssuer(what) ? AppScopeValues.DescribeIssuerProblem(value) : AppScopeValues.DescribeJwksUriProblem(value);
        if (found is null && Uri.TryCreate(value, UriKind.Absolute, out Uri? parsed))
        {
            uri = parsed;
            problem = null;
            return true;
        }

        problem = "The " + what + " " + (found ?? "is not an absolute URI") + ".";
        return false;
    }

    /// <summary>Checks an address given as a <see cref="Uri"/>.</summary>
    public static bool IsAcceptable(Uri value, string what, out Uri? uri, out string? problem)
    {
        uri = null;
        string? found = AppScopeValues.DescribeUriProblem(value, IsIssuer(what));
        if (found is not null)
        {
            problem = "The " + what + " " + found + ".";
            return false;
        }

        uri = value;
        problem = null;
        return true;
    }

    private static bool IsIssuer(string what) => string.Equals(what, "issuer", StringComparison.Ordinal);
}
