using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an ephemeral port. Each test sets <see cref="Handler"/>; every request
/// is counted per path before the handler runs.
/// </summary>
public sealed class JwksTestServer : IAsyncDisposable
{
    public const string JwksPath = "/.well-known/jwks.json";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, int> _requestsByPath = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrivals = new(0);
    private volatile Func<HttpContext, Task> _handler = static ctx =>
    {
        ctx.Response.StatusCode = 404;
        return Task.CompletedTask;
    };

    private JwksTestServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        JwksUri = new Uri(baseUri, JwksPath);
    }

    public Uri BaseUri { get; }

    public Uri JwksUri { get; }

    /// <summary>Requests for <see cref="JwksPath"/> so far (thread-safe).</summary>
    public int Fetches => RequestsTo(JwksPath);

    /// <summary>Cancelled when the server shuts down, so handlers that hang forever end with it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public Func<HttpContext, Task> Handler
    {
        get => _handler;
        set => _handler = value;
    }

    public static async Task<JwksTestServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();

        JwksTestServer? server = null;
        app.Run(async ctx =>
        {
            JwksTestServer s = server!;
            s._requestsByPath.AddOrUpdate(ctx.Request.Path.Value ?? "", 1, static (_, n) => n + 1);
            s._arrivals.Release();
            await s._handler(ctx);
        });

        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new JwksTestServer(app, new Uri(address));
        return server;
    }

    public int RequestsTo(string path) => _requestsByPath.TryGetValue(path, out int n) ? n : 0;

    /// <summary>Waits until one more request (of any path) has reached the handler.</summary>
    public async Task WaitForRequestAsync()
    {
        if (!await _arrivals.WaitAsync(TimeSpan.FromSeconds(30)))
            throw new TimeoutException("The server saw no request within 30 s.");
    }

    /// <summary>Serves <paramref name="json"/> with status 200 and, optionally, a Cache-Control header.</summary>
    public void Serve(string json, string? cacheControl = null) => Handler = ctx =>
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        if (cacheControl is not null)
            ctx.Response.Headers.CacheControl = cacheControl;
        byte[] body = Encoding.UTF8.GetBytes(json);
        ctx.Response.ContentLength = body.Length;
        return ctx.Response.Body.WriteAsync(body).AsTask();
    };

    public void ServeStatus(int status, string body = "{\"keys\":[]}") => Handler = ctx =>
    {
        ctx.Response.StatusCode = status;
        return status is 204 or 304 ? Task.CompletedTask : ctx.Response.WriteAsync(body);
    };

    /// <summary>Accepts the request and never answers (until the client gives up or the server stops).</summary>
    public void Hang() => Handler = async ctx =>
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, both.Token);
        }
        catch (OperationCanceledException)
        {
        }
    };

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopTimeout.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
