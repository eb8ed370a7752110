using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OneAuth.Keys;

/// <summary>
/// The issuer's RS256 verification keys, fetched from its JWKS endpoint and cached under a fixed policy that
/// never fails open.
/// </summary>
/// <remarks>
/// <para>Only what the policy allows is served: an https address (http for a loopback host), no redirects, a
/// deadline and a body cap on every fetch; RSA signing keys that pass every key rule (the other entries are
/// skipped and logged with a reason); a set with no usable key is a failed fetch that leaves the previous set in
/// place. A set is served while fresh, and past that while its refresh runs (stale-while-revalidate). Unknown
/// kids start at most one fetch per cooldown, one at a time, and never queue behind the cooldown. A new set replaces the old
/// one whole, so a removed key stops validating at once; after the maximum staleness without a successful fetch,
/// every lookup is KeysUnavailable. <see cref="KeySetVersion"/> changes only when a set with different kids or
/// moduli is installed.</para>
/// <para>Thread-safe. A lookup of a key in the installed set completes synchronously and allocates nothing.
/// Returned keys are never mutated or disposed while they can be handed out, and may verify signatures on any
/// number of threads.</para>
/// <para>The numbers, the key rules, the log events (category <c>OneAuth.Keys.JwksKeySource</c>) and the
/// <c>OneAuth.Jwks</c> meter: see docs/policy.md, sections "Keys" and "Observability".</para>
/// </remarks>
public sealed partial class JwksKeySource : SigningKeySource, IDisposable
{
    private const string MalformedKidDetail = "The key id is not well formed; no fetch was made.";
    private const string UnknownAfterRefreshDetail = "The issuer's current key set has no key with this id.";
    private const string NeverFetchedDetail = "No key set could be fetched from the JWKS endpoint.";

    // Built once from the limits, so that the lookups handing them out allocate nothing.
    private static readonly string UnknownThrottledDetail =
        "The key set has no key with this id, and a refresh is not allowed yet (" + JwksLimits.Describe(JwksLimits.RefreshCooldown) + " cooldown).";
    private static readonly string ThrottledUnavailableDetail =
        "No usable key set, and the next fetch is not allowed yet (" + JwksLimits.Describe(JwksLimits.RefreshCooldown) + " cooldown).";
    private static readonly string TooStaleDetail =
        "The last good key set is older than the " + JwksLimits.Describe(JwksLimits.MaxStaleness) + " maximum staleness.";

    private readonly JwksHttpFetcher _fetcher;
    private readonly string _uriForLogs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JwksMetrics _metrics;
    private readonly object _gate = new();

    private volatile JwksKeySet? _current;
    private volatile Task? _inflight;          // written under _gate
    private long _lastAttemptStart;            // TimeProvider timestamp; written under _gate
    private volatile bool _attempted;          // written under _gate
    private long _lastVersion;                 // only the single running refresh touches it
    private volatile string? _unavailableDetail;           // why the last fetch gave no set; only the running refresh writes it
    private volatile string? _throttledUnavailableDetail;  // the same, for lookups the cooldown turns away
    private volatile string? _unknownAfterRefusalDetail;   // the same, for an unknown kid when an older set still serves
    private volatile bool _disposed;

