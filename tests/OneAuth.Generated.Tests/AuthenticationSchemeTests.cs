using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace OneAuth.Generated.Tests;

/// <summary>The generated <c>AddAppToken()</c> scheme in a real ASP.NET Core app on 127.0.0.1.</summary>
public sealed class AuthenticationSchemeTests : IClassFixture<JwksHost>, IAsyncLifetime
{
    private readonly JwksHost _host;
    private WebApplication? _app;
    private HttpClient _client = null!;

    public AuthenticationSchemeTests(JwksHost host) => _host = host;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication().AddAppToken(o => o.JwksUri = _host.JwksUri);
        builder.Services.AddAuthorization();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/me", (HttpContext context) =>
        {
            AppTokenClaims claims = context.Features.Get<AppTokenClaims>()!;
            return claims.AppId + ":" + claims.Subject + ":" + context.User.Identity?.IsAuthenticated;
        }).RequireAuthorization();
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
    }

    [Fact]
    public async Task Valid_token_reaches_the_endpoint_with_typed_claims()
    {
        HttpResponseMessage response = await Send(_host.Issuer.MintToken("billing", "billing-api", b => b.Subject("alice")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("billing:alice:True", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_for_another_app_gets_401_with_the_reason()
    {
        HttpResponseMessage response = await Send(_host.Issuer.MintToken("payments", "billing-api"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        string challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("WrongApp", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_token_gets_a_plain_bearer_challenge()
    {
        HttpResponseMessage response = await _client.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Two_authorization_headers_are_rejected()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        string token = _host.Issuer.MintToken("billing", "billing-api");
        request.Headers.TryAddWithoutValidation("Authorization", new[] { "Bearer " + token, "Bearer " + token });
        HttpResponseMessage response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> Send(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _client.SendAsync(request);
    }
}
