using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OneAuth.Testing;

/// <summary>
/// Serves a test issuer's JWKS over plain HTTP on 127.0.0.1 and a free port (System.Net.HttpListener, no ASP.NET
/// Core). By default <see cref="JwksUri"/> answers 200 with the issuer's current JWKS; it can be told to fail, be
/// slow, redirect or return any body, to test key sources. Any other path answers with the current JWKS too, so a
/// client that follows a redirect to this server visibly succeeds. Stops on <see cref="Dispose"/>.
/// </summary>
public sealed class JwksServer : IDisposable
{
    /// <summary>The path the JWKS is served on.</summary>
    public const string JwksPath = "/.well-known/jwks.json";

    private readonly Func<string> _jwks;
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
    private readonly Task _loop;
    private volatile Response? _override;
    private int _requestCount;
    private long _delayTicks;
    private volatile string? _cacheControl;

    internal JwksServer(Func<string> jwks)
    {
        _jwks = jwks;
        _listener = Listen(out Uri baseUri);
        BaseUri = baseUri;
        JwksUri = new Uri(baseUri, JwksPath);
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary><c>http://127.0.0.1:{port}/.well-known/jwks.json</c>.</summary>
    public Uri JwksUri { get; }

    /// <summary>How many requests (any path, any outcome) have been received.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Waits this long before answering any request (default zero).</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>The Cache-Control header sent with the JWKS (none when null).</summary>
    public string? CacheControl
    {
        get => _cacheControl;
        set => _cacheControl = value;
    }

    /// <summary>Serves the issuer's current JWKS again (undoes <see cref="FailWith"/>, <see cref="RespondWith"/>, <see cref="RedirectTo"/>).</summary>
    public void ServeJwks() => _override = null;

    /// <summary>Answers the JWKS path with this status code and an empty body.</summary>
    public void FailWith(int statusCode = 500) => _override = new Response(statusCode, "", "text/plain", null);

    /// <summary>Answers the JWKS path with exactly this body.</summary>
    public void RespondWith(string body, int statusCode = 200, string contentType = "application/json")
        => _override = new Response(statusCode, body ?? throw new ArgumentNullException(nameof(body)), contentType, null);

    /// <summary>Answers the JWKS path with a redirect to <paramref name="location"/>.</summary>
    public void RedirectTo(Uri location, int statusCode = 302)
        => _override = new Response(statusCode, "", "text/plain", location ?? throw new ArgumentNullException(nameof(location)));

    /// <summary>Stops listening; requests in flight are abandoned.</summary>
    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
            return;

        _stopping.Cancel();
        try
        {
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }

        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's exception; nothing to report.
        }

        _stopping.Dispose();
    }

    private static HttpListener Listen(out Uri baseUri)
    {
        HttpListenerException? last = null;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            int port = FreePort();
            string prefix = string.Format(CultureInfo.InvariantCulture, "http://127.0.0.1:{0}/", port);
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                baseUri = new Uri(prefix);
                return listener;
            }
            catch (HttpListenerException e)
            {
                // Another process took the port between probing and binding: try another one.
                last = e;
                listener.Close();
            }
        }

        throw new InvalidOperationException("Could not start the JWKS server on a loopback port.", last);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requestCount);
        try
        {
            TimeSpan delay = Delay;
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);

            bool isJwksPath = string.Equals(context.Request.Url?.AbsolutePath, JwksPath, StringComparison.Ordinal);
            Response response = (isJwksPath ? _override : null) ?? new Response(200, _jwks(), "application/json", null);

            HttpListenerResponse http = context.Response;
            http.StatusCode = response.StatusCode;
            http.ContentType = response.ContentType;
            if (response.Location is not null)
                http.RedirectLocation = response.Location.AbsoluteUri;
            if (response.StatusCode == 200 && _cacheControl is { } cacheControl)
                http.Headers["Cache-Control"] = cacheControl;

            byte[] body = Encoding.UTF8.GetBytes(response.Body);
            http.ContentLength64 = body.Length;
            await http.OutputStream.WriteAsync(body, 0, body.Length, _stopping.Token).ConfigureAwait(false);
            http.Close();
        }
        catch (Exception e) when (e is OperationCanceledException || e is HttpListenerException || e is ObjectDisposedException || e is System.IO.IOException)
        {
            // Stopped, or the client went away.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private sealed class Response
    {
        public Response(int statusCode, string body, string contentType, Uri? location)
        {
            StatusCode = statusCode;
            Body = body;
            ContentType = contentType;
            Location = location;
        }

        public int StatusCode { get; }

        public string Body { get; }

        public string ContentType { get; }

        public Uri? Location { get; }
    }
}
