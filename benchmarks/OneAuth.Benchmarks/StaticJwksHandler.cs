using System.Net;
using System.Net.Http.Headers;

namespace OneAuth.Benchmarks;

/// <summary>
/// Answers every request with the same JWKS document, in process: no socket, no TLS. What remains of a refresh is
/// the key source's own work (request, body read under the size cap, parse, judging each key, RSA import).
/// </summary>
internal sealed class StaticJwksHandler : HttpMessageHandler
{
    private readonly byte[] _body;
    private int _requests;

    public StaticJwksHandler(byte[] body) => _body = body;

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(_body),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        response.Headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(10) };
        return Task.FromResult(response);
    }
}