    /// <summary>Creates a key source for the JWKS at <paramref name="jwksUri"/>. Nothing is fetched until the first lookup.</summary>
    /// <param name="jwksUri">Absolute https URI of the issuer's JWKS (http only for a loopback host).</param>
    /// <param name="options">Collaborators (HTTP client, clock, logging); none of them can weaken the policy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="jwksUri"/> is null.</exception>
    /// <exception cref="ArgumentException">The URI is relative, carries user info, or is not https (or http on a loopback host).</exception>
    public JwksKeySource(Uri jwksUri, JwksKeySourceOptions? options = null)
    {
        ValidateUri(jwksUri);
        _uriForLogs = jwksUri.GetLeftPart(UriPartial.Path);

        _time = options?.TimeProvider ?? TimeProvider.System;
        _logger = (options?.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<JwksKeySource>();
        _metrics = new JwksMetrics();
        _fetcher = new JwksHttpFetcher(jwksUri, options?.HttpClient, _time);
    }

    /// <inheritdoc/>
    public override long KeySetVersion => _current?.Version ?? 0;

    /// <summary>The deadline of one fetch. Fixed at <see cref="JwksLimits.FetchTimeout"/>; settable only by this assembly's tests.</summary>
    internal TimeSpan FetchTimeout
    {
        get => _fetcher.Timeout;
        set => _fetcher.Timeout = value;
    }

    /// <summary>Minimum time between the starts of two fetches. Fixed at <see cref="JwksLimits.RefreshCooldown"/>; settable only by this assembly's tests.</summary>
    internal TimeSpan RefreshCooldown { get; set; } = JwksLimits.RefreshCooldown;

    /// <summary>This source's <c>OneAuth.Jwks</c> meter (tests listen to it alone).</summary>
    internal Meter Meter => _metrics.Meter;

    /// <summary>The refresh running now, if any (tests await background refreshes through it).</summary>
    internal Task? InFlightRefresh => _inflight;

    /// <summary>
    /// Looks up the key named <paramref name="kid"/>. Completes synchronously, without allocating, when the
    /// installed set holds it. <paramref name="cancellationToken"/> only stops this caller's wait for a running
    /// fetch (with <see cref="OperationCanceledException"/>); it never cancels the fetch itself.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The source has been disposed.</exception>
    public override ValueTask<SigningKeyLookup> GetKeyAsync(string kid, CancellationToken cancellationToken = default)
    {
        if (_disposed)
            throw new ObjectDisposedException(nameof(JwksKeySource));

        if (!KeyIds.IsWellFormed(kid))
            return new ValueTask<SigningKeyLookup>(SigningKeyLookup.Unknown(_current?.Version ?? 0, MalformedKidDetail));

        long now = _time.GetTimestamp();
        if (Decide(new RequestedKid(kid), now, out SigningKeyLookup lookup, out JwksKeySet? usable) != Decision.NeedsRefresh)
            return new ValueTask<SigningKeyLookup>(lookup);

        Task? refresh = JoinOrStartRefresh(now, out TimeSpan retryIn);
        if (refresh is null)
            return new ValueTask<SigningKeyLookup>(Throttled(new RequestedKid(kid), usable, retryIn));

        if (refresh.IsCompleted)
            return new ValueTask<SigningKeyLookup>(LookupInstalled(kid));

        return new ValueTask<SigningKeyLookup>(AwaitRefreshThenLookupAsync(refresh, kid, cancellationToken));
    }

    /// <summary>
    /// Answers a lookup of <paramref name="kid"/> (its ASCII bytes) when <see cref="Decide"/> needs no fetch for it:
    /// lock-free, and allocation-free unless Debug logging is on. False, when the caller must ask
    /// <see cref="GetKeyAsync"/> instead: a fetch may start or is running, the kid is not well formed, or the
    /// source is disposed.
    /// </summary>
    internal override bool TryGetKeyNow(ReadOnlySpan<byte> kid, out SigningKeyLookup lookup)
    {
        if (_disposed || !KeyIds.IsWellFormedAscii(kid))
        {
            lookup = default;
            return false;
        }

        return Decide(new RequestedKid(kid), _time.GetTimestamp(), out lookup, out _) != Decision.NeedsRefresh;
    }

    /// <summary>
    /// Fetches the key set now when none is installed or the installed one is past its freshness, or joins the fetch
    /// that runs; inside the refresh cooldown nothing is fetched. A failed fetch is logged and counted as usual and
    /// is not thrown: the next lookup reports it.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the fetch itself goes on.</param>
    public override async Task PrefetchAsync(CancellationToken cancellationToken = default)
    {
        if (_disposed)
            return;

        long now = _time.GetTimestamp();
        JwksKeySet? set = _current;
        if (set is not null && _time.GetElapsedTime(set.FetchedTimestamp, now) < set.FreshFor)
            return;

        Task? refresh = JoinOrStartRefresh(now, out _);
        if (refresh is null)
            return;

        try
        {
            await WaitAsync(refresh, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The refresh reports its own failures (events, metrics); a warm start never fails because of one.
        }
    }

    /// <summary>Stops any running fetch and releases the HTTP client when this source created it.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _fetcher.Dispose();
        _metrics.Dispose();
    }

    private static void ValidateUri(Uri jwksUri)
    {
        if (jwksUri is null)
            throw new ArgumentNullException(nameof(jwksUri));
        if (Shared.AppScopeValues.DescribeUriProblem(jwksUri, isIssuer: false) is { } problem)
            throw new ArgumentException("The JWKS URI " + problem + ".", nameof(jwksUri));
    }

    /// <summary>
    /// The one decision behind both lookups, taken on the set installed now and without a lock: the key from a set
    /// young enough to serve (starting a background refresh when it is past its freshness); else, when the
    /// cooldown forbids a fetch, the answer a fetch cannot change (UnknownKey from a usable set, KeysUnavailable
    /// without one); else <see cref="Decision.NeedsRefresh"/>, and the caller joins or starts the fetch (only the
    /// asynchronous path can).
    /// </summary>
    /// <param name="kid">The key id asked for, well formed.</param>
    /// <param name="now">When the lookup started.</param>
    /// <param name="lookup">The answer, unless the decision is <see cref="Decision.NeedsRefresh"/>.</param>
    /// <param name="usable">The set read, when it was young enough to serve; else null.</param>
    private Decision Decide(RequestedKid kid, long now, out SigningKeyLookup lookup, out JwksKeySet? usable)
    {
        JwksKeySet? set = _current;
        usable = null;
        if (set is not null)
        {
            TimeSpan age = _time.GetElapsedTime(set.FetchedTimestamp, now);
            if (age < JwksLimits.MaxStaleness)
            {
                if (kid.TryGetKey(set, out RSA? key))
                {
                    if (age >= set.FreshFor)
                        RefreshInBackground(now);
                    lookup = SigningKeyLookup.Found(key!, set.Version);
                    return Decision.Found;
                }

                usable = set;
            }
            else if (set.MarkStaleReported())
            {
                JwksLog.KeySetTooStale(_logger, _uriForLogs, age);
            }
        }

        // Inside the cooldown (what a flood of random kids meets) the answer needs no lock.
        if (!IsThrottled(now, set, out TimeSpan retryIn))
        {
            lookup = default;
            return Decision.NeedsRefresh;
        }

        lookup = Throttled(kid, usable, retryIn);
        return usable is not null ? Decision.Unknown : Decision.Unavailable;
    }

    /// <summary>Counts (and at Debug level logs) a lookup the cooldown turned away, and answers it.</summary>
    private SigningKeyLookup Throttled(RequestedKid kid, JwksKeySet? usable, TimeSpan retryIn)
    {
        _metrics.RefreshThrottled();
        if (_logger.IsEnabled(LogLevel.Debug))
            JwksLog.RefreshThrottled(_logger, kid.ToText(), retryIn);
        return usable is not null
            ? SigningKeyLookup.Unknown(usable.Version, UnknownThrottledDetail)
            : SigningKeyLookup.Unavailable(_throttledUnavailableDetail ?? ThrottledUnavailableDetail);
    }

    private async Task<SigningKeyLookup> AwaitRefreshThenLookupAsync(Task refresh, string kid, CancellationToken cancellationToken)
    {
        await WaitAsync(refresh, cancellationToken).ConfigureAwait(false);
        return LookupInstalled(kid);
    }

    /// <summary>Waits for <paramref name="task"/> until <paramref name="cancellationToken"/> fires; the task itself goes on.</summary>
#if NET8_0_OR_GREATER
    private static Task WaitAsync(Task task, CancellationToken cancellationToken) => task.WaitAsync(cancellationToken);
#else
    private static async Task WaitAsync(Task task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || task.IsCompleted)
        {
            await task.ConfigureAwait(false);
            return;
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                cancellationToken.ThrowIfCancellationRequested();
        }

        await task.ConfigureAwait(false);
    }
#endif

