using System.Collections.Concurrent;
using System.Diagnostics;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>One activity per JWKS fetch from the <c>OneAuth</c> activity source, with its outcome.</summary>
public sealed class JwksTracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public JwksTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == OneAuthDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_successful_fetch_is_one_activity_with_the_number_of_keys()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.SettleAsync();

        Activity fetch = Assert.Single(FetchesOf(h));
        Assert.Equal("oneauth.jwks.fetch", fetch.OperationName);
        Assert.Equal(ActivityKind.Internal, fetch.Kind);
        Assert.Equal("ok", fetch.GetTagItem("oneauth.jwks.result"));
        Assert.Equal(2, fetch.GetTagItem("oneauth.jwks.keys"));
        Assert.Equal(1L, fetch.GetTagItem("oneauth.jwks.key_set_version"));
        Assert.Equal("127.0.0.1", fetch.GetTagItem("server.address"));
        Assert.NotEqual(ActivityStatusCode.Error, fetch.Status);
        Assert.True(fetch.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_failed_fetch_carries_its_reason_and_an_error_status()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.ServeStatus(500);
        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        await h.SettleAsync();

        Activity fetch = Assert.Single(FetchesOf(h));
        Assert.Equal("failed", fetch.GetTagItem("oneauth.jwks.result"));
        Assert.Equal("status", fetch.GetTagItem("oneauth.jwks.reason"));
        Assert.Equal("status", fetch.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, fetch.Status);
    }

    [Fact]
    public async Task The_fetch_is_a_root_activity_linked_to_the_request_that_started_it()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        using (var request = new Activity("request").Start())
        {
            Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
            await h.SettleAsync();

            Activity fetch = Assert.Single(FetchesOf(h));
            Assert.Null(fetch.Parent);
            Assert.Equal(default, fetch.ParentSpanId);
            Assert.Contains(fetch.Links, l => l.Context.TraceId == request.TraceId && l.Context.SpanId == request.SpanId);
            Assert.Same(request, Activity.Current);
        }
    }

    [Fact]
    public async Task No_key_material_or_kid_is_among_the_tags()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "kid-secretive")));
        Trust.IsKey(await h.GetAsync("kid-secretive"), JwksTestKeys.A);
        await h.SettleAsync();

        Activity fetch = Assert.Single(FetchesOf(h));
        string n = JwksTestKeys.B64(JwksTestKeys.Modulus(JwksTestKeys.A));
        foreach (KeyValuePair<string, object?> tag in fetch.TagObjects)
        {
            string value = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            Assert.DoesNotContain("kid-secretive", value, StringComparison.Ordinal);
            Assert.DoesNotContain(n.Substring(0, 16), value, StringComparison.Ordinal);
        }
    }

    private IEnumerable<Activity> FetchesOf(JwksHarness h)
    {
        string url = h.Server.JwksUri.GetLeftPart(UriPartial.Path);
        return _stopped.Where(a => a.OperationName == "oneauth.jwks.fetch" && Equals(a.GetTagItem("url.full"), url));
    }
}
