using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// OA0013 over payloads decoded by hand, in the shapes services and answers use (split on the dots, base64url-decode the
/// second segment, parse the JSON), each beside a safe twin that must stay quiet. Every rule (OA0001-OA0017) runs at
/// once: marked spans must be reported and nothing else may be.
/// </summary>
public class HandDecodedTokenCorpusTests
{
    [Fact]
    public Task Middleware_with_the_classic_base64url_helper_authorizing_on_the_role() => RunAsync(
        """
        using System;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;

        public class AdminAreaMiddleware(RequestDelegate next)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                string header = context.Request.Headers.Authorization.ToString();
                if (context.Request.Path.StartsWithSegments("/admin") && header.StartsWith("Bearer ", StringComparison.Ordinal))
                {
                    string token = header.Substring("Bearer ".Length);
                    string[] parts = token.Split('.');
                    using JsonDocument payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
                    string? role = payload.RootElement.TryGetProperty("role", out JsonElement value) ? value.GetString() : null;
                    if ({|OA0013:role != "admin"|})
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return;
                    }
                }

                await next(context);
            }

            private static string Base64UrlDecode(string input)
            {
                string output = input.Replace('-', '+').Replace('_', '/');
                switch (output.Length % 4)
                {
                    case 0: break;
                    case 2: output += "=="; break;
                    case 3: output += "="; break;
                    default: throw new FormatException("Illegal base64url string.");
                }

                return Encoding.UTF8.GetString(Convert.FromBase64String(output));
            }
        }
        """);

