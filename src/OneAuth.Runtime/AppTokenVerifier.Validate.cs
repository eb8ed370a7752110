using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OneAuth.Keys;
using OneAuth.Validation;

namespace OneAuth;

// The validation hot path: shape and header, key lookup, signature, claims. Allocation-free on the way to a
// result except for the result itself (docs/benchmarks.md); the constructors and configuration are in
// AppTokenVerifier.cs.
public sealed partial class AppTokenVerifier
{
    private const int MinSignatureBytes = 256;   // RSA-2048
    private const int MaxSignatureBytes = 512;   // RSA-4096
    private const int StackHeaderBytes = 512;
    private const int StackPayloadBytes = 1024;
    private const int StackSigningInputBytes = 2048;

    private KidText? _lastKid;
    private AppTokenValidationResult? _lastKeyRejection;

    /// <summary>
    /// Validates <paramref name="token"/> (a compact JWS, without any <c>Bearer</c> prefix). Bad input gives a
    /// failed result, never an exception.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<AppTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        AppTokenValidationResult? result;
        var layout = default(TokenLayout);
        Span<byte> kidBuffer = stackalloc byte[KeyIds.MaxLength];
        try
        {
            result = Prepare(token, kidBuffer, ref layout, out bool cached);
            if (cached)
            {
                ValidationTelemetry.Record(_logger, result!, cached: true);
                return new ValueTask<AppTokenValidationResult>(result!);
            }
        }
        catch (Exception ex)
        {
            result = Unexpected(ex, AppTokenFailure.Malformed);
        }

        if (result is null)
        {
            ReadOnlySpan<byte> kid = kidBuffer.Slice(0, layout.KidLength);
            ValueTask<SigningKeyLookup> pending;
            KidText? kidText = null;
            try
            {
                // A source that can answers from the kid's bytes (the JWKS source: a known kid, and an unknown one
                // inside the refresh cooldown, what a random-kid flood gets): no string, no lock, no allocation.
                pending = _keys.TryGetKeyNow(kid, out SigningKeyLookup answered)
                    ? new ValueTask<SigningKeyLookup>(answered)
                    : _keys.GetKeyAsync((kidText = KidString(kid)).Text, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                pending = default;
                result = Unexpected(ex, AppTokenFailure.KeysUnavailable);
            }

            if (result is null)
            {
                if (!pending.IsCompletedSuccessfully)
                    return CompleteAsync(token, layout, kidText, pending, cancellationToken);

                SigningKeyLookup lookup = pending.Result;
                RememberKid(kidText, lookup);
                result = CompleteGuarded(token, layout, lookup);
            }
        }

        ValidationTelemetry.Record(_logger, result, cached: false);
        return new ValueTask<AppTokenValidationResult>(result);
    }

    private async ValueTask<AppTokenValidationResult> CompleteAsync(string token, TokenLayout layout, KidText? kidText, ValueTask<SigningKeyLookup> pending, CancellationToken cancellationToken)
    {
        AppTokenValidationResult result;
        try
        {
            SigningKeyLookup lookup = await pending.ConfigureAwait(false);
            RememberKid(kidText, lookup);
            result = CompleteGuarded(token, layout, lookup);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            result = Unexpected(ex, AppTokenFailure.KeysUnavailable);
        }

        ValidationTelemetry.Record(_logger, result, cached: false);
        return result;
    }

    private AppTokenValidationResult CompleteGuarded(string token, in TokenLayout layout, SigningKeyLookup lookup)
    {
        try
        {
            return Complete(token, layout, lookup);
        }
        catch (Exception ex)
        {
            return Unexpected(ex, AppTokenFailure.Malformed);
        }
    }

    private AppTokenValidationResult Unexpected(Exception exception, AppTokenFailure failure)
    {
        ValidationTelemetry.UnexpectedError(_logger, exception, failure);
        return failure == AppTokenFailure.KeysUnavailable ? Rejections.KeysUnavailable : Rejections.Unexpected;
    }

