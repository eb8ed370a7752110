using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.TokenLibraryVerify<OneAuth.Analyzers.Rules.UnverifiedTokenTrustedAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

/// <summary>OA0013 for jose-jwt: <c>JWT.Payload</c> reads the claims without a key, in projects without Microsoft.IdentityModel too.</summary>
public class UnverifiedTokenTrustedJoseTests
{
    [Fact]
    public Task Reports_payload_claims_that_decide() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using System.Security.Claims;
        using System.Text.Json;
        using Jose;
        record Claims(string Sub, string Role);
        class C
        {
            bool IsAdmin(string token)
            {
                var payload = JWT.Payload<Dictionary<string, object>>(token);
                return {|#0:(string)payload["role"] == "admin"|};
            }

            string Route(string token)
            {
                var claims = JWT.Payload<Claims>(token);
                if ({|#1:claims.Role == "admin"|})
                    return "/admin";
                return "/";
            }

            bool FromJson(string token)
            {
                string json = JWT.Payload(token);
                using var document = JsonDocument.Parse(json);
                return {|#2:document.RootElement.GetProperty("scope").GetString() == "write"|};
            }

            ClaimsPrincipal User(string token)
            {
                var claims = JWT.Payload<Claims>(token);
                return new ClaimsPrincipal({|#3:new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, claims.Sub) }, "jwt")|});
            }
        }
        """,
        TokenLibraryRefs.Jose,
        V.Diagnostic().WithLocation(0).WithArguments("JWT.Payload", "the returned value"),
        V.Diagnostic().WithLocation(1).WithArguments("JWT.Payload", "this condition"),
        V.Diagnostic().WithLocation(2).WithArguments("JWT.Payload", "the returned value"),
        V.Diagnostic().WithLocation(3).WithArguments("JWT.Payload", "the ClaimsIdentity built here"));

    [Fact]
    public Task Quiet_for_headers_expiry_and_a_verified_decode() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using Jose;
        record Claims(string Sub, string Iss, long Exp);
        class C
        {
            private readonly Dictionary<string, byte[]> _keys = new();

            string KeyId(string token) => JWT.Headers(token)["kid"] is string kid && kid.Length > 0 ? kid : "default";

            bool NeedsRefresh(string token, long now) => JWT.Payload<Claims>(token).Exp < now + 60;

            string Verified(string token)
            {
                var unverified = JWT.Payload<Claims>(token);
                byte[] key = unverified.Iss == "https://a.example" ? _keys["a"] : _keys["b"];
                return JWT.Decode<Claims>(token, key, JwsAlgorithm.HS256).Sub;
            }

            void Log(string token) => System.Console.WriteLine(JWT.Payload(token));
        }
        """,
        TokenLibraryRefs.Jose);
}