    /// <summary>Answers from whatever set is installed now (after a refresh completed).</summary>
    private SigningKeyLookup LookupInstalled(string kid)
    {
        JwksKeySet? set = _current;
        if (set is null)
            return SigningKeyLookup.Unavailable(_unavailableDetail ?? NeverFetchedDetail);
        if (_time.GetElapsedTime(set.FetchedTimestamp, _time.GetTimestamp()) >= JwksLimits.MaxStaleness)
            return SigningKeyLookup.Unavailable(TooStaleDetail);
        return set.TryGetKey(kid, out RSA? key)
            ? SigningKeyLookup.Found(key!, set.Version)
            : SigningKeyLookup.Unknown(set.Version, _unknownAfterRefusalDetail ?? UnknownAfterRefreshDetail);
    }

    /// <summary>
    /// True when, read without the lock, no refresh runs, the set installed is still <paramref name="seen"/>, and
    /// the last fetch started less than the cooldown before <paramref name="now"/>; then
    /// <paramref name="retryIn"/> is the time left. A stale read can only give false, which sends the caller
    /// to <see cref="JoinOrStartRefresh"/> to decide under the lock: the start time is read first and is
    /// published after the refresh it belongs to (see there), and a refresh clears <c>_inflight</c> only after
    /// installing its set, so a true answer never hides a refresh that has started or a set it installed.
    /// </summary>
    private bool IsThrottled(long now, JwksKeySet? seen, out TimeSpan retryIn)
    {
        retryIn = TimeSpan.Zero;
        long lastStart = ReadLastAttemptStart();
        if (!_attempted || _inflight is not null || !ReferenceEquals(_current, seen))
            return false;

        TimeSpan since = _time.GetElapsedTime(lastStart, now);
        if (since >= RefreshCooldown)
            return false;

        retryIn = since > TimeSpan.Zero ? RefreshCooldown - since : RefreshCooldown;
        return true;
    }