    /// <summary>
    /// Everything that can be checked before a key is needed: size, shape, encoding and the header. Returns
    /// null with <paramref name="layout"/> filled and the kid's bytes in <paramref name="kid"/> (at least
    /// <see cref="KeyIds.MaxLength"/> bytes) when the key lookup comes next, or a result (a rejection, or
    /// a cache hit when <paramref name="cached"/>).
    /// </summary>
    private AppTokenValidationResult? Prepare(string token, Span<byte> kid, ref TokenLayout layout, out bool cached)
    {
        cached = false;
        if (token is null || token.Length == 0)
            return Rejections.NoToken;

        if (token.Length > MaxTokenLength)
            return Rejections.TooLong;

        if (_cache is not null)
        {
            long now = NowUnixTicks();
            if (_cache.TryGet(token, _keys.KeySetVersion, now, _skewTicks, out AppTokenValidationResult? hit, out bool cleared))
            {
                cached = true;
                return hit;
            }

            if (cleared)
                ValidationTelemetry.CacheCleared(_logger, _keys.KeySetVersion);
        }

        int first = token.IndexOf('.');
        int second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0)
            return Rejections.NotThreeSegments;

        int third = token.IndexOf('.', second + 1);
        if (third >= 0)
        {
            int fourth = token.IndexOf('.', third + 1);
            bool fiveSegments = fourth >= 0 && token.IndexOf('.', fourth + 1) < 0;
            return fiveSegments ? Rejections.Encrypted : Rejections.NotThreeSegments;
        }

        if (first == 0 || second == first + 1)
            return Rejections.EmptySegment;

        // The header is judged first, so an unsigned or foreign-algorithm token is reported as such
        // (UnsupportedAlgorithm) rather than by the shape of its signature segment.
        int headerBytes = Base64Url.DecodedLength(first);
        if (headerBytes < 0)
            return Rejections.HeaderEncoding;

