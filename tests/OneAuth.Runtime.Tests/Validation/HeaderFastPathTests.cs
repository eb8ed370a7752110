using System.Text;
using OneAuth.Keys;
using OneAuth.Validation;
using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

/// <summary>
/// The compact-header fast path may only ever say "accepted, with this kid" where the full reader says the same;
/// everything else must fall through to the full reader.
/// </summary>
public class HeaderFastPathTests
{
    private static readonly byte[] Jwt = MediaTypes.Canonical("JWT");
    private static readonly byte[] AtJwt = MediaTypes.Canonical("at+jwt");

    [Theory]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}", "k1")]
    [InlineData("{\"kid\":\"2026-11-key-2\",\"alg\":\"RS256\"}", "2026-11-key-2")]
    [InlineData("{\"typ\":\"JWT\",\"kid\":\"a~!{}[]:,\",\"alg\":\"RS256\"}", "a~!{}[]:,")]
    public void Takes_the_compact_headers_issuers_emit(string header, string kid)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var buffer = new byte[KeyIds.MaxLength];
        Assert.True(HeaderReader.TryReadCompact(json, null, buffer, out int length));
        Assert.Equal(kid, Encoding.ASCII.GetString(buffer, 0, length));
        AssertSameAsFull(json, null);
        AssertSameAsFull(json, Jwt);
    }

    [Theory]
    [InlineData("{ \"alg\":\"RS256\",\"kid\":\"k1\"}")]                       // whitespace
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k\\u0031\"}")]                    // escape
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\",\"kid\":\"k2\"}")]           // duplicate
    [InlineData("{\"alg\":\"RS256\",\"alg\":\"none\",\"kid\":\"k1\"}")]         // duplicate alg
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\",\"jku\":\"https://x\"}")]    // forbidden member
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\",\"cty\":\"JWT\"}")]          // nested token
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\",\"zzz\":\"1\"}")]            // unknown member
    [InlineData("{\"alg\":\"none\",\"kid\":\"k1\"}")]
    [InlineData("{\"alg\":\"rs256\",\"kid\":\"k1\"}")]
    [InlineData("{\"alg\":\"RS256 \",\"kid\":\"k1\"}")]
    [InlineData("{\"alg\":\"RS256\"}")]
    [InlineData("{\"kid\":\"k1\"}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"\"}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"has space\"}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":1}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\",}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\"}}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\"")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1}")]
    [InlineData("{\"alg\":\"RS256\"\"kid\":\"k1\"}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"")]
    [InlineData("{\"alg\"\"RS256\",\"kid\":\"k1\"}")]
    [InlineData("{\"al\":\"RS256\",\"kid\":\"k1\"}")]
    [InlineData("{}")]
    [InlineData("{\"")]
    [InlineData("}{")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\",\"typ\":\"JWT\"}")]
    public void Leaves_everything_else_to_the_full_reader(string header)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        Assert.False(HeaderReader.TryReadCompact(json, null, new byte[KeyIds.MaxLength], out _));
        AssertSameAsFull(json, null);
    }

    [Theory]
    [InlineData("}{")]
    [InlineData(";")]
    [InlineData("[1]")]
    [InlineData("\"alg\"")]
    [InlineData("   ")]
    [InlineData("\uFEFF{\"alg\":\"RS256\",\"kid\":\"k1\"}")]
    public void Rejects_a_header_that_cannot_be_an_object_without_an_exception(string header)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        Assert.Same(Rejections.HeaderJson, HeaderReader.Read(json, null, new byte[KeyIds.MaxLength], out _));
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("}")]
    [InlineData("[{\"alg\":\"RS256\"}]")]
    public async Task A_header_or_payload_that_is_not_an_object_is_Malformed_not_an_unexpected_error(string json)
    {
        var f = new VerifierFixture();
        AppTokenValidationResult header = await f.ExpectAsync(TokenMinter.Sign(json, TokenMinter.Claims().ToJsonString()), AppTokenFailure.Malformed);
        Assert.Equal(Rejections.HeaderJson.Detail, header.Detail);

        AppTokenValidationResult payload = await f.ExpectAsync(TokenMinter.Sign(TokenMinter.Header().ToJsonString(), json), AppTokenFailure.Malformed);
        Assert.Equal(Rejections.PayloadJson.Detail, payload.Detail);
    }

    [Fact]
    public void Leaves_a_kid_longer_than_the_limit_to_the_full_reader()
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"" + new string('k', KeyIds.MaxLength + 1) + "\"}");
        Assert.False(HeaderReader.TryReadCompact(json, null, new byte[KeyIds.MaxLength * 2], out _));
        Assert.Same(Rejections.BadKid, HeaderReader.ReadFull(json, null, new byte[KeyIds.MaxLength], out _));
    }

    [Theory]
    [InlineData("JWT", false)]
    [InlineData("at+jwt", true)]
    [InlineData("application/at+jwt", true)]
    [InlineData("AT+JWT", true)]
    public void Checks_typ_like_the_full_reader_when_the_policy_names_one(string typ, bool matches)
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"" + typ + "\"}");
        Assert.Equal(matches, HeaderReader.TryReadCompact(json, AtJwt, new byte[KeyIds.MaxLength], out _));
        AssertSameAsFull(json, AtJwt);

        byte[] withoutTyp = Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"k1\"}");
        Assert.False(HeaderReader.TryReadCompact(withoutTyp, AtJwt, new byte[KeyIds.MaxLength], out _));
        AssertSameAsFull(withoutTyp, AtJwt);
    }

    [Fact]
    public void Agrees_with_the_full_reader_on_every_kid_character_and_on_mutated_headers()
    {
        var random = new Random(20261129);
        for (int c = 0; c < 128; c++)
        {
            string kid = "k" + (char)c;
            string escaped = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c < 0x20 ? $"\\u{c:x4}" : ((char)c).ToString();
            AssertSameAsFull(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"" + escaped + "\"}"), null);
            AssertSameAsFull(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}"), null);
        }

        // Random single-byte edits of a good header: whatever the fast path accepts, the full reader accepts too.
        byte[] good = Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"2026-11-key-1\",\"typ\":\"JWT\"}");
        for (int i = 0; i < 20_000; i++)
        {
            byte[] json = (byte[])good.Clone();
            int edits = 1 + random.Next(3);
            for (int e = 0; e < edits; e++)
                json[random.Next(json.Length)] = (byte)random.Next(256);

            AssertSameAsFull(json, null);
            AssertSameAsFull(json, Jwt);
        }
    }

    private static void AssertSameAsFull(byte[] json, byte[]? requiredType)
    {
        var fastKid = new byte[KeyIds.MaxLength];
        var fullKid = new byte[KeyIds.MaxLength];
        AppTokenValidationResult? full = HeaderReader.ReadFull(json, requiredType, fullKid, out int fullLength);
        if (HeaderReader.TryReadCompact(json, requiredType, fastKid, out int fastLength))
        {
            Assert.True(full is null, $"the fast path accepted what the full reader rejects ({full?.Failure}): {Encoding.UTF8.GetString(json)}");
            Assert.Equal(fullKid.AsSpan(0, fullLength).ToArray(), fastKid.AsSpan(0, fastLength).ToArray());
        }

        // And the public entry point always gives the full reader's verdict.
        var kid = new byte[KeyIds.MaxLength];
        AppTokenValidationResult? combined = HeaderReader.Read(json, requiredType, kid, out int length);
        Assert.Same(full, combined);
        if (full is null)
            Assert.Equal(fullKid.AsSpan(0, fullLength).ToArray(), kid.AsSpan(0, length).ToArray());
    }
}