    /// <summary>
    /// The start of the last fetch, read without the lock. A plain volatile read where a long cannot tear (64-bit):
    /// Interlocked.Read is a locked compare-exchange that takes the cache line for writing, which
    /// every core answering a flood would otherwise fight over.
    /// </summary>
    private long ReadLastAttemptStart() => IntPtr.Size == 8 ? Volatile.Read(ref _lastAttemptStart) : Interlocked.Read(ref _lastAttemptStart);

    /// <summary>Starts a refresh of a set that is no longer fresh, unless one runs or the cooldown forbids it. Never waits.</summary>
    private void RefreshInBackground(long now)
    {
        // Lock-free pre-check: during an outage every lookup lands here, and most must not touch the lock.
        if (_inflight is not null || (_attempted && _time.GetElapsedTime(ReadLastAttemptStart(), now) < RefreshCooldown))
            return;
        JoinOrStartRefresh(now, out _);
    }

    /// <summary>
    /// The running refresh; else a new one when the cooldown allows (recording its start); else null with the
    /// time left before the next fetch is allowed.
    /// </summary>
    private Task? JoinOrStartRefresh(long now, out TimeSpan retryIn)
    {
        TaskCompletionSource<bool> started;
        lock (_gate)
        {
            retryIn = TimeSpan.Zero;
            if (_inflight is { } running)
                return running;

            if (_attempted)
            {
                TimeSpan since = _time.GetElapsedTime(_lastAttemptStart, now);
                if (since < RefreshCooldown)
                {
                    retryIn = RefreshCooldown - since;
                    return null;
                }
            }

            // Order matters to IsThrottled, which reads these without the lock: the running refresh is
            // published before the start time that makes later lookups throttled.
            started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _inflight = started.Task;
            _attempted = true;
            Interlocked.Exchange(ref _lastAttemptStart, now);
        }

        // Off the caller's thread: a lookup answered from a stale set must not do the request's synchronous work.
        _ = Task.Run(() => RefreshAsync(started));
        return started.Task;
    }

