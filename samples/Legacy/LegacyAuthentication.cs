using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Legacy;

/// <summary>JWT bearer configuration the way it is too often written. Each line is a real-world mistake.</summary>
public static class LegacyAuthentication
{
    public static void Configure(IServiceCollection services, IHostEnvironment env)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.Authority = "http://auth.example.com";
            options.RequireHttpsMetadata = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateAudience = false,
                ValidateIssuer = !env.IsDevelopment(),
                ValidateLifetime = false,
                ClockSkew = TimeSpan.FromHours(1),
                ValidAlgorithms = new[] { "RS256", "none", "HS256" },
                IssuerSigningKey = new SymmetricSecurityKey("a-secret-that-everyone-can-read-in-git"u8.ToArray()),
            };
        });
    }
}
