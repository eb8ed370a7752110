using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>Transport rules: what a fetch must look like before any key in it is considered.</summary>
public class JwksFetchTests
{
    private static readonly string GoodSet = JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"));

    [Fact]
    public async Task Cold_start_fetches_once_and_serves_the_key()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(GoodSet);

        Assert.Equal(0, h.Source.KeySetVersion);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        Assert.Equal(1, h.Server.Fetches);
        Assert.Equal(1, h.Source.KeySetVersion);
        Assert.Single(h.Logs.WithEvent(2001));
    }

    [Fact]
    public async Task Concurrent_cold_start_makes_exactly_one_fetch()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        byte[] body = Encoding.UTF8.GetBytes(GoodSet);
        h.Server.Handler = async ctx =>
        {
            await release.Task;
            ctx.Response.ContentLength = body.Length;
            await ctx.Response.Body.WriteAsync(body);
        };

        Task<SigningKeyLookup>[] lookups = Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(() => h.GetAsync("a")))
            .ToArray();
        await h.Server.WaitForRequestAsync();
        await Task.Delay(200);   // let stragglers join the in-flight fetch
        release.SetResult();

        foreach (SigningKeyLookup lookup in await Task.WhenAll(lookups).WaitAsync(JwksHarness.Patience))
            Trust.IsKey(lookup, JwksTestKeys.A);
        Assert.Equal(1, h.Server.Fetches);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(404)]
    [InlineData(401)]
    [InlineData(201)]
    [InlineData(204)]
    public async Task Non_200_answers_are_failed_fetches(int status)
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.ServeStatus(status, GoodSet);

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        Assert.Equal(1, h.Server.Fetches);
        Assert.Contains(h.Logs.WithEvent(2002), e => e.Message.Contains($"answered {status}"));
        h.AssertNeverFound("a");
    }

    [Fact]
    public async Task A_failed_fetch_starts_the_cooldown_then_the_source_recovers()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.ServeStatus(500);

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        h.Server.Serve(GoodSet);   // the server comes back...
        h.Time.Advance(TimeSpan.FromSeconds(29));
        ValueTask<SigningKeyLookup> throttled = h.Source.GetKeyAsync("a");
        Assert.True(throttled.IsCompleted);   // ...but callers are not queued behind the cooldown
        Trust.NoKey(await throttled, SigningKeyStatus.KeysUnavailable);
        Assert.Equal(1, h.Server.Fetches);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Assert.Equal(2, h.Server.Fetches);
    }

    [Fact]
    public async Task Connection_refused_is_a_failed_fetch()
    {
        JwksTestServer gone = await JwksTestServer.StartAsync();
        Uri uri = gone.JwksUri;
        await gone.DisposeAsync();
        var logs = new CapturingLoggerFactory();
        using var source = new JwksKeySource(uri, new JwksKeySourceOptions { LoggerFactory = logs });

        Trust.NoKey(await source.GetKeyAsync("a"), SigningKeyStatus.KeysUnavailable);
        Assert.Contains(logs.WithEvent(2002), e => e.Message.Contains("(network)"));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_after_exactly_five_seconds()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Hang();

        Task<SigningKeyLookup> pending = h.GetAsync("a");
        await h.Server.WaitForRequestAsync();
        h.Time.Advance(TimeSpan.FromMilliseconds(4999));
        await Task.Delay(100);
        Assert.False(pending.IsCompleted);

        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        Trust.NoKey(await pending.WaitAsync(TimeSpan.FromSeconds(10)), SigningKeyStatus.KeysUnavailable);
        Assert.Contains(h.Logs.WithEvent(2002), e => e.Message.Contains("(timeout)"));
    }

    [Fact]
    public async Task The_deadline_also_works_on_the_real_clock()
    {
        await using JwksTestServer server = await JwksTestServer.StartAsync();
        server.Hang();
        using var source = new JwksKeySource(server.JwksUri) { FetchTimeout = TimeSpan.FromMilliseconds(300) };

        Trust.NoKey(await source.GetKeyAsync("a").AsTask().WaitAsync(TimeSpan.FromSeconds(10)), SigningKeyStatus.KeysUnavailable);
    }

    [Fact]
    public async Task A_body_that_stalls_midway_times_out_and_keeps_the_previous_set()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(GoodSet);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        string next = JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.B, "b"));
        h.Server.Handler = async ctx =>
        {
            byte[] body = Encoding.UTF8.GetBytes(next);
            ctx.Response.ContentLength = body.Length;
            await ctx.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
            await ctx.Response.Body.FlushAsync();
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, h.Server.Stopping);
            await Task.Delay(Timeout.Infinite, both.Token).ContinueWith(_ => { });
        };
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Task<SigningKeyLookup> pending = h.GetAsync("b");
        await h.Server.WaitForRequestAsync();
        await h.Server.WaitForRequestAsync();
        await Task.Delay(100);
        Assert.False(pending.IsCompleted);

        h.Time.Advance(TimeSpan.FromSeconds(5));
        Trust.NoKey(await pending.WaitAsync(TimeSpan.FromSeconds(10)), SigningKeyStatus.UnknownKey);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Assert.Equal(1, h.Source.KeySetVersion);
        Assert.Contains(h.Logs.WithEvent(2002), e => e.Message.Contains("(timeout)"));
        h.AssertNeverFound("b");
    }

    [Fact]
    public async Task A_body_that_keeps_trickling_is_cut_off_by_the_whole_fetch_deadline()
    {
        // Bytes keep arriving, so no idle timeout would fire; the deadline covers the whole fetch.
        await using JwksTestServer server = await JwksTestServer.StartAsync();
        byte[] body = Encoding.UTF8.GetBytes(GoodSet);
        server.Handler = async ctx =>
        {
            ctx.Response.ContentLength = body.Length;
            for (int i = 0; i < body.Length && !ctx.RequestAborted.IsCancellationRequested; i++)
            {
                await ctx.Response.Body.WriteAsync(body.AsMemory(i, 1));
                await ctx.Response.Body.FlushAsync();
                await Task.Delay(20, server.Stopping).ContinueWith(_ => { });
            }
        };
        var logs = new CapturingLoggerFactory();
        using var source = new JwksKeySource(server.JwksUri, new JwksKeySourceOptions { LoggerFactory = logs }) { FetchTimeout = TimeSpan.FromMilliseconds(500) };

        Trust.NoKey(await source.GetKeyAsync("a").AsTask().WaitAsync(JwksHarness.Patience), SigningKeyStatus.KeysUnavailable);
        Assert.Contains(logs.WithEvent(2002), e => e.Message.Contains("(timeout)"));
    }

    [Fact]
    public async Task A_one_megabyte_body_is_refused_from_its_content_length()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(PadTo(GoodSet, 1024 * 1024));

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        Assert.Contains(h.Logs.WithEvent(2002), e => e.Message.Contains("(too_large)") && e.Message.Contains("declared"));
        h.AssertNeverFound("a");
    }

    [Fact]
    public async Task A_one_megabyte_chunked_body_is_refused_while_reading()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Handler = async ctx =>
        {
            // No Content-Length: chunked. The key comes first, so only the cap can stop it being accepted.
            await ctx.Response.WriteAsync(PadTo(GoodSet, 1024 * 1024));
        };

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        Assert.Contains(h.Logs.WithEvent(2002), e => e.Message.Contains("(too_large)") && !e.Message.Contains("declared"));
        h.AssertNeverFound("a");
    }

    [Fact]
    public async Task A_content_length_that_understates_the_body_is_not_trusted()
    {
        // The response's Content-Length header claims 100 bytes while a megabyte streams in.
        var client = new HttpClient(new LyingContentLength(new SocketsHttpHandler { AllowAutoRedirect = false }));
        await using JwksHarness h = await JwksHarness.StartAsync(client);
        h.Server.Handler = ctx => ctx.Response.WriteAsync(PadTo(GoodSet, 1024 * 1024));

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        Assert.Contains(h.Logs.WithEvent(2002), e => e.Message.Contains("(too_large)") && !e.Message.Contains("declared"));
        h.AssertNeverFound("a");
    }

    [Fact]
    public async Task The_body_cap_is_exactly_64_KiB()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(PadTo(GoodSet, 64 * 1024));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        h.Server.Handler = ctx => ctx.Response.WriteAsync(PadTo(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.B, "b")), (64 * 1024) + 1));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Trust.NoKey(await h.GetAsync("b"), SigningKeyStatus.UnknownKey);
        Assert.Contains(h.Logs.WithEvent(2002), e => e.Message.Contains("(too_large)"));
        h.AssertNeverFound("b");
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_refused_and_never_followed(int status)
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Handler = ctx =>
        {
            if (ctx.Request.Path == JwksTestServer.JwksPath)
            {
                ctx.Response.StatusCode = status;
                ctx.Response.Headers.Location = "/elsewhere.json";
                return Task.CompletedTask;
            }

            return ctx.Response.WriteAsync(GoodSet);
        };

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        Assert.Equal(0, h.Server.RequestsTo("/elsewhere.json"));
        Assert.Contains(h.Logs.WithEvent(2002), e => e.Message.Contains("(redirect)"));
        h.AssertNeverFound("a");
    }

    [Fact]
    public async Task A_redirect_followed_by_an_injected_client_is_detected_and_refused()
    {
        var followingClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        await using JwksHarness h = await JwksHarness.StartAsync(followingClient);
        h.Server.Handler = ctx =>
        {
            if (ctx.Request.Path == JwksTestServer.JwksPath)
            {
                ctx.Response.StatusCode = 302;
                ctx.Response.Headers.Location = "/elsewhere.json";
                return Task.CompletedTask;
            }

            return ctx.Response.WriteAsync(GoodSet);
        };

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        Assert.Equal(1, h.Server.RequestsTo("/elsewhere.json"));   // the client did follow it...
        Assert.Contains(h.Logs.WithEvent(2002), e => e.Message.Contains("(redirect)"));   // ...and the answer was refused
        h.AssertNeverFound("a");
    }

    [Theory]
    [InlineData("{\"keys\":[", "invalid_json")]
    [InlineData("not json", "invalid_json")]
    [InlineData("", "invalid_json")]
    [InlineData("{\"keys\":[]} trailing", "invalid_json")]
    [InlineData("[]", "invalid_set")]
    [InlineData("\"keys\"", "invalid_set")]
    [InlineData("{}", "invalid_set")]
    [InlineData("{\"Keys\":[]}", "invalid_set")]
    [InlineData("{\"keys\":{}}", "invalid_set")]
    [InlineData("{\"keys\":null}", "invalid_set")]
    [InlineData("{\"keys\":\"a\"}", "invalid_set")]
    [InlineData("{\"keys\":[]}", "no_usable_keys")]
    public async Task Bodies_that_are_not_a_jwks_object_are_rejected(string body, string reason)
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(body);

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        Assert.Contains(h.Logs.WithEvent(2004), e => e.Message.Contains($"({reason})"));
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_tolerated()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve("\uFEFF" + GoodSet);

        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
    }

    [Fact]
    public async Task A_duplicated_keys_member_is_rejected()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        string jwk = JwksTestKeys.Jwk(JwksTestKeys.A, "a").ToJsonString();
        h.Server.Serve($"{{\"keys\":[],\"keys\":[{jwk}]}}");

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        Assert.Contains(h.Logs.WithEvent(2004), e => e.Message.Contains("(invalid_set)"));
    }

    [Fact]
    public async Task One_caller_cancelling_does_not_fail_the_shared_fetch()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        byte[] body = Encoding.UTF8.GetBytes(GoodSet);
        h.Server.Handler = async ctx =>
        {
            await release.Task;
            await ctx.Response.Body.WriteAsync(body);
        };

        using var impatient = new CancellationTokenSource();
        Task<SigningKeyLookup> first = h.GetAsync("a", impatient.Token);
        await h.Server.WaitForRequestAsync();
        Task<SigningKeyLookup> second = h.GetAsync("a");
        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(JwksHarness.Patience));

        release.SetResult();
        Trust.IsKey(await second.WaitAsync(JwksHarness.Patience), JwksTestKeys.A);
        Assert.Equal(1, h.Server.Fetches);
    }

    [Fact]
    public async Task Disposing_stops_a_running_fetch()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Hang();
        Task<SigningKeyLookup> pending = h.GetAsync("a");
        await h.Server.WaitForRequestAsync();

        h.Source.Dispose();
        Trust.NoKey(await pending.WaitAsync(TimeSpan.FromSeconds(10)), SigningKeyStatus.KeysUnavailable);
    }

    /// <summary>Pads a JSON object with trailing whitespace to exactly <paramref name="size"/> bytes (still valid JSON).</summary>
    private static string PadTo(string json, int size) => json + new string(' ', size - Encoding.UTF8.GetByteCount(json));

    private sealed class LyingContentLength(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            response.Content.Headers.ContentLength = 100;
            return response;
        }
    }
}
