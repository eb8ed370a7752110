using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneAuth.Keys;
using OneAuth.Shared;
using OneAuth.Validation;

namespace OneAuth;

/// <summary>
/// The strict RS256 verifier behind every generated <c>AppTokenValidator</c>. It accepts a compact JWS only when
/// every check of the OneAuth policy passes: shape and encoding, header, the signature of the one key its
/// <c>kid</c> names, then <c>app_id</c>, issuer, audience and lifetime. No setting turns a check off.
/// </summary>
/// <remarks>
/// <para><see cref="ValidateAsync"/> never throws for bad input: every problem is an <see cref="AppTokenFailure"/>,
/// and the first check that fails is the one reported. It completes synchronously whenever the key source
/// answers synchronously. Instances are thread-safe.</para>
/// <para>The checks run in this order: shape and header (at most <see cref="MaxTokenLength"/> characters, three
/// canonical base64url segments, <c>alg</c> exactly RS256, a well-formed <c>kid</c>), the one key that
/// <c>kid</c> names, the signature (nothing in the payload is read before it verifies), the payload, then
/// <c>app_id</c>, <c>iss</c>, <c>aud</c> and the lifetime. Each rule and the failure it gives: see
/// docs/policy.md.</para>
/// </remarks>
public sealed partial class AppTokenVerifier
{
    /// <summary>The longest token text accepted; longer input is rejected before anything is decoded.</summary>
    public const int MaxTokenLength = 16 * 1024;

    private readonly AppTokenPolicy _policy;
    private readonly SigningKeySource _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _skewTicks;
    private readonly byte[] _issuerUtf8;
    private readonly byte[] _audienceUtf8;
    private readonly byte[] _appIdUtf8;
    private readonly byte[]? _tokenType;
    private readonly VerifiedTokenCache? _cache;

    /// <summary>
    /// Creates a verifier that fetches the issuer's keys from its JWKS endpoint (the policy's address, else
    /// <see cref="AppTokenValidatorOptions.JwksUri"/>, else the issuer followed by <c>/.well-known/jwks.json</c>),
    /// with the HTTP client, clock and logging of <paramref name="options"/>.
    /// </summary>
    /// <param name="policy">What the application accepts.</param>
    /// <param name="options">Run-time settings; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    /// <exception cref="ArgumentException">No issuer is known, the JWKS address is not https (or loopback http), or the options contradict the policy.</exception>
    public AppTokenVerifier(AppTokenPolicy policy, AppTokenValidatorOptions? options = null)
        : this(policy ?? throw new ArgumentNullException(nameof(policy)), options, keys: null)
    {
    }

    /// <summary>Creates a verifier that takes its keys from <paramref name="keys"/>.</summary>
    /// <param name="policy">What the application accepts.</param>
    /// <param name="keys">The issuer's signing keys.</param>
    /// <param name="options">Run-time settings; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> or <paramref name="keys"/> is null.</exception>
    /// <exception cref="ArgumentException">No issuer is known, or the options contradict the policy.</exception>
    public AppTokenVerifier(AppTokenPolicy policy, SigningKeySource keys, AppTokenValidatorOptions? options = null)
        : this(policy ?? throw new ArgumentNullException(nameof(policy)), options, keys ?? throw new ArgumentNullException(nameof(keys)))
    {
    }

    /// <param name="policy">What the application accepts.</param>
    /// <param name="options">Run-time settings; null for the defaults. Their setters have range-checked them.</param>
    /// <param name="keys">The key source; null for the process-wide JWKS source of the resolved address.</param>
    private AppTokenVerifier(AppTokenPolicy policy, AppTokenValidatorOptions? options, SigningKeySource? keys)
    {
        options ??= new AppTokenValidatorOptions();

        // Everything that can fail is resolved before a JWKS key source (and its HTTP client) exists.
        Issuer = ResolveIssuer(policy, options);
        JwksUri = ResolveJwksUri(policy, options, Issuer);
        Options = options;
        _policy = policy;
        _keys = keys ?? SharedKeySources.Get(JwksUri, options.HttpClient, options.TimeProvider, options.LoggerFactory);

        _time = options.TimeProvider ?? TimeProvider.System;
        _logger = options.LoggerFactory?.CreateLogger(ValidationTelemetry.LoggerCategory) ?? NullLogger.Instance;
        _skewTicks = options.ClockSkew.Ticks;
        _issuerUtf8 = Encoding.UTF8.GetBytes(Issuer);
        _audienceUtf8 = Encoding.UTF8.GetBytes(policy.Audience);
        _appIdUtf8 = Encoding.UTF8.GetBytes(policy.AppId);
        _tokenType = policy.TokenType is null ? null : MediaTypes.Canonical(policy.TokenType);
        if (options.VerifiedTokenCacheCapacity > 0)
            _cache = new VerifiedTokenCache(options.VerifiedTokenCacheCapacity, _keys.KeySetVersion);
    }

