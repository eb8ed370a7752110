using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// Code that handles tokens for a living turns library checks off for reasons of its own: a framework whose
/// handlers compare the claims later, tokens that carry no audience, issuer or expiry by protocol (DPoP proofs,
/// signed license documents), an identity server validating what it issued itself. Each case has a twin that
/// turns the same switch off without the reason, and is reported.
/// </summary>
public class ProtocolTokenCorpusTests
{
    private const string FrameworkOptionsSetup = """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Options;

        namespace Contoso.Gateway.Validation;

        /// <summary>The library checks are off: the validation pipeline compares aud and exp itself.</summary>
        public sealed class GatewayBearerOptionsSetup : IConfigureNamedOptions<JwtBearerOptions>
        {
            public void Configure(string? name, JwtBearerOptions options) => Configure(options);

            public void Configure(JwtBearerOptions options)
            {
                options.TokenValidationParameters.ValidateAudience = false;
                options.TokenValidationParameters.ValidateLifetime = false;
                {|OA0002:options.TokenValidationParameters.ValidateIssuer = false|};
            }
        }
        """;

    private const string FrameworkClaimHandler = """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;

        namespace Contoso.Gateway.Validation;

        public sealed class AudienceAndLifetimeHandler
        {
            private readonly HashSet<string> _audiences;
            private readonly TimeProvider _clock;

            public AudienceAndLifetimeHandler(IEnumerable<string> audiences, TimeProvider clock)
            {
                _audiences = new HashSet<string>(audiences, StringComparer.Ordinal);
                _clock = clock;
            }

            public bool Validate(ClaimsPrincipal principal)
            {
                var audiences = principal.FindAll(JwtRegisteredClaimNames.Aud).Select(c => c.Value);
                if (!audiences.Any(_audiences.Contains))
                    return false;

                string? exp = principal.FindFirst("exp")?.Value;
                return exp is not null && DateTimeOffset.FromUnixTimeSeconds(long.Parse(exp)) > _clock.GetUtcNow();
            }
        }
        """;

    [Fact]
    public Task A_framework_that_compares_aud_and_exp_itself_may_turn_those_library_checks_off()
        => VerifyWithFileAsync(FrameworkOptionsSetup, "AudienceAndLifetimeHandler.cs", FrameworkClaimHandler);

    [Fact]
    public Task The_same_switches_without_the_comparisons_are_reported() => VerifyWithFileAsync(
        FrameworkOptionsSetup
            .Replace("options.TokenValidationParameters.ValidateAudience = false;", "{|OA0001:options.TokenValidationParameters.ValidateAudience = false|};", StringComparison.Ordinal)
            .Replace("options.TokenValidationParameters.ValidateLifetime = false;", "{|OA0003:options.TokenValidationParameters.ValidateLifetime = false|};", StringComparison.Ordinal),
        "ClaimWriter.cs",
        """
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;

        namespace Contoso.Gateway.Validation;

        /// <summary>Writes aud and exp, filters by claim type, compares nothing.</summary>
        public static class ClaimWriter
        {
            public static List<Claim> Write(string audience, long expires) => new()
            {
                new Claim(JwtRegisteredClaimNames.Aud, audience),
                new Claim("exp", expires.ToString()),
            };

            public static IEnumerable<Claim> Audiences(ClaimsPrincipal principal) => principal.Claims.Where(c => c.Type == "aud");

            public static bool IsExponent(string op) => op == "exp";
        }
        """);

    [Fact]
    public Task A_DPoP_proof_validator_checks_htm_htu_iat_and_jti_instead_of_aud_iss_exp() => VerifyAsync(
        """
        using System;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        namespace Contoso.Identity.DPoP;

        public sealed class ProofValidator
        {
            private const string ProofType = "dpop+jwt";
            private readonly JsonWebTokenHandler _handler = new();

            public async Task<bool> ValidateAsync(string proof, JsonWebKey key, string method, Uri uri, TimeProvider clock)
            {
                var parameters = new TokenValidationParameters
                {
                    ValidateAudience = false,
                    ValidateIssuer = false,
                    ValidateLifetime = false,
                    ValidTypes = new[] { ProofType },
                    IssuerSigningKey = key,
                    ValidAlgorithms = new[] { SecurityAlgorithms.EcdsaSha256 },
                };
                var result = await _handler.ValidateTokenAsync(proof, parameters);
                if (!result.IsValid)
                    return false;

                var token = (JsonWebToken)result.SecurityToken;
                return token.GetPayloadValue<string>("htm") == method
                    && token.GetPayloadValue<string>("htu") == uri.GetLeftPart(UriPartial.Path)
                    && Math.Abs(token.GetPayloadValue<long>("iat") - clock.GetUtcNow().ToUnixTimeSeconds()) <= 60
                    && !string.IsNullOrEmpty(token.GetPayloadValue<string>("jti"));
            }
        }
        """);

