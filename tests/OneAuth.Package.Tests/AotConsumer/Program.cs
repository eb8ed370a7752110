using OneAuth;
using OneAuth.Testing;

[assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com", Audience = "billing-api")]

// The test issuer and its loopback JWKS live in the same process, so the published binary needs nothing else.
using var issuer = new TestIssuer("https://auth.example.com");
using JwksServer jwks = issuer.StartJwksServer();

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Services.AddAuthentication().AddAppToken(o => o.JwksUri = jwks.JwksUri);
builder.Services.AddAuthorization();
builder.Services.AddHealthChecks().AddAppTokenKeys();

WebApplication app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/me", (HttpContext context) => context.Features.Get<AppTokenClaims>()!.AppId + ":" + context.User.Identity!.IsAuthenticated).RequireAuthorization();
app.MapGet("/mint/{appId}", (string appId) => issuer.MintToken(appId, "billing-api"));
app.MapHealthChecks("/health");

await app.StartAsync();
Console.WriteLine("Listening=" + app.Urls.First());
await app.WaitForShutdownAsync();