    /// <summary>The issuer tokens must name: the policy's, else the options'.</summary>
    public string Issuer { get; }

    /// <summary>
    /// Loads the issuer's key set now, so the first token does not wait for it (warm start). Bounded by the key
    /// source's own fetch limits; a failed fetch is not thrown (the next validation reports it).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; a fetch already started goes on.</param>
    public Task PrefetchKeysAsync(CancellationToken cancellationToken = default) => _keys.PrefetchAsync(cancellationToken);

    /// <summary>
    /// The state of the key set this verifier checks signatures with, for health checks: the very key source it
    /// uses (see <see cref="SigningKeySource.GetStatusAsync"/>), so it fetches only as lookups could.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait for a fetch, never the fetch itself.</param>
    public ValueTask<KeySetStatus> GetKeySetStatusAsync(CancellationToken cancellationToken = default)
        => _keys.GetStatusAsync(cancellationToken);

    /// <summary>The policy this verifier enforces.</summary>
    internal AppTokenPolicy Policy => _policy;

    /// <summary>The options it was created with (the JWKS key source reads its HTTP client, clock and logging from them).</summary>
    internal AppTokenValidatorOptions Options { get; }

    /// <summary>Where the issuer's JWKS lives: the policy's address, else the options', else the issuer's well-known path.</summary>
    internal Uri JwksUri { get; }

    /// <summary>The verified-token cache, when enabled.</summary>
    internal VerifiedTokenCache? Cache => _cache;

    /// <summary>The effective issuer: the policy's, else the options'; a conflict or neither is an error.</summary>
    private static string ResolveIssuer(AppTokenPolicy policy, AppTokenValidatorOptions options)
    {
        string? fromOptions = options.Issuer;
        if (policy.Issuer is not null)
        {
            if (fromOptions is not null && !string.Equals(fromOptions, policy.Issuer, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"The issuer is fixed to '{policy.Issuer}' for app '{policy.AppId}'; the options cannot replace it with '{fromOptions}'.",
                    nameof(options));
            }

            return policy.Issuer;
        }

        if (fromOptions is null)
        {
            throw new ArgumentException(
                $"No issuer is configured for app '{policy.AppId}': set it in [assembly: AppScope(Issuer = ...)], the OneAuthIssuer MSBuild property, or AppTokenValidatorOptions.Issuer.",
                nameof(options));
        }

        if (AppScopeValues.DescribeIssuerProblem(fromOptions) is { } problem)
            throw new ArgumentException("The issuer " + problem + ".", nameof(options));

        return fromOptions;
    }

    /// <summary>
    /// The JWKS address: the policy's, else the options', else the issuer followed by
    /// <c>/.well-known/jwks.json</c>. A different address in the options than a fixed one is an error.
    /// </summary>
    private static Uri ResolveJwksUri(AppTokenPolicy policy, AppTokenValidatorOptions options, string issuer)
    {
        Uri? fromOptions = options.JwksUri;
        if (fromOptions is not null && AppScopeValues.DescribeUriProblem(fromOptions, isIssuer: false) is { } optionProblem)
            throw new ArgumentException("The JWKS URI " + optionProblem + ".", nameof(options));

        if (policy.JwksUri is not null)
        {
            var fixedUri = new Uri(policy.JwksUri, UriKind.Absolute);
            if (fromOptions is not null && fromOptions != fixedUri)
            {
                throw new ArgumentException(
                    $"The JWKS URI is fixed to '{policy.JwksUri}' for app '{policy.AppId}'; the options cannot replace it with '{fromOptions}'.",
                    nameof(options));
            }

            return fixedUri;
        }

        if (fromOptions is not null)
            return fromOptions;

        return new Uri(AppScopeValues.DeriveJwksUri(issuer), UriKind.Absolute);
    }
}
