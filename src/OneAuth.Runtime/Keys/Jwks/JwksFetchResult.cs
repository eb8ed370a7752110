using System;

namespace OneAuth.Keys;

/// <summary>The outcome of one HTTP fetch: a capped body and the server's requested max-age, or a failure.</summary>
internal sealed class JwksFetchResult
{
    private JwksFetchResult(byte[]? body, int length, TimeSpan? maxAge, string? failureTag, string? failureReason, Exception? exception)
    {
        Body = body;
        Length = length;
        MaxAge = maxAge;
        FailureTag = failureTag;
        FailureReason = failureReason;
        Exception = exception;
    }

    public byte[]? Body { get; }

    public int Length { get; }

    /// <summary>Cache-Control max-age as sent (<c>no-cache</c>/<c>no-store</c> as zero); null when absent.</summary>
    public TimeSpan? MaxAge { get; }

    /// <summary>Short, stable reason for the metric tag and log (timeout, network, status, redirect, too_large); null on success.</summary>
    public string? FailureTag { get; }

    public string? FailureReason { get; }

    /// <summary>The transport exception, when one explains the failure (never carries key material).</summary>
    public Exception? Exception { get; }

    public ReadOnlyMemory<byte> Content => new(Body!, 0, Length);

    public static JwksFetchResult Ok(byte[] body, int length, TimeSpan? maxAge) => new(body, length, maxAge, null, null, null);

    public static JwksFetchResult Failed(string tag, string reason, Exception? exception = null) => new(null, 0, null, tag, reason, exception);
}
