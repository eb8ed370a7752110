using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Legacy;

/// <summary>Hand-rolled token checks that look plausible and break the app boundary.</summary>
public static class LegacyTokenChecks
{
    // Decodes the token without verifying its signature, then trusts what it says.
    public static bool IsAdmin(string token)
    {
        JwtSecurityToken jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        return jwt.Claims.Any(c => c.Type == "role" && c.Value == "admin");
    }

    // Case-insensitive app_id comparison: "BILLING" or "Billing" minted elsewhere would pass.
    public static bool IsForBilling(ClaimsPrincipal user)
        => string.Equals(user.FindFirst("app_id")?.Value, "billing", StringComparison.OrdinalIgnoreCase);

    // A failed authentication is turned into a successful one.
    public static JwtBearerEvents Events() => new()
    {
        OnAuthenticationFailed = context =>
        {
            context.Success();
            return Task.CompletedTask;
        },
    };
}
