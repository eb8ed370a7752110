using System;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace OneAuth.Keys;

/// <summary>
/// Collaborators for a <see cref="JwksKeySource"/>. Nothing here changes the key policy: timeouts, size cap,
/// cache ages, cooldown and staleness are fixed.
/// </summary>
public sealed class JwksKeySourceOptions
{
    /// <summary>
    /// The client used for fetches (for example one from <c>IHttpClientFactory</c>). It should not follow
    /// redirects (<c>AllowAutoRedirect = false</c> on its handler). If it does, the redirected response is
    /// detected and refused, but only after the client has sent a GET to the redirect's target: whether a
    /// redirect is followed is decided inside the client's handler, which a caller of
    /// <see cref="HttpClient.SendAsync(HttpRequestMessage, HttpCompletionOption, System.Threading.CancellationToken)"/>
    /// cannot change or intercept. Its own <c>Timeout</c> applies in addition to the source's fixed fetch deadline. When
    /// null, the source creates (and disposes) its own client that never follows redirects.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>The clock for every timing rule (cache age, cooldown, staleness, fetch deadline). Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Where log events go (category <c>OneAuth.Keys.JwksKeySource</c>). Defaults to no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