    [Fact]
    public Task Middleware_that_validates_the_token_before_reading_the_role_stays_quiet() => RunAsync(
        """
        using System;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public class AdminAreaMiddleware(RequestDelegate next, TokenValidationParameters parameters)
        {
            private readonly JsonWebTokenHandler _handler = new();

            public async Task InvokeAsync(HttpContext context)
            {
                string token = context.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
                TokenValidationResult result = await _handler.ValidateTokenAsync(token, parameters);
                if (!result.IsValid)
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                using JsonDocument payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]));
                if (payload.RootElement.GetProperty("role").GetString() != "admin")
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task Minimal_api_filter_deserializing_the_payload_into_a_record() => RunAsync(
        """
        using System.Linq;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.IdentityModel.Tokens;

        public sealed record TokenPayload(
            [property: JsonPropertyName("sub")] string Subject,
            [property: JsonPropertyName("scope")] string Scope,
            [property: JsonPropertyName("exp")] long ExpiresAt);

        public sealed class RequireScopeFilter(string scope) : IEndpointFilter
        {
            public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
            {
                string? token = context.HttpContext.Request.Headers.Authorization.ToString().Split(' ').LastOrDefault();
                if (string.IsNullOrEmpty(token))
                    return Results.Unauthorized();

                var payload = JsonSerializer.Deserialize<TokenPayload>(Base64UrlEncoder.DecodeBytes(token.Split('.')[1]));
                if ({|OA0013:payload is null || !payload.Scope.Split(' ').Contains(scope)|})
                    return Results.Forbid();

                return await next(context);
            }
        }
        """);

    [Fact]
    public Task Client_handler_reading_its_own_token_expiry_to_refresh_stays_quiet() => RunAsync(
        """
        using System;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.Tokens;

        public sealed record AccessTokenPayload([property: JsonPropertyName("exp")] long ExpiresAt, [property: JsonPropertyName("sub")] string Subject);

        public interface ITokenSource { Task<string> GetAsync(bool forceRefresh, CancellationToken ct); }

        public sealed class RefreshingHandler(ITokenSource tokens) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
            {
                string token = await tokens.GetAsync(false, ct);
                var payload = JsonSerializer.Deserialize<AccessTokenPayload>(Base64UrlEncoder.Decode(token.Split('.')[1]))!;
                if (DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt) < DateTimeOffset.UtcNow.AddMinutes(1))
                    token = await tokens.GetAsync(true, ct);

                using JsonDocument doc = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]));
                if (doc.RootElement.TryGetProperty("exp", out JsonElement exp) && exp.GetInt64() < DateTimeOffset.UtcNow.ToUnixTimeSeconds())
                    throw new InvalidOperationException("The token source returned an expired token.");

                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await base.SendAsync(request, ct);
            }
        }
        """);

    [Fact]
    public Task Authentication_handler_building_the_principal_from_a_hand_decoded_payload() => RunAsync(
        """
        using System.Collections.Generic;
        using System.Security.Claims;
        using System.Text.Encodings.Web;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.WebUtilities;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Options;

        public class GatewayTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
            : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
        {
            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                string? token = Request.Headers["X-Gateway-Token"];
                if (string.IsNullOrEmpty(token))
                    return Task.FromResult(AuthenticateResult.NoResult());

                var segments = token.Split('.');
                if (segments.Length != 3)
                    return Task.FromResult(AuthenticateResult.Fail("malformed token"));

                var claims = new List<Claim>();
                using var payload = JsonDocument.Parse(WebEncoders.Base64UrlDecode(segments[1]));
                foreach (JsonProperty property in payload.RootElement.EnumerateObject())
                    claims.Add(new Claim(property.Name, property.Value.ToString()));

                var identity = {|OA0013:new ClaimsIdentity(claims, Scheme.Name)|};
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
            }
        }
        """);

    [Fact]
    public Task Authentication_handler_that_peeks_at_the_header_and_validates_stays_quiet() => RunAsync(
        """
        using System.Collections.Generic;
        using System.Security.Claims;
        using System.Text.Encodings.Web;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Options;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public class GatewayTokenHandler(
            IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
            IReadOnlyDictionary<string, TokenValidationParameters> byKeyId)
            : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
        {
            private readonly JsonWebTokenHandler _tokens = new();

            protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                string? token = Request.Headers["X-Gateway-Token"];
                if (string.IsNullOrEmpty(token))
                    return AuthenticateResult.NoResult();

                using var header = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0]));
                string? kid = header.RootElement.GetProperty("kid").GetString();
                if (kid is null || !byKeyId.TryGetValue(kid, out TokenValidationParameters? parameters))
                    return AuthenticateResult.Fail("unknown signing key");

                TokenValidationResult result = await _tokens.ValidateTokenAsync(token, parameters);
                if (!result.IsValid)
                    return AuthenticateResult.Fail(result.Exception);

                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(result.ClaimsIdentity), Scheme.Name));
            }
        }
        """);

    [Fact]
    public Task Internal_caller_shortcut_on_the_authorized_party_of_a_JwtPayload() => RunAsync(
        """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Filters;
        using System.IdentityModel.Tokens.Jwt;

        public sealed class InternalCallerAttribute : ActionFilterAttribute
        {
            public override void OnActionExecuting(ActionExecutingContext context)
            {
                string raw = context.HttpContext.Request.Headers.Authorization.ToString();
                string token = raw.StartsWith("Bearer ") ? raw[7..] : raw;
                JwtPayload payload = JwtPayload.Base64UrlDeserialize(token.Split('.')[1]);
                if ({|OA0013:payload.Azp != "scheduler" && payload.Sub != "svc-billing"|})
                    context.Result = new ForbidResult();
            }
        }
        """);

    [Fact]
    public Task Correlation_logging_of_a_hand_decoded_payload_stays_quiet() => RunAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Logging;

        public sealed class CallerLoggingMiddleware(RequestDelegate next, ILogger<CallerLoggingMiddleware> logger)
        {
            public async Task InvokeAsync(HttpContext context)
            {
                string raw = context.Request.Headers.Authorization.ToString();
                string[] parts = raw.Replace("Bearer ", "").Split('.');
                if (parts.Length == 3)
                {
                    JwtPayload payload = JwtPayload.Base64UrlDeserialize(parts[1]);
                    using (logger.BeginScope("caller {Subject} via {Client}", payload.Sub, payload.Azp))
                    {
                        if (payload.Sub is null)
                            logger.LogDebug("token without a subject");
                        await next(context);
                        return;
                    }
                }

                await next(context);
            }
        }
        """);

    [Fact]
    public Task SignalR_token_from_the_query_decoded_with_Substring_and_JsonNode() => RunAsync(
        """
        using System;
        using System.Linq;
        using System.Text;
        using System.Text.Json.Nodes;
        using Microsoft.AspNetCore.Http;

        public static class HubAccess
        {
            public static bool CanJoinOpsChannel(HttpContext context)
            {
                string token = context.Request.Query["access_token"].ToString();
                int firstDot = token.IndexOf('.');
                int lastDot = token.LastIndexOf('.');
                string segment = token.Substring(firstDot + 1, lastDot - firstDot - 1);
                segment = segment.Replace('-', '+').Replace('_', '/').PadRight(segment.Length + (4 - segment.Length % 4) % 4, '=');
                JsonNode? payload = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(segment)));
                string scopes = payload?["scope"]?.GetValue<string>() ?? "";
                return {|OA0013:scopes.Split(' ').Contains("ops:join")|};
            }

            public static string? KeyIdOf(HttpContext context)
            {
                string token = context.Request.Query["access_token"].ToString();
                string header = token.Substring(0, token.IndexOf('.'));
                JsonNode? parsed = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header.PadRight(header.Length + (4 - header.Length % 4) % 4, '='))));
                return parsed?["kid"]?.GetValue<string>() is { Length: > 0 } kid ? kid : null;
            }
        }
        """);

    [Fact]
    public Task Dictionary_payload_helper_used_by_a_controller_and_a_validated_twin() => RunAsync(
        """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        [ApiController, Route("api/tenants")]
        public class TenantController(TokenValidationParameters parameters) : ControllerBase
        {
            private static Dictionary<string, JsonElement> Claims(string token)
                => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(token.Split('.')[1]))!;

            [HttpDelete("{id}")]
            public IActionResult Delete(string id, [FromHeader(Name = "Authorization")] string authorization)
            {
                var claims = Claims(authorization["Bearer ".Length..]);
                if ({|OA0013:claims["tid"].GetString() != id|})
                    return Forbid();
                return NoContent();
            }

            [HttpPut("{id}")]
            public async Task<IActionResult> Rename(string id, [FromHeader(Name = "Authorization")] string authorization)
            {
                string token = authorization["Bearer ".Length..];
                var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
                if (!result.IsValid)
                    return Unauthorized();
                var claims = Claims(token);
                if (claims["tid"].GetString() != id)
                    return Forbid();
                return NoContent();
            }
        }
        """);

    /// <summary>Every rule at once.</summary>
    private static Task RunAsync(string source) => CorpusVerifier.VerifyAllRulesAsync(source);
}
