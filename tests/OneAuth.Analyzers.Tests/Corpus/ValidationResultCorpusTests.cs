using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>
/// OA0017 and its neighbours on hand-written validation: middleware and services that call
/// <c>JsonWebTokenHandler.ValidateTokenAsync</c>, each unsafe member beside its safe twin, run with every rule.
/// </summary>
public class ValidationResultCorpusTests
{
    [Fact]
    public Task Middleware_that_signs_in_whatever_the_result_says() => VerifyAllRulesAsync(
        """
        using System.Linq;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        namespace Contoso.Webhooks;

        public sealed class PartnerTokenMiddleware
        {
            private readonly RequestDelegate _next;
            private readonly TokenValidationParameters _parameters;
            private readonly JsonWebTokenHandler _handler = new();

            public PartnerTokenMiddleware(RequestDelegate next, TokenValidationParameters parameters)
            {
                _next = next;
                _parameters = parameters;
            }

            public async Task InvokeAsync(HttpContext context)
            {
                string? header = context.Request.Headers.Authorization.FirstOrDefault();
                if (header is null || !header.StartsWith("Bearer "))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                var result = await _handler.ValidateTokenAsync(header["Bearer ".Length..], _parameters);
                context.User = new ClaimsPrincipal({|OA0017:result.ClaimsIdentity|});
                await _next(context);
            }
        }

        public sealed class CheckedPartnerTokenMiddleware
        {
            private readonly RequestDelegate _next;
            private readonly TokenValidationParameters _parameters;
            private readonly JsonWebTokenHandler _handler = new();

            public CheckedPartnerTokenMiddleware(RequestDelegate next, TokenValidationParameters parameters)
            {
                _next = next;
                _parameters = parameters;
            }

            public async Task InvokeAsync(HttpContext context)
            {
                string? header = context.Request.Headers.Authorization.FirstOrDefault();
                var result = header is null ? null : await _handler.ValidateTokenAsync(header["Bearer ".Length..], _parameters);
                if (result is not { IsValid: true })
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                context.User = new ClaimsPrincipal(result.ClaimsIdentity);
                await _next(context);
            }
        }
        """);

    [Fact]
    public Task A_callback_that_validates_and_carries_on() => VerifyAllRulesAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        namespace Contoso.Webhooks;

        public sealed class CallbackEndpoint
        {
            private readonly JsonWebTokenHandler _handler = new();

            public async Task<IResult> ReceiveAsync(string signature, TokenValidationParameters parameters, string body)
            {
                await {|OA0017:_handler.ValidateTokenAsync(signature, parameters)|};
                return Results.Accepted(value: body);
            }

            public async Task<IResult> ReceiveCheckedAsync(string signature, TokenValidationParameters parameters, string body)
            {
                TokenValidationResult result = await _handler.ValidateTokenAsync(signature, parameters).ConfigureAwait(false);
                if (!result.IsValid)
                    return Results.Unauthorized();
                return Results.Accepted(value: body);
            }
        }
        """);
}
