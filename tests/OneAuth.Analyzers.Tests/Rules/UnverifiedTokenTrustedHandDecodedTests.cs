using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.UnverifiedTokenTrustedAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

/// <summary>OA0013 for payloads decoded by hand: split, base64url-decoded and parsed as JSON without verification.</summary>
public class UnverifiedTokenTrustedHandDecodedTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Security.Claims;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Threading.Tasks;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Http;
        using Microsoft.IdentityModel.Tokens;

        """;

    private const string Decode = "JsonDocument.Parse (Base64UrlEncoder.Decode)";

    /// <summary>The OneAuth reference set plus Newtonsoft.Json, which the test process already loads.</summary>
    private static readonly ImmutableArray<MetadataReference> WithNewtonsoft =
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.Linq.JObject).Assembly.Location));

    [Fact]
    public Task Reports_every_way_of_taking_the_payload_segment() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            int M(string token)
            {
                if ({|#0:JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement.GetProperty("role").GetString() == "admin"|}) return 1;

                string[] parts = token.Split(".");
                using var doc = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1]));
                if ({|#1:doc.RootElement.GetProperty("tier").GetString() == "gold"|}) return 2;

                var skipped = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.').Skip(1).First()));
                if ({|#2:skipped.RootElement.GetProperty("sub").GetString() == "root"|}) return 3;

                var element = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split(new[] { '.' }, 3).ElementAt(1)));
                if ({|#3:element.RootElement.GetProperty("scope").GetString() == "all"|}) return 4;

                int first = token.IndexOf('.');
                int second = token.LastIndexOf('.');
                var between = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Substring(first + 1, second - first - 1)));
                if ({|#4:between.RootElement.GetProperty("app_id").GetString() == "billing"|}) return 5;

                var ranged = JsonDocument.Parse(Base64UrlEncoder.Decode(token[(first + 1)..second]));
                return {|#5:ranged.RootElement.GetProperty("level").GetInt32()|} switch { > 3 => 6, _ => 7 };
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments(Decode, "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments(Decode, "this condition"),
        V.Diagnostic().WithLocation(2).WithArguments(Decode, "this condition"),
        V.Diagnostic().WithLocation(3).WithArguments(Decode, "this condition"),
        V.Diagnostic().WithLocation(4).WithArguments(Decode, "this condition"),
        V.Diagnostic().WithLocation(5).WithArguments(Decode, "this condition"));

    [Fact]
    public Task Silent_for_the_header_and_signature_segments_and_other_splits() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            SecurityKey? Key(string token, SecurityKey a, SecurityKey b, string version)
            {
                var header = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement;
                if (header.GetProperty("kid").GetString() == "2024-01") return a;
                if (header.GetProperty("alg").GetString() != "RS256") return null;
                var head = JsonNode.Parse(Base64UrlEncoder.Decode(token.Substring(0, token.IndexOf('.'))))!;
                if ((string?)head["typ"] == "at+jwt") return b;
                var signature = Base64UrlEncoder.DecodeBytes(token.Split('.')[2]);
                if (signature.Length != 256) return null;
                var minor = JsonDocument.Parse(version.Split(',')[1]);
                if (minor.RootElement.GetInt32() > 2) return b;
                return null;
            }
        }
        """);

    [Fact]
    public Task Reports_every_decoder_and_padding_fix_up() => V.AnalyzerAsync(
        Usings + """
        using Microsoft.AspNetCore.WebUtilities;
        class C
        {
            bool Bytes(string token)
            {
                var json = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[1]));
                var doc = JsonDocument.Parse(json);
                return {|#0:doc.RootElement.GetProperty("admin").GetBoolean()|};
            }

            bool Padded(string token)
            {
                var parts = token.Split('.');
                var payload = parts[1].Replace('-', '+').Replace('_', '/');
                switch (payload.Length % 4)
                {
                    case 2: payload += "=="; break;
                    case 3: payload += "="; break;
                }

                var bytes = Convert.FromBase64String(payload);
                var doc = JsonDocument.Parse(Encoding.UTF8.GetString(bytes));
                return {|#1:doc.RootElement.GetProperty("role").GetString() == "admin"|};
            }

            bool PadRight(string token)
            {
                string segment = token.Split('.')[1];
                segment = segment.PadRight(segment.Length + (4 - segment.Length % 4) % 4, '=');
                var doc = JsonDocument.Parse(Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/')));
                return {|#2:doc.RootElement.GetProperty("role").GetString() == "admin"|};
            }

            bool Web(string token)
            {
                var doc = JsonDocument.Parse(WebEncoders.Base64UrlDecode(token.Split('.')[1]));
                return {|#3:doc.RootElement.GetProperty("role").GetString() == "admin"|};
            }

            bool Span(string token)
            {
                byte[] bytes = System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]);
                var element = JsonElement.Parse(Encoding.UTF8.GetString(bytes));
                return {|#5:element.GetProperty("role").GetString() == "admin"|};
            }

            bool TextEncoder(string token)
            {
                var doc = JsonDocument.Parse(Microsoft.AspNetCore.Authentication.Base64UrlTextEncoder.Decode(token.Split('.')[1]));
                return {|#4:doc.RootElement.GetProperty("role").GetString() == "admin"|};
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("JsonDocument.Parse (Base64UrlEncoder.DecodeBytes)", "the returned value"),
        V.Diagnostic().WithLocation(1).WithArguments("JsonDocument.Parse (Convert.FromBase64String)", "the returned value"),
        V.Diagnostic().WithLocation(2).WithArguments("JsonDocument.Parse (Convert.FromBase64String)", "the returned value"),
        V.Diagnostic().WithLocation(3).WithArguments("JsonDocument.Parse (WebEncoders.Base64UrlDecode)", "the returned value"),
        V.Diagnostic().WithLocation(4).WithArguments("JsonDocument.Parse (Base64UrlTextEncoder.Decode)", "the returned value"),
        V.Diagnostic().WithLocation(5).WithArguments("JsonElement.Parse (Base64Url.DecodeFromChars)", "the returned value"));

    [Fact]
    public Task Reports_decoding_helpers_of_the_same_file() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            private static string Base64UrlDecode(string input)
            {
                var output = input.Replace('-', '+').Replace('_', '/');
                switch (output.Length % 4)
                {
                    case 0: break;
                    case 2: output += "=="; break;
                    case 3: output += "="; break;
                    default: throw new FormatException("Illegal base64url string");
                }

                var converted = Convert.FromBase64String(output);
                return Encoding.UTF8.GetString(converted);
            }

            private static string PayloadJson(string token) => Base64UrlEncoder.Decode(token.Split('.')[1]);

            private static string HeaderJson(string token) => Base64UrlEncoder.Decode(token.Split('.')[0]);

            bool Admin(string token)
            {
                var parts = token.Split('.');
                var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!;
                if ({|#0:payload["role"]!.GetValue<string>() == "admin"|}) return true;
                var again = JsonNode.Parse(PayloadJson(token))!;
                return {|#1:(string?)again["role"] == "owner"|};
            }

            bool Header(string token)
            {
                var header = JsonNode.Parse(Base64UrlDecode(token.Split('.')[0]))!;
                var other = JsonNode.Parse(HeaderJson(token))!;
                return (string?)header["alg"] == "RS256" && (string?)other["kid"] == "k1";
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("JsonNode.Parse (Base64UrlDecode())", "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments("JsonNode.Parse (PayloadJson() (Base64UrlEncoder.Decode))", "the returned value"));

    [Fact]
    public Task Reports_every_parser_and_the_values_read_from_it() => V.AnalyzerAsync(
        Usings + """
        record Payload(string Sub, string Role, string[] Scopes);
        class C
        {
            int M(string token)
            {
                var json = Base64UrlEncoder.Decode(token.Split('.')[1]);

                var node = JsonNode.Parse(json);
                if ({|#0:node?["app_id"]?.ToString() == "billing"|}) return 1;

                var dict = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
                if ({|#1:dict["sub"].GetString() == "root"|}) return 2;
                if ({|#2:dict.TryGetValue("role", out var role) && role.GetString() == "admin"|}) return 3;

                var record = JsonSerializer.Deserialize<Payload>(json)!;
                if ({|#3:record.Scopes.Contains("invoices:write")|}) return 4;
                if ({|#4:record is { Role: "admin" }|}) return 5;

                var payload = JwtPayload.Deserialize(json);
                if ({|#5:payload.Sub == "root"|}) return 6;
                if ({|#6:JwtPayload.Base64UrlDeserialize(token.Split('.')[1])["role"] as string == "admin"|}) return 7;

                var root = JsonDocument.Parse(json).RootElement;
                if ({|#7:root.TryGetProperty("role", out var r) && r.GetString() == "admin"|}) return 8;
                foreach (var property in root.EnumerateObject())
                {
                    if ({|#8:property.Name == "admin"|}) return 9;
                }

                return 0;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("JsonNode.Parse (Base64UrlEncoder.Decode)", "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments("JsonSerializer.Deserialize (Base64UrlEncoder.Decode)", "this condition"),
        V.Diagnostic().WithLocation(2).WithArguments("JsonSerializer.Deserialize (Base64UrlEncoder.Decode)", "this condition"),
        V.Diagnostic().WithLocation(3).WithArguments("JsonSerializer.Deserialize (Base64UrlEncoder.Decode)", "this condition"),
        V.Diagnostic().WithLocation(4).WithArguments("JsonSerializer.Deserialize (Base64UrlEncoder.Decode)", "this condition"),
        V.Diagnostic().WithLocation(5).WithArguments("JwtPayload.Deserialize (Base64UrlEncoder.Decode)", "this condition"),
        V.Diagnostic().WithLocation(6).WithArguments("JwtPayload.Base64UrlDeserialize", "this condition"),
        V.Diagnostic().WithLocation(7).WithArguments(Decode, "this condition"),
        V.Diagnostic().WithLocation(8).WithArguments(Decode, "this condition"));

    [Fact]
    public Task Reports_Newtonsoft_parsers() => V.AnalyzerAsync(
        Usings + """
        using Newtonsoft.Json;
        using Newtonsoft.Json.Linq;
        class Claims { public string? Role { get; set; } }
        class C
        {
            bool M(string token)
            {
                var json = Base64UrlEncoder.Decode(token.Split('.')[1]);
                var o = JObject.Parse(json);
                if ({|#0:o["role"]?.ToString() == "admin"|}) return true;
                var claims = JsonConvert.DeserializeObject<Claims>(json);
                return {|#1:claims?.Role == "admin"|};
            }
        }
        """,
        WithNewtonsoft,
        V.Diagnostic().WithLocation(0).WithArguments("JObject.Parse (Base64UrlEncoder.Decode)", "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments("JsonConvert.DeserializeObject (Base64UrlEncoder.Decode)", "the returned value"));

    [Fact]
    public Task Reports_dynamic_payloads_but_not_their_expiry() => V.AnalyzerAsync(
        Usings + """
        using Newtonsoft.Json;
        class C
        {
            bool M(string token)
            {
                dynamic payload = JsonConvert.DeserializeObject(Base64UrlEncoder.Decode(token.Split('.')[1]))!;
                if ((long)payload.exp < DateTimeOffset.UtcNow.ToUnixTimeSeconds() || (long)payload["nbf"] > 0) return false;
                if ({|#0:payload.role == "admin"|}) return true;
                return {|#1:payload["scope"].ToString().Contains("write")|};
            }
        }
        """,
        WithNewtonsoft,
        V.Diagnostic().WithLocation(0).WithArguments("JsonConvert.DeserializeObject (Base64UrlEncoder.Decode)", "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments("JsonConvert.DeserializeObject (Base64UrlEncoder.Decode)", "the returned value"));

    [Fact]
    public Task Reports_principals_and_the_current_user_built_from_a_hand_decoded_payload() => V.AnalyzerAsync(
        Usings + """
        record Payload(string Sub, string Role);
        class C
        {
            async Task SignIn(HttpContext http, string token)
            {
                var payload = JsonSerializer.Deserialize<Payload>(Base64UrlEncoder.Decode(token.Split('.')[1]))!;
                var identity = {|#0:new ClaimsIdentity(new[] { new Claim(ClaimTypes.NameIdentifier, payload.Sub), new Claim(ClaimTypes.Role, payload.Role) }, "jwt")|};
                await http.SignInAsync(new ClaimsPrincipal(identity));
            }

            ClaimsPrincipal FromDictionary(string token)
            {
                var claims = JsonSerializer.Deserialize<Dictionary<string, object>>(Base64UrlEncoder.Decode(token.Split('.')[1]))!;
                return new ClaimsPrincipal({|#1:new ClaimsIdentity(claims.Select(c => new Claim(c.Key, c.Value.ToString()!)), "jwt")|});
            }

            ClaimsPrincipal FromList(string token)
            {
                var root = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement;
                var list = new List<Claim>();
                list.Add(new Claim("sub", root.GetProperty("sub").GetString()!));
                return new ClaimsPrincipal({|#2:new ClaimsIdentity(list, "jwt")|});
            }

            AuthenticateResult Ticket(string token, ClaimsPrincipal user)
            {
                var node = JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!;
                var principal = new ClaimsPrincipal({|#3:new ClaimsIdentity([new Claim("app_id", node["app_id"]!.ToString())], "jwt")|});
                return AuthenticateResult.Success(new AuthenticationTicket(principal, "jwt"));
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("JsonSerializer.Deserialize (Base64UrlEncoder.Decode)", "the ClaimsIdentity built here"),
        V.Diagnostic().WithLocation(1).WithArguments("JsonSerializer.Deserialize (Base64UrlEncoder.Decode)", "the ClaimsIdentity built here"),
        V.Diagnostic().WithLocation(2).WithArguments(Decode, "the ClaimsIdentity built here"),
        V.Diagnostic().WithLocation(3).WithArguments("JsonNode.Parse (Base64UrlEncoder.Decode)", "the ClaimsIdentity built here"));

    [Fact]
    public Task Reports_payload_values_returned_by_a_helper_of_the_same_file() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            private static string? ClaimOf(string token, string name)
                => JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement.GetProperty(name).GetString();

            private static JsonElement PayloadOf(string token)
            {
                using var doc = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]));
                return doc.RootElement.Clone();
            }

            bool IsAdmin(string token)
            {
                if ({|#0:ClaimOf(token, "role") == "admin"|}) return true;
                return {|#1:PayloadOf(token).GetProperty("scope").GetString() == "admin"|};
            }

            bool NeedsRefresh(string token)
                => DateTimeOffset.FromUnixTimeSeconds(long.Parse(ClaimOf(token, "exp")!)) < DateTimeOffset.UtcNow.AddMinutes(1);
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ClaimOf() (" + Decode + ")", "this condition"),
        V.Diagnostic().WithLocation(1).WithArguments("PayloadOf() (" + Decode + ")", "the returned value"));

    [Fact]
    public Task Silent_for_refresh_timing_logging_display_and_presence_checks() => V.AnalyzerAsync(
        Usings + """
        using Microsoft.Extensions.Logging;
        record Payload(string Sub, [property: System.Text.Json.Serialization.JsonPropertyName("exp")] long ExpiresAtSeconds);
        class C
        {
            bool NeedsRefresh(string accessToken)
            {
                var root = JsonDocument.Parse(Base64UrlEncoder.Decode(accessToken.Split('.')[1])).RootElement;
                var exp = root.GetProperty("exp").GetInt64();
                if (root.TryGetProperty("nbf", out var nbf) && nbf.GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds()) return true;
                var record = JsonSerializer.Deserialize<Payload>(Base64UrlEncoder.Decode(accessToken.Split('.')[1]))!;
                if (record.ExpiresAtSeconds < 0) return true;
                var payload = JwtPayload.Base64UrlDeserialize(accessToken.Split('.')[1]);
                if (payload.ValidTo < DateTime.UtcNow || payload.Expiration < 0) return true;
                return DateTimeOffset.FromUnixTimeSeconds(exp) < DateTimeOffset.UtcNow.AddMinutes(1);
            }

            string Describe(string token, ILogger logger)
            {
                var root = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement;
                logger.LogInformation("token for {Sub} from {Iss}", root.GetProperty("sub").GetString(), root.GetProperty("iss").GetString());
                if (!root.TryGetProperty("name", out var name)) return "anonymous";
                var node = JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]));
                if (node is null || node["sub"] is null) return "anonymous";
                return name.GetString() + " (" + node["sub"] + ")";
            }
        }
        """);

    [Fact]
    public Task Silent_when_the_same_token_is_validated_first_or_the_payload_only_routes_validation() => V.AnalyzerAsync(
        Usings + """
        using Microsoft.IdentityModel.JsonWebTokens;
        class C
        {
            readonly JsonWebTokenHandler _handler = new();
            readonly Dictionary<string, TokenValidationParameters> _tenants = new();

            async Task<bool> ValidatedFirst(string token, TokenValidationParameters p)
            {
                var result = await _handler.ValidateTokenAsync(token, p);
                if (!result.IsValid) return false;
                var root = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement;
                return root.GetProperty("role").GetString() == "admin";
            }

            async Task<bool> Routed(string token)
            {
                var payload = JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!;
                if (!_tenants.TryGetValue((string)payload["iss"]!, out var parameters))
                    return false;
                if (((string)payload["iss"]!).EndsWith(".internal"))
                    return false;
                return (await _handler.ValidateTokenAsync(token, parameters)).IsValid;
            }

            TokenValidationParameters Resolve(string token, TokenValidationParameters a, TokenValidationParameters b)
            {
                var root = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement;
                return root.GetProperty("iss").GetString() == "https://a.example.com" ? a : b;
            }
        }
        """);

    [Fact]
    public Task Reports_when_another_token_is_validated_or_validation_comes_after_deciding() => V.AnalyzerAsync(
        Usings + """
        using Microsoft.IdentityModel.JsonWebTokens;
        class C
        {
            readonly JsonWebTokenHandler _handler = new();

            async Task<bool> Other(string token, string refreshToken, TokenValidationParameters p)
            {
                var validated = await _handler.ValidateTokenAsync(refreshToken, p);
                var root = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement;
                return {|#0:validated.IsValid && root.GetProperty("role").GetString() == "admin"|};
            }

            async Task<bool> After(string token, TokenValidationParameters p)
            {
                var root = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement;
                if ({|#1:root.GetProperty("role").GetString() == "admin"|}) return true;
                return (await _handler.ValidateTokenAsync(token, p)).IsValid;
            }
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments(Decode, "the returned value"),
        V.Diagnostic().WithLocation(1).WithArguments(Decode, "this condition"));

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        using System;
        using System.Text;
        using System.Text.Json;
        class C
        {
            bool M(string token)
            {
                var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token.Split('.')[1])));
                return doc.RootElement.GetProperty("role").GetString() == "admin";
            }
        }
        """,
        Refs.Framework);

    [Fact]
    public Task Silent_for_json_that_is_not_a_token_payload() => V.AnalyzerAsync(
        Usings + """
        class C
        {
            bool M(string body, string encoded, string token)
            {
                var doc = JsonDocument.Parse(body);
                if (doc.RootElement.GetProperty("role").GetString() == "admin") return true;
                var state = JsonNode.Parse(Base64UrlEncoder.Decode(encoded))!;
                if ((string?)state["returnUrl"] == "/admin") return true;
                var parts = token.Split('.');
                parts = new[] { "", "" };
                var reassigned = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1]));
                return reassigned.RootElement.GetProperty("role").GetString() == "admin";
            }
        }
        """);
}
