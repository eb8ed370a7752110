using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace OneAuth.Generated.Tests;

/// <summary>
/// What a tracing backend sees of the generated scheme in a real app: the request's own activity says why its token
/// was refused, and the JWKS fetch is an activity of the <c>OneAuth</c> source.
/// </summary>
public sealed class TracingTests : IClassFixture<JwksHost>, IAsyncLifetime
{
    private const string CaseTag = "test.case";
    private readonly JwksHost _host;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private WebApplication? _app;
    private HttpClient _client = null!;

    public TracingTests(JwksHost host)
    {
        _host = host;
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == OneAuthDiagnostics.ActivitySourceName || s.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication().AddAppToken(o => o.JwksUri = _host.JwksUri);
        builder.Services.AddAuthorization();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Activity.Current?.SetTag(CaseTag, context.Request.Headers["X-Case"].ToString());
            await next(context);
        });
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/me", () => "ok").RequireAuthorization();
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        _listener.Dispose();
    }

    [Fact]
    public async Task A_rejected_token_is_tagged_on_the_request_activity_with_its_failure_only()
    {
        string caseId = Guid.NewGuid().ToString("N");
        string token = _host.Issuer.MintToken("payments", "billing-api");
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(token, caseId));

        Activity request = await RequestActivityAsync(caseId);
        Assert.Equal("WrongApp", request.GetTagItem("oneauth.token.failure"));
        foreach (KeyValuePair<string, object?> tag in request.TagObjects)
            Assert.DoesNotContain(token.Split('.')[1], Convert.ToString(tag.Value) ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accepted_token_leaves_no_failure_tag()
    {
        string caseId = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, await SendAsync(_host.Issuer.MintToken("billing", "billing-api"), caseId));

        Activity request = await RequestActivityAsync(caseId);
        Assert.Null(request.GetTagItem("oneauth.token.failure"));
    }

    [Fact]
    public async Task The_JWKS_fetch_is_an_activity_of_the_OneAuth_source()
    {
        await SendAsync(_host.Issuer.MintToken("billing", "billing-api"), Guid.NewGuid().ToString("N"));
        string url = _host.JwksUri.GetLeftPart(UriPartial.Path);

        Activity fetch = await EventuallyAsync(() => _stopped.FirstOrDefault(a =>
            a.Source.Name == OneAuthDiagnostics.ActivitySourceName && Equals(a.GetTagItem("url.full"), url)));
        Assert.Equal("oneauth.jwks.fetch", fetch.OperationName);
        Assert.Equal("ok", fetch.GetTagItem("oneauth.jwks.result"));
        Assert.Equal(1, fetch.GetTagItem("oneauth.jwks.keys"));
    }

    private async Task<HttpStatusCode> SendAsync(string token, string caseId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Case", caseId);
        using HttpResponseMessage response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    private Task<Activity> RequestActivityAsync(string caseId)
        => EventuallyAsync(() => _stopped.FirstOrDefault(a => Equals(a.GetTagItem(CaseTag), caseId)));

    /// <summary>The request activity stops just after the response is sent: wait for it briefly.</summary>
    private static async Task<Activity> EventuallyAsync(Func<Activity?> find)
    {
        for (int i = 0; i < 200; i++)
        {
            if (find() is { } found)
                return found;
            await Task.Delay(25);
        }

        throw new Xunit.Sdk.XunitException("the expected activity was not recorded");
    }
}
