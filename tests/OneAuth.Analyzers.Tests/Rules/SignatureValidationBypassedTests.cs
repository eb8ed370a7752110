using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.SignatureValidationBypassedAnalyzer,
    OneAuth.Analyzers.CodeFixes.SignatureValidationBypassedCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class SignatureValidationBypassedTests
{
    private const string Unverified = "returns the token without verifying its signature";
    private const string KeyFromToken = "takes the signing key from the token's own header";
    private const string KeyFromTokenData = "builds the signing key from the token's own key id or header values";

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string property, string what)
        => V.Diagnostic().WithLocation(location).WithArguments(property, what);

    [Fact]
    public Task Reports_and_removes_signature_validators_that_only_parse() => V.CodeFixAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static SecurityToken Parse(string token, TokenValidationParameters q) => new JsonWebTokenHandler().ReadJsonWebToken(token);

            void M(TokenValidationParameters p)
            {
                {|#0:p.SignatureValidator = (token, q) => new JwtSecurityToken(token)|};
                {|#1:p.SignatureValidator = delegate (string token, TokenValidationParameters q)
                {
                    var handler = new JsonWebTokenHandler();
                    var parsed = handler.ReadToken(token);
                    return parsed;
                }|};
                {|#2:p.SignatureValidator = Parse|};
                {|#3:p.SignatureValidator = (token, q) => new JwtSecurityTokenHandler().ReadJwtToken(token)|};
                p.ValidIssuer = "https://auth.example.com";
            }
        }
        """,
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static SecurityToken Parse(string token, TokenValidationParameters q) => new JsonWebTokenHandler().ReadJsonWebToken(token);

            void M(TokenValidationParameters p)
            {
                p.ValidIssuer = "https://auth.example.com";
            }
        }
        """,
        Expected(0, "SignatureValidator", Unverified), Expected(1, "SignatureValidator", Unverified),
        Expected(2, "SignatureValidator", Unverified), Expected(3, "SignatureValidator", Unverified));

    [Fact]
    public Task Reports_in_an_object_initializer_inside_AddJwtBearer() => V.CodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidAudience = "billing-api",
                        {|#0:SignatureValidator = (token, parameters) => new JsonWebToken(token)|},
                    };
                });
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidAudience = "billing-api",
                    };
                });
            }
        }
        """,
        Expected(0, "SignatureValidator", Unverified));

    [Fact]
    public Task Reports_key_resolvers_that_read_the_token_s_own_key_without_a_fix() => V.NoCodeFixAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Net.Http;
        using System.Security.Cryptography.X509Certificates;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static IEnumerable<SecurityKey> FromCertificate(string token, SecurityToken securityToken, string kid, TokenValidationParameters q)
            {
                JwtHeader header = ((JwtSecurityToken)securityToken).Header;
                return new[] { new X509SecurityKey(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(header.X5c))) };
            }

            void M(TokenValidationParameters p, HttpClient http)
            {
                {|#0:p.IssuerSigningKeyResolver = (token, securityToken, kid, q) =>
                {
                    var jwt = (JsonWebToken)securityToken;
                    string jwk = jwt.GetHeaderValue<string>("jwk");
                    return new[] { new JsonWebKey(jwk) };
                }|};
                {|#1:p.IssuerSigningKeyResolver = (token, securityToken, kid, q) =>
                {
                    var url = ((JwtSecurityToken)securityToken).Header[System.IdentityModel.Tokens.Jwt.JwtHeaderParameterNames.Jku] as string;
                    return new JsonWebKeySet(http.GetStringAsync(url).Result).GetSigningKeys();
                }|};
                {|#2:p.IssuerSigningKeyResolver = FromCertificate|};
            }
        }
        """,
        Expected(0, "IssuerSigningKeyResolver", KeyFromToken), Expected(1, "IssuerSigningKeyResolver", KeyFromToken),
        Expected(2, "IssuerSigningKeyResolver", KeyFromToken));

    [Fact]
    public Task Reports_key_resolvers_that_build_the_key_from_the_kid_or_the_token() => V.NoCodeFixAsync(
        """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static SecurityKey[] FromKid(string token, SecurityToken securityToken, string kid, TokenValidationParameters q)
                => new SecurityKey[] { new SymmetricSecurityKey(Convert.FromBase64String(kid)) };

            void M(TokenValidationParameters p)
            {
                {|#0:p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) => new[] { new SymmetricSecurityKey(Encoding.UTF8.GetBytes(kid)) }|};
                {|#1:p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                {
                    byte[] bytes = Base64UrlEncoder.DecodeBytes(kid);
                    var key = new SymmetricSecurityKey(bytes) { KeyId = kid };
                    return new[] { key };
                }|};
                {|#2:p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                {
                    var jwt = (JsonWebToken)securityToken;
                    string secret = jwt.GetHeaderValue<string>("secret");
                    return new[] { new SymmetricSecurityKey(Encoding.ASCII.GetBytes(secret)) };
                }|};
                {|#3:p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) => new[] { new JsonWebKey { Kty = "oct", KeyId = kid, K = kid } }|};
                {|#4:p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                    new[] { new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(kid + ":signing"))) }|};
                {|#5:p.IssuerSigningKeyResolver = FromKid|};
                {|#6:p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                    new[] { new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new JwtSecurityTokenHandler().ReadJwtToken(token).Issuer)) }|};
            }
        }
        """,
        Expected(0, "IssuerSigningKeyResolver", KeyFromTokenData), Expected(1, "IssuerSigningKeyResolver", KeyFromTokenData),
        Expected(2, "IssuerSigningKeyResolver", KeyFromTokenData), Expected(3, "IssuerSigningKeyResolver", KeyFromTokenData),
        Expected(4, "IssuerSigningKeyResolver", KeyFromTokenData), Expected(5, "IssuerSigningKeyResolver", KeyFromTokenData),
        Expected(6, "IssuerSigningKeyResolver", KeyFromTokenData));

    [Fact]
    public Task Silent_for_key_resolvers_that_use_the_kid_only_to_look_a_trusted_key_up() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static readonly Dictionary<string, SecurityKey> ByKid = new();
            static readonly Dictionary<string, string> Secrets = new();
            static readonly List<SecurityKey> Keys = new();
            static readonly ConcurrentDictionary<string, SecurityKey> Cache = new();
            static readonly byte[] Master = new byte[32];
            static readonly string TrustedJwks = "{}";
            static SecurityKey Load(string kid) => ByKid[kid];

            void M(TokenValidationParameters p)
            {
                p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) => new[] { ByKid[kid] };
                p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) => Keys.Where(k => k.KeyId == kid);
                p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                    new JsonWebKeySet(TrustedJwks).GetSigningKeys().Where(k => k.KeyId == kid);
                p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                    new[] { new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secrets[kid])) { KeyId = kid } };
                p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) => new[] { Cache.GetOrAdd(kid, Load) };
                p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) => new[] { Load(kid) };
                p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                    new[] { new SymmetricSecurityKey(HMACSHA256.HashData(Master, Encoding.UTF8.GetBytes(kid))) };
                p.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                    ByKid.TryGetValue(kid, out SecurityKey? key) ? new[] { key } : Array.Empty<SecurityKey>();
            }
        }
        """);

    [Fact]
    public Task Environment_dependent_bypass_is_reported_as_info() => V.AnalyzerAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IHostEnvironment env)
            {
                {|#0:p.SignatureValidator = env.IsDevelopment() ? (token, q) => new JwtSecurityToken(token) : null|};
            }
        }
        """,
        Expected(0, "SignatureValidator", Unverified + " in some environments").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Silent_for_validators_and_resolvers_that_verify_or_use_trusted_keys() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static readonly SecurityKey[] Keys = Array.Empty<SecurityKey>();
            static bool VerifyWithPinnedKey(string token) => false;

            void M(TokenValidationParameters p, TokenValidationParameters strict, SignatureValidator fromCaller)
            {
                p.SignatureValidator = (token, q) =>
                {
                    new JwtSecurityTokenHandler().ValidateToken(token, strict, out SecurityToken validated);
                    return validated;
                };
                p.SignatureValidator = (token, q) =>
                {
                    if (!VerifyWithPinnedKey(token))
                        throw new SecurityTokenInvalidSignatureException();
                    return new JsonWebToken(token);
                };
                p.SignatureValidator = fromCaller;
                p.IssuerSigningKeyResolver = (token, securityToken, kid, q) => Keys.Where(k => k.KeyId == kid);
                p.IssuerSigningKeyResolver = (token, securityToken, kid, q) =>
                {
                    if (((JsonWebToken)securityToken).TryGetHeaderValue<string>("jku", out _))
                        return Array.Empty<SecurityKey>();
                    return Keys;
                };
                p.IssuerSigningKeyResolver = (token, securityToken, kid, q) =>
                {
                    if (((JwtSecurityToken)securityToken).Header["jwk"] is not null)
                        throw new SecurityTokenInvalidSigningKeyException("embedded keys are not trusted");
                    return Keys;
                };
            }
        }
        """);

    [Fact]
    public Task Silent_for_an_unrelated_type_with_the_same_property() => V.AnalyzerAsync(
        """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        class MyOptions { public Func<string, object>? SignatureValidator { get; set; } }
        class C { void M(MyOptions o) { o.SignatureValidator = t => new JwtSecurityToken(t); } }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        using System;
        class TokenValidationParameters { public Func<string, object>? SignatureValidator { get; set; } }
        class C { void M(TokenValidationParameters o) { o.SignatureValidator = t => t; } }
        """,
        Refs.Framework);

    [Fact]
    public Task Reports_a_bypass_chosen_by_a_flag_and_fixes_it_by_removing_the_assignment() => V.CodeFixAsync(
        """
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class GatewayOptions { public bool SkipSignatureCheck { get; set; } }

        public static class GatewayParameters
        {
            public static TokenValidationParameters Build(GatewayOptions options) => new()
            {
                ValidIssuer = "https://login.contoso.example",
                {|#0:SignatureValidator = options.SkipSignatureCheck ? (token, parameters) => new JsonWebToken(token) : null|},
            };
        }
        """,
        """
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class GatewayOptions { public bool SkipSignatureCheck { get; set; } }

        public static class GatewayParameters
        {
            public static TokenValidationParameters Build(GatewayOptions options) => new()
            {
                ValidIssuer = "https://login.contoso.example",
            };
        }
        """,
        Expected(0, "SignatureValidator", Unverified));

    [Fact]
    public Task Silent_when_neither_branch_of_a_conditional_bypasses() => V.AnalyzerAsync(
        """
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public static class GatewayParameters
        {
            public static TokenValidationParameters Build(bool pinned, SecurityKey key) => new()
            {
                ValidIssuer = "https://login.contoso.example",
                IssuerSigningKey = key,
                SignatureValidator = pinned ? null : null,
            };
        }
        """);
}