    private async Task RefreshAsync(TaskCompletionSource<bool> done)
    {
        FetchTrace trace = StartFetchTrace();
        try
        {
            await FetchAndInstallAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (!_disposed)
        {
            // Defensive: every expected failure is handled inside; anything else still leaves the old set in place.
            _metrics.FetchFailed("unexpected");
            JwksLog.FetchFailed(_logger, _uriForLogs, "unexpected", "an unexpected error occurred while refreshing the key set", e);
        }
        catch (Exception)
        {
            // Disposed while refreshing: nothing to report.
        }
        finally
        {
            trace.Stop();
            lock (_gate)
                _inflight = null;
            done.TrySetResult(true);
        }
    }

    private async Task FetchAndInstallAsync()
    {
        JwksFetchResult fetched = await _fetcher.FetchAsync().ConfigureAwait(false);
        if (_disposed)
            return;

        if (fetched.FailureTag is { } failure)
        {
            _metrics.FetchFailed(failure);
            JwksLog.FetchFailed(_logger, _uriForLogs, failure, fetched.FailureReason!, fetched.Exception);
            RecordRefusal($"The last fetch from the JWKS endpoint failed ({failure}): {fetched.FailureReason}.");
            return;
        }

        JwksDocument document = JwksDocument.Parse(fetched.Content);
        foreach (SkippedJwk skipped in document.Skipped)
            ReportSkipped(skipped.Kid, skipped.Tag, skipped.Reason);

        if (document.FailureTag is { } rejected)
        {
            Reject(rejected, document.FailureReason!);
            return;
        }

        var keys = new Dictionary<string, JwksKey>(document.Keys.Count, StringComparer.Ordinal);
        foreach (AcceptedJwk jwk in document.Keys)
        {
            if (Import(jwk) is { } rsa)
                keys.Add(jwk.Kid, new JwksKey(rsa, jwk.Modulus));
            else
                ReportSkipped(jwk.Kid, "import_failed", "the platform refused to import the public key");
        }

        if (keys.Count == 0)
        {
            Reject("no_usable_keys", "no key of the set could be imported");
            return;
        }

        long fetchedTimestamp = _time.GetTimestamp();
        TimeSpan freshFor = SpreadRefresh(JwksLimits.EffectiveMaxAge(fetched.MaxAge));
        JwksKeySet? previous = _current;
        bool changed = previous is null || !previous.SameKeysAs(keys);
        if (changed)
        {
            _current = new JwksKeySet(keys, ++_lastVersion, fetchedTimestamp, freshFor);
        }
        else
        {
            // Same keys: keep the published RSA objects (a verifier may hold them) and only restart the clocks.
            foreach (JwksKey unused in keys.Values)
                unused.Rsa.Dispose();
            _current = previous!.Refetched(fetchedTimestamp, freshFor);
        }

        RecordRefusal(null);
        _metrics.FetchSucceeded();
        JwksLog.FetchSucceeded(_logger, _uriForLogs, keys.Count, document.Skipped.Count, freshFor, _current.Version, changed);
    }

    private void ReportSkipped(string kid, string tag, string reason)
    {
        _metrics.KeySkipped(tag);
        JwksLog.KeySkipped(_logger, kid, tag, reason);
    }

    private void Reject(string tag, string reason)
    {
        _metrics.FetchFailed(tag);
        JwksLog.KeySetRejected(_logger, _uriForLogs, tag, reason);
        RecordRefusal($"The key set fetched from the JWKS endpoint was refused ({tag}): {reason}.");
    }

    /// <summary>
    /// Keeps why the last fetch gave no usable set (null after a success), so a KeysUnavailable answer says why
    /// instead of only that nothing could be fetched. Both texts are built here, once per fetch, so the lookups
    /// that hand them out allocate nothing.
    /// </summary>
    private void RecordRefusal(string? detail)
    {
        _unavailableDetail = detail;
        _throttledUnavailableDetail = detail is null ? null : detail + " " + ThrottledUnavailableDetail;
        _unknownAfterRefusalDetail = detail is null ? null : "The installed key set has no key with this id, and the last fetch did not replace it. " + detail;
    }

    private static RSA? Import(AcceptedJwk jwk)
    {
        RSA rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(new RSAParameters { Modulus = jwk.Modulus, Exponent = new byte[] { 0x01, 0x00, 0x01 } });
            if (rsa.KeySize == jwk.ModulusBits)
                return rsa;
        }
        catch (CryptographicException)
        {
        }

        rsa.Dispose();
        return null;
    }

    /// <summary>What <see cref="Decide"/> found.</summary>
    private enum Decision
    {
        /// <summary>The usable installed set holds the key.</summary>
        Found,

        /// <summary>The usable installed set lacks the key, and the cooldown forbids a fetch.</summary>
        Unknown,

        /// <summary>No usable set, and the cooldown forbids a fetch.</summary>
        Unavailable,

        /// <summary>A fetch may start or is running: only the asynchronous path can answer.</summary>
        NeedsRefresh,
    }

    /// <summary>A kid as the caller has it: text (<see cref="GetKeyAsync"/>) or ASCII bytes (<see cref="TryGetKeyNow"/>).</summary>
    private readonly ref struct RequestedKid
    {
        private readonly string? _text;
        private readonly ReadOnlySpan<byte> _bytes;

        public RequestedKid(string text)
        {
            _text = text;
            _bytes = default;
        }

        public RequestedKid(ReadOnlySpan<byte> bytes)
        {
            _text = null;
            _bytes = bytes;
        }

        public bool TryGetKey(JwksKeySet set, out RSA? key) => _text is not null ? set.TryGetKey(_text, out key) : set.TryGetKey(_bytes, out key);

        public string ToText() => _text ?? KeyIds.ToText(_bytes);
    }
}