        byte[]? rented = null;
        Span<byte> header = headerBytes <= StackHeaderBytes
            ? stackalloc byte[headerBytes]      // sized to the header: a stack buffer is zeroed whole on every call
            : (rented = ArrayPool<byte>.Shared.Rent(headerBytes));
        try
        {
            if (!Base64Url.TryDecode(token.AsSpan(0, first), header, out int written))
                return Rejections.HeaderEncoding;

            AppTokenValidationResult? rejection = HeaderReader.Read(header.Slice(0, written), _tokenType, kid, out int kidLength);
            if (rejection is not null)
                return rejection;

            // An RS256 token without a usable signature cannot verify: a stripped or cut signature.
            if (second == token.Length - 1)
                return Rejections.SignatureMissing;

            int signatureBytes = Base64Url.DecodedLength(token.Length - second - 1);
            if (signatureBytes >= 0 && (signatureBytes < MinSignatureBytes || signatureBytes > MaxSignatureBytes))
                return Rejections.SignatureLength;

            if (!Base64Url.IsCanonical(token.AsSpan(second + 1)))
                return Rejections.SignatureEncoding;

            if (!Base64Url.IsCanonical(token.AsSpan(first + 1, second - first - 1)))
                return Rejections.PayloadEncoding;

            layout = new TokenLayout(first, second, kidLength);
            return null;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Signature first, then claims. Runs once the key source has answered.</summary>
    private AppTokenValidationResult Complete(string token, in TokenLayout layout, SigningKeyLookup lookup)
    {
        if (lookup.Status != SigningKeyStatus.Found || lookup.Key is null)
        {
            AppTokenFailure failure = lookup.Status == SigningKeyStatus.UnknownKey ? AppTokenFailure.UnknownKey : AppTokenFailure.KeysUnavailable;
            if (lookup.Detail is null)
                return failure == AppTokenFailure.UnknownKey ? Rejections.UnknownKey : Rejections.KeysUnavailable;

            // Sources give the same few detail strings over and over (a flood gets one of them every time):
            // reuse the last rejection built for the same failure and detail instead of allocating another.
            AppTokenValidationResult? last = Volatile.Read(ref _lastKeyRejection);
            if (last is not null && last.Failure == failure && ReferenceEquals(last.Detail, lookup.Detail))
                return last;

            var keyRejection = new AppTokenValidationResult(failure, lookup.Detail);
            Volatile.Write(ref _lastKeyRejection, keyRejection);
            return keyRejection;
        }

        AppTokenValidationResult? rejection = VerifySignature(token, layout, lookup.Key);
        if (rejection is not null)
            return rejection;

        long now = NowUnixTicks();
        var expected = new ClaimExpectations(_issuerUtf8, _audienceUtf8, _appIdUtf8, now, _skewTicks);
        int payloadStart = layout.FirstDot + 1;
        int payloadLength = layout.SecondDot - payloadStart;
        int payloadBytes = Base64Url.DecodedLength(payloadLength);
        long expires, issued, notBefore;
        bool hasIssuedAt;

        byte[]? rented = null;
        Span<byte> payload = payloadBytes <= StackPayloadBytes
            ? stackalloc byte[StackPayloadBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(payloadBytes));
        try
        {
            if (!Base64Url.TryDecode(token.AsSpan(payloadStart, payloadLength), payload, out int written))
                return Rejections.PayloadEncoding;

            rejection = PayloadReader.Read(payload.Slice(0, written), expected, out expires, out issued, out hasIssuedAt, out notBefore);
            if (rejection is not null)
                return rejection;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }

        var claims = new AppTokenClaims(
            token,
            payloadStart,
            payloadLength,
            _policy.AppId,
            Issuer,
            UnixTime.ToDateTimeOffset(expires),
            hasIssuedAt ? UnixTime.ToDateTimeOffset(issued) : null);
        var result = new AppTokenValidationResult(claims);
        _cache?.Add(token, result, lookup.KeySetVersion, expires, notBefore, now);
        return result;
    }

    private static AppTokenValidationResult? VerifySignature(string token, in TokenLayout layout, RSA key)
    {
        ReadOnlySpan<char> encodedSignature = token.AsSpan(layout.SecondDot + 1);
        int signatureLength = Base64Url.DecodedLength(encodedSignature.Length);
        if (signatureLength != (key.KeySize + 7) / 8)
            return Rejections.SignatureKeySize;

        Span<byte> signature = stackalloc byte[MaxSignatureBytes];
        if (!Base64Url.TryDecode(encodedSignature, signature, out int written))
            return Rejections.SignatureEncoding;

        signature = signature.Slice(0, written);
        ReadOnlySpan<char> signingInput = token.AsSpan(0, layout.SecondDot);
        byte[]? rented = null;
        try
        {
#if NET8_0_OR_GREATER
            Span<byte> input = signingInput.Length <= StackSigningInputBytes
                ? stackalloc byte[StackSigningInputBytes]
                : (rented = ArrayPool<byte>.Shared.Rent(signingInput.Length));
            if (Ascii.FromUtf16(signingInput, input, out int inputLength) != OperationStatus.Done)
                return Rejections.PayloadEncoding;

            return key.VerifyData(input.Slice(0, inputLength), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                ? null
                : Rejections.Signature;
#else
            rented = ArrayPool<byte>.Shared.Rent(signingInput.Length);
            for (int i = 0; i < signingInput.Length; i++)
            {
                char c = signingInput[i];
                if (c > 127)
                    return Rejections.PayloadEncoding;

                rented[i] = (byte)c;
            }

            return key.VerifyData(rented, 0, signingInput.Length, signature.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                ? null
                : Rejections.Signature;
#endif
        }
        catch (CryptographicException)
        {
            return Rejections.Signature;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private long NowUnixTicks() => UnixTime.NowTicks(_time);

    /// <summary>
    /// The kid as text for a key source that takes strings, reusing the last kid that named a key when the bytes
    /// match (the common case: one active key).
    /// </summary>
    private KidText KidString(ReadOnlySpan<byte> kid)
    {
        KidText? last = Volatile.Read(ref _lastKid);
        if (last is not null && kid.SequenceEqual(last.Bytes))
            return last;

        byte[] bytes = kid.ToArray();
        return new KidText(bytes, KeyIds.ToText(kid));
    }

    /// <summary>
    /// Keeps <paramref name="kidText"/> for reuse only when it named a key: kids that name nothing (a random-kid
    /// flood) must not push out the one that good tokens carry.
    /// </summary>
    private void RememberKid(KidText? kidText, in SigningKeyLookup lookup)
    {
        if (kidText is not null && lookup.Status == SigningKeyStatus.Found && !ReferenceEquals(Volatile.Read(ref _lastKid), kidText))
            Volatile.Write(ref _lastKid, kidText);
    }

    private readonly struct TokenLayout
    {
        public TokenLayout(int firstDot, int secondDot, int kidLength)
        {
            FirstDot = firstDot;
            SecondDot = secondDot;
            KidLength = kidLength;
        }

        public int FirstDot { get; }

        public int SecondDot { get; }

        /// <summary>How many bytes of the kid buffer hold the kid.</summary>
        public int KidLength { get; }
    }

    private sealed class KidText
    {
        public KidText(byte[] bytes, string text)
        {
            Bytes = bytes;
            Text = text;
        }

        public byte[] Bytes { get; }

        public string Text { get; }
    }
}