    [Fact]
    public Task A_DPoP_bound_access_token_still_carries_an_audience() => VerifyAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;

        namespace Contoso.Api;

        public static class DPoPBoundAccessTokens
        {
            public static void Configure(JwtBearerOptions options)
            {
                options.Authority = "https://login.contoso.example";
                {|OA0001:options.TokenValidationParameters.ValidateAudience = false|};
            }
        }
        """);

    [Fact]
    public Task A_signed_license_document_has_its_own_expiry_logic() => VerifyAsync(
        """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using System.Security.Cryptography.X509Certificates;
        using Microsoft.IdentityModel.Tokens;

        namespace Contoso.Licensing;

        public sealed class LicenseFileVerifier
        {
            private readonly X509Certificate2 _publisher;

            public LicenseFileVerifier(X509Certificate2 publisher) => _publisher = publisher;

            public ClaimsPrincipal Verify(string licenseJwt)
            {
                var parameters = new TokenValidationParameters
                {
                    IssuerSigningKey = new X509SecurityKey(_publisher),
                    ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                    ValidateIssuer = false,
                    ValidateAudience = false,
                    ValidateLifetime = false,
                    RequireExpirationTime = false,
                    {|OA0005:RequireSignedTokens = false|},
                };
                return new JwtSecurityTokenHandler().ValidateToken(licenseJwt, parameters, out _);
            }
        }
        """);

    [Fact]
    public Task The_same_parameters_in_a_session_service_are_reported() => VerifyAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using System.Security.Cryptography.X509Certificates;
        using Microsoft.IdentityModel.Tokens;

        namespace Contoso.Sessions;

        public sealed class SessionTokenReader
        {
            private readonly X509Certificate2 _publisher;

            public SessionTokenReader(X509Certificate2 publisher) => _publisher = publisher;

            public ClaimsPrincipal Read(string jwt)
            {
                var parameters = new TokenValidationParameters
                {
                    IssuerSigningKey = new X509SecurityKey(_publisher),
                    ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                    {|OA0002:ValidateIssuer = false|},
                    {|OA0001:ValidateAudience = false|},
                    {|OA0003:ValidateLifetime = false|},
                };
                return new JwtSecurityTokenHandler().ValidateToken(jwt, parameters, out _);
            }
        }
        """);

    private const string IdentityServerValidator = """
        using System.Collections.Generic;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        namespace Contoso.IdentityServer.Validation;

        public sealed class IssuedTokenValidator
        {
            private readonly JsonWebTokenHandler _handler = new();
            private readonly string _issuerUri;
            private readonly IEnumerable<SecurityKey> _keys;

            public IssuedTokenValidator(string issuerUri, IEnumerable<SecurityKey> keys)
            {
                _issuerUri = issuerUri;
                _keys = keys;
            }

            public async Task<ClaimsIdentity?> ValidateJwtAsync(string jwt, string? audience)
            {
                var parameters = new TokenValidationParameters
                {
                    ValidIssuer = _issuerUri,
                    IssuerSigningKeys = _keys,
                    ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                };

                if (!string.IsNullOrEmpty(audience))
                {
                    parameters.ValidAudience = audience;
                }
                else
                {
                    // No audience requested: the token was issued here, signed with our own keys.
                    parameters.ValidateAudience = false;
                }

                var result = await _handler.ValidateTokenAsync(jwt, parameters);
                return result.IsValid ? result.ClaimsIdentity : null;
            }
        }
        """;

    [Fact]
    public Task An_identity_server_validating_its_own_tokens_without_a_requested_audience() => VerifyWithFileAsync(
        IdentityServerValidator,
        "TokenCreationService.cs",
        """
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        namespace Contoso.IdentityServer.Services;

        public sealed class TokenCreationService
        {
            private readonly JsonWebTokenHandler _handler = new();

            public string Create(SecurityTokenDescriptor descriptor) => _handler.CreateToken(descriptor);
        }
        """);

    [Fact]
    public Task A_service_that_mints_nothing_and_drops_the_audience_when_none_is_passed_is_reported() => VerifyAsync(
        IdentityServerValidator.Replace(
            "parameters.ValidateAudience = false;",
            "{|OA0001:parameters.ValidateAudience = false|};",
            StringComparison.Ordinal));
}
