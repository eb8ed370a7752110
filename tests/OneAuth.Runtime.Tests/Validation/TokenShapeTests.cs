using System.Diagnostics;
using System.Text;
using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

public class TokenShapeTests
{
    private readonly VerifierFixture _f = new();

    [Fact]
    public Task Accepts_a_valid_token() => _f.ExpectAsync(TokenMinter.Valid(), AppTokenFailure.None);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e.f")]
    [InlineData("...")]
    [InlineData("Bearer x.y.z")]
    public Task Rejects_anything_but_three_segments(string? token) => _f.ExpectAsync(token!, AppTokenFailure.Malformed);

    [Fact]
    public async Task Rejects_an_encrypted_token_with_five_segments()
    {
        string[] p = TokenMinter.Split(TokenMinter.Valid());
        AppTokenValidationResult r = await _f.ExpectAsync(string.Join(".", p[0], "", p[1], "AAAA", p[2]), AppTokenFailure.Malformed);
        Assert.Contains("JWE", r.Detail);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public Task Rejects_an_empty_segment(int segment)
    {
        string[] p = TokenMinter.Split(TokenMinter.Valid());
        p[segment] = "";
        // A stripped signature is a signature that cannot verify; an empty header or payload is malformed.
        return _f.ExpectAsync(string.Join(".", p), segment == 2 ? AppTokenFailure.InvalidSignature : AppTokenFailure.Malformed);
    }

    [Fact]
    public async Task Rejects_a_token_over_the_size_cap_quickly()
    {
        string huge = TokenMinter.Valid(c => c["pad"] = new string('x', 20_000));
        await _f.ExpectAsync(huge, AppTokenFailure.Malformed);

        var garbage = new StringBuilder(1024 * 1024);
        var random = new Random(7);
        while (garbage.Length < 1024 * 1024)
            garbage.Append((char)random.Next(32, 127));

        string megabyte = garbage.ToString();
        await _f.ValidateAsync(megabyte); // warm up
        var watch = Stopwatch.StartNew();
        AppTokenValidationResult result = await _f.ExpectAsync(megabyte, AppTokenFailure.Malformed);
        watch.Stop();
        Assert.True(watch.ElapsedMilliseconds < 50, $"took {watch.ElapsedMilliseconds} ms");
        Assert.Contains("longer than", result.Detail);
        Assert.Equal(0, _f.Keys.Lookups);
    }

    [Fact]
    public Task Accepts_a_token_just_under_the_size_cap()
    {
        string token = TokenMinter.Valid(c => c["pad"] = "");
        int room = AppTokenVerifier.MaxTokenLength - token.Length;
        string padded = TokenMinter.Valid(c => c["pad"] = new string('x', room * 3 / 4 - 4));
        Assert.True(padded.Length <= AppTokenVerifier.MaxTokenLength, padded.Length.ToString());
        return _f.ExpectAsync(padded, AppTokenFailure.None);
    }

    public static TheoryData<string> NonCanonicalSegments => new()
    {
        "=",        // padding
        "==",
        "+",        // base64 (not base64url) alphabet
        "/",
        " ",
        "\u00e9",   // non-ASCII
        "\u0000",
    };

    [Theory]
    [MemberData(nameof(NonCanonicalSegments))]
    public async Task Rejects_a_non_canonical_header(string suffix)
    {
        string[] p = TokenMinter.Split(TokenMinter.Valid());
        await _f.ExpectAsync(string.Join(".", p[0] + suffix, p[1], p[2]), AppTokenFailure.Malformed);
        await _f.ExpectAsync(string.Join(".", suffix + p[0], p[1], p[2]), AppTokenFailure.Malformed);
    }

    [Theory]
    [MemberData(nameof(NonCanonicalSegments))]
    public async Task Rejects_a_non_canonical_payload_even_when_signed(string suffix)
    {
        string header = TokenMinter.Encode(TokenMinter.Header().ToJsonString());
        string payload = TokenMinter.Encode(TokenMinter.Claims().ToJsonString());
        string token = TokenMinter.SignSegments(header, payload + suffix, VerifierTestKeys.Primary);
        await _f.ExpectAsync(token, AppTokenFailure.Malformed);
    }

    [Theory]
    [MemberData(nameof(NonCanonicalSegments))]
    public async Task Rejects_a_non_canonical_signature(string suffix)
    {
        string[] p = TokenMinter.Split(TokenMinter.Valid());
        await _f.ExpectAsync(string.Join(".", p[0], p[1], p[2] + suffix), AppTokenFailure.Malformed);
    }

    [Fact]
    public async Task Rejects_nonzero_unused_bits_in_the_last_character()
    {
        // "{}" encodes to "e30"; "e31" decodes to the same bytes with a stray low bit set.
        string payloadOk = TokenMinter.Encode(TokenMinter.Claims().ToJsonString());
        char last = payloadOk[^1];
        Assert.NotEqual(0, payloadOk.Length % 4);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int mask = payloadOk.Length % 4 == 2 ? 0x0F : 0x03;
        int value = alphabet.IndexOf(last);
        Assert.Equal(0, value & mask);
        string payloadBad = payloadOk[..^1] + alphabet[value | 1];
        string header = TokenMinter.Encode(TokenMinter.Header().ToJsonString());
        await _f.ExpectAsync(TokenMinter.SignSegments(header, payloadOk, VerifierTestKeys.Primary), AppTokenFailure.None);
        await _f.ExpectAsync(TokenMinter.SignSegments(header, payloadBad, VerifierTestKeys.Primary), AppTokenFailure.Malformed);
    }

    [Fact]
    public async Task Rejects_a_segment_of_length_4n_plus_1()
    {
        string header = TokenMinter.Encode(TokenMinter.Header().ToJsonString());
        while (header.Length % 4 != 0)
            header = TokenMinter.Encode(TokenMinter.Header(kid: VerifierTestKeys.Kid + new string('x', 4 - header.Length % 4)).ToJsonString());

        string payload = TokenMinter.Encode(TokenMinter.Claims().ToJsonString());
        await _f.ExpectAsync(TokenMinter.SignSegments(header + "A", payload, VerifierTestKeys.Primary), AppTokenFailure.Malformed);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"RS256\"")]
    [InlineData("null")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\"")]                       // unterminated
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\"}{}")]                    // two values
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\"} x")]                    // trailing text
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",}")]                     // trailing comma
    [InlineData("{\"alg\":\"RS256\",/*c*/\"kid\":\"test-key-1\"}")]                 // comment
    [InlineData("{'alg':'RS256','kid':'test-key-1'}")]                              // single quotes
    [InlineData("{\"alg\":\"RS256\",\"alg\":\"RS256\",\"kid\":\"test-key-1\"}")]    // duplicate
    [InlineData("{\"alg\":\"RS256\",\"a\\u006cg\":\"RS256\",\"kid\":\"test-key-1\"}")] // duplicate after unescaping
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",\"x\":{\"a\":1,\"a\":2}}")]  // nested duplicate
    public Task Rejects_a_header_that_is_not_one_clean_JSON_object(string header)
        => _f.ExpectAsync(TokenMinter.Sign(header, TokenMinter.Claims().ToJsonString()), AppTokenFailure.Malformed);

    [Theory]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\"", "header")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "header")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",\"\\ud800\":1}", "header")]
    public async Task Names_broken_JSON_as_such(string header, string part)
    {
        AppTokenValidationResult r = await _f.ExpectAsync(TokenMinter.Sign(header, TokenMinter.Claims().ToJsonString()), AppTokenFailure.Malformed);
        Assert.Equal($"The {part} is not a single JSON object.", r.Detail);
    }

    [Fact]
    public async Task Rejects_a_header_that_is_not_UTF8()
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",\"x\":\"\u00e9\"}");
        int at = Array.IndexOf(json, (byte)0xC3);
        json[at] = 0xFF;
        string token = TokenMinter.SignSegments(TokenMinter.Encode(json), TokenMinter.Encode(TokenMinter.Claims().ToJsonString()), VerifierTestKeys.Primary);
        await _f.ExpectAsync(token, AppTokenFailure.Malformed);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("1")]
    [InlineData("{\"app_id\":\"billing\"")]
    [InlineData("{\"app_id\":\"billing\"}{}")]
    [InlineData("{\"app_id\":\"billing\",\"app_id\":\"billing\"}")]
    [InlineData("{\"app_id\":\"billing\",\"app\\u005fid\":\"billing\"}")]
    [InlineData("{\"x\":[{\"a\":1,\"a\":1}]}")]
    public Task Rejects_a_signed_payload_that_is_not_one_clean_JSON_object(string payload)
        => _f.ExpectAsync(TokenMinter.Sign(TokenMinter.Header().ToJsonString(), payload), AppTokenFailure.Malformed);

    [Fact]
    public async Task Rejects_a_duplicated_claim_even_when_both_copies_are_right()
    {
        string claims = TokenMinter.Claims().ToJsonString();
        string twice = claims.TrimEnd('}') + ",\"iss\":\"" + TokenMinter.Issuer + "\"}";
        await _f.ExpectAsync(TokenMinter.Sign(TokenMinter.Header().ToJsonString(), twice), AppTokenFailure.Malformed);
    }

    [Fact]
    public async Task Never_throws_or_accepts_random_garbage()
    {
        var random = new Random(12345);
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"";
        for (int i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 900);
            for (int k = 0; k < length; k++)
                sb.Append(random.Next(10) == 0 ? (char)random.Next(0, 0x3000) : chars[random.Next(chars.Length)]);

            AppTokenValidationResult result = await _f.ValidateAsync(sb.ToString());
            Assert.False(result.IsValid);
        }
    }
}
