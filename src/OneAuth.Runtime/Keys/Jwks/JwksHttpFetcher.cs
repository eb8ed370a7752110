using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace OneAuth.Keys;

/// <summary>
/// The transport of a JWKS fetch: one GET of the JWKS URI under the fixed transport rules (no redirects, a
/// deadline of its own, a body capped while it is read), turned into a <see cref="JwksFetchResult"/>. It knows
/// nothing of keys or caching: <see cref="JwksKeySource"/> decides when to fetch and what the body means.
/// </summary>
internal sealed class JwksHttpFetcher : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposing = new();

    /// <param name="jwksUri">The JWKS address, already checked against the endpoint rule.</param>
    /// <param name="http">The caller's client, or null for one created (and disposed) here that never follows redirects.</param>
    /// <param name="time">The clock of the fetch deadline.</param>
    public JwksHttpFetcher(Uri jwksUri, HttpClient? http, TimeProvider time)
    {
        JwksUri = jwksUri;
        _time = time;
        if (http is not null)
        {
            _http = http;
        }
        else
        {
            _http = CreateDefaultClient();
            _ownsHttp = true;
        }
    }

    /// <summary>The address fetched; an answer from anywhere else is refused.</summary>
    public Uri JwksUri { get; }

    /// <summary>The deadline of one fetch: connect, headers and body.</summary>
    public TimeSpan Timeout { get; set; } = JwksLimits.FetchTimeout;

    /// <summary>
    /// One GET of the JWKS URI. Never throws: every transport failure (deadline, network, status, redirect, size,
    /// disposal) is a failed result with its tag and reason.
    /// </summary>
    public async Task<JwksFetchResult> FetchAsync()
    {
        TimeSpan deadline = Timeout;
#if NET8_0_OR_GREATER
        using var timeout = new CancellationTokenSource(deadline, _time);
#else
        using CancellationTokenSource timeout = _time.CreateCancellationTokenSource(deadline);
#endif
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _disposing.Token);
        CancellationToken token = linked.Token;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, JwksUri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/jwk-set+json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);

            // A stalled body must not outlive the deadline even where a read ignores its token: abort the response.
            using CancellationTokenRegistration abort = token.Register(static state => ((IDisposable)state!).Dispose(), response);

            int status = (int)response.StatusCode;
            if (status >= 300 && status <= 399)
                return JwksFetchResult.Failed("redirect", $"the server answered {status}; redirects are refused");
            if (status != 200)
                return JwksFetchResult.Failed("status", $"the server answered {status}; only 200 is accepted");

            // A client that follows redirects reports the final request; anything but the configured URI is refused.
            // (Handlers that leave RequestMessage unset cannot have followed one: the built-in ones always set it.)
            Uri? answered = response.RequestMessage?.RequestUri;
            if (answered is not null && !answered.Equals(JwksUri))
                return JwksFetchResult.Failed("redirect", "the HTTP client followed a redirect away from the JWKS URI; redirects are refused");

            if (response.Content.Headers.ContentLength is long declared && declared > JwksLimits.MaxBodyBytes)
                return JwksFetchResult.Failed("too_large", $"the declared body of {declared} bytes exceeds the {JwksLimits.MaxBodyBytes}-byte cap");

            (byte[] body, int length) = await ReadCappedAsync(response.Content, token).ConfigureAwait(false);
            if (length < 0)
                return JwksFetchResult.Failed("too_large", $"the body exceeds the {JwksLimits.MaxBodyBytes}-byte cap");

            return JwksFetchResult.Ok(body, length, ReadMaxAge(response.Headers.CacheControl));
        }
        catch (Exception e) when (timeout.IsCancellationRequested && !_disposing.IsCancellationRequested)
        {
            return JwksFetchResult.Failed("timeout", $"no complete answer within {deadline.TotalSeconds} s ({e.GetType().Name})");
        }
        catch (Exception e) when (_disposing.IsCancellationRequested)
        {
            return JwksFetchResult.Failed("disposed", "the key source was disposed", e);
        }
        catch (HttpRequestException e)
        {
            return JwksFetchResult.Failed("network", "the request failed: " + e.Message, e);
        }
        catch (Exception e) when (e is IOException || e is OperationCanceledException || e is ObjectDisposedException || e is InvalidOperationException)
        {
            return JwksFetchResult.Failed("network", "the response could not be read (" + e.GetType().Name + ")", e);
        }
    }

    /// <summary>Stops any running fetch (its result is tagged <c>disposed</c>) and releases the client when it was created here.</summary>
    public void Dispose()
    {
        _disposing.Cancel();
        if (_ownsHttp)
            _http.Dispose();
    }

    /// <summary>Reads at most <see cref="JwksLimits.MaxBodyBytes"/> bytes; length -1 when the body is longer.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadCappedAsync(HttpContent content, CancellationToken token)
    {
#if NET8_0_OR_GREATER
        using Stream stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
#else
        using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        var buffer = new byte[16 * 1024];
        int total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > JwksLimits.MaxBodyBytes)
                    return (buffer, -1);
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, JwksLimits.MaxBodyBytes + 1));
            }

#if NET8_0_OR_GREATER
            int read = await stream.ReadAsync(buffer.AsMemory(total), token).ConfigureAwait(false);
#else
            int read = await stream.ReadAsync(buffer, total, buffer.Length - total, token).ConfigureAwait(false);
#endif
            if (read == 0)
                return (buffer, total);
            total += read;
        }
    }

    /// <summary>The server's max-age; <c>no-cache</c> and <c>no-store</c> count as zero; null when not stated.</summary>
    private static TimeSpan? ReadMaxAge(CacheControlHeaderValue? cacheControl)
    {
        if (cacheControl is null)
            return null;
        if (cacheControl.NoCache || cacheControl.NoStore)
            return TimeSpan.Zero;
        return cacheControl.MaxAge;
    }

    private static HttpClient CreateDefaultClient()
    {
#if NET8_0_OR_GREATER
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
#else
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
#endif
        // The per-fetch deadline comes from the TimeProvider; the client's own timer must not compete with it.
        return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
