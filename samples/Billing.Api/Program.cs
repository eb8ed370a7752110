using OneAuth;

// The one line of configuration: tokens must be RS256, from this issuer, for this audience, unexpired,
// and carry app_id == "billing". The generator turns it into Billing.Api.AppTokenValidator.
[assembly: AppScope("billing", Issuer = "https://auth.example.com", Audience = "billing-api")]

var builder = WebApplication.CreateBuilder(args);

// In production the JWKS address comes from the attribute (Issuer + /.well-known/jwks.json). A development
// issuer on loopback is named in configuration (OneAuth:JwksUri), which the generated registration reads.
builder.Services.AddAuthentication().AddAppToken();
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/health", () => "ok");

// Typed claims of the verified token, straight from the generated validator.
app.MapGet("/invoices", (HttpContext context) =>
{
    AppTokenClaims claims = context.Features.Get<AppTokenClaims>()!;
    return Results.Ok(new
    {
        app = claims.AppId,
        subject = claims.Subject,
        scopes = claims.Scopes,
        expires = claims.ExpiresAt,
    });
}).RequireAuthorization();

app.Run();
