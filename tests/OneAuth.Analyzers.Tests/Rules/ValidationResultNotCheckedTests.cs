using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Rules;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.ValidationResultNotCheckedAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class ValidationResultNotCheckedTests
{
    private const string Read = ValidationResultNotCheckedAnalyzer.ReadUnchecked;
    private const string Never = ValidationResultNotCheckedAnalyzer.NeverChecked;

    [Fact]
    public Task Reports_claims_read_from_a_result_whose_IsValid_is_never_looked_at() => V.AnalyzerAsync(
        """
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class BearerTokenReader
        {
            private readonly JsonWebTokenHandler _handler = new();
            private readonly TokenValidationParameters _parameters;

            public BearerTokenReader(TokenValidationParameters parameters) => _parameters = parameters;

            public async Task<ClaimsPrincipal> ReadAsync(string token)
            {
                var result = await _handler.ValidateTokenAsync(token, _parameters);
                return new ClaimsPrincipal({|#0:result.ClaimsIdentity|});
            }

            public async Task<string?> SubjectAsync(string token)
            {
                TokenValidationResult validation = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
                return {|#1:validation.Claims|}.TryGetValue("sub", out var sub) ? sub as string : null;
            }

            public async Task<string> TokenIdAsync(string token)
                => ({|#2:(await _handler.ValidateTokenAsync(token, _parameters)).SecurityToken|}).Id;
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("result.ClaimsIdentity", Read),
        V.Diagnostic().WithLocation(1).WithArguments("validation.Claims", Read),
        V.Diagnostic().WithLocation(2).WithArguments("(await _handler.ValidateTokenAsync(token, _parameters)).SecurityToken", Read));

    [Fact]
    public Task Reports_a_result_that_is_awaited_and_dropped() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class WebhookGuard
        {
            private readonly JsonWebTokenHandler _handler = new();

            public async Task<IResult> Receive(string token, TokenValidationParameters parameters)
            {
                await {|#0:_handler.ValidateTokenAsync(token, parameters)|};
                return Results.Ok();
            }

            public async Task<IResult> ReceiveDiscarded(string token, TokenValidationParameters parameters)
            {
                _ = await {|#1:_handler.ValidateTokenAsync(token, parameters)|};
                var unused = await {|#2:_handler.ValidateTokenAsync(token, parameters)|};
                return Results.Ok();
            }

            public string Blocking(string token, TokenValidationParameters parameters)
                => {|#3:_handler.ValidateTokenAsync(token, parameters).Result.Issuer|};
        }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("ValidateTokenAsync", Never),
        V.Diagnostic().WithLocation(1).WithArguments("ValidateTokenAsync", Never),
        V.Diagnostic().WithLocation(2).WithArguments("ValidateTokenAsync", Never),
        V.Diagnostic().WithLocation(3).WithArguments("_handler.ValidateTokenAsync(token, parameters).Result.Issuer", Read));

    [Fact]
    public Task Silent_when_IsValid_or_Exception_is_checked_in_any_form() => V.AnalyzerAsync(
        """
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class TokenService
        {
            private readonly JsonWebTokenHandler _handler = new();

            public async Task<ClaimsPrincipal?> Guarded(string token, TokenValidationParameters p)
            {
                var result = await _handler.ValidateTokenAsync(token, p);
                if (!result.IsValid)
                    return null;
                return new ClaimsPrincipal(result.ClaimsIdentity);
            }

            public async Task<ClaimsPrincipal> Throws(string token, TokenValidationParameters p)
            {
                var result = await _handler.ValidateTokenAsync(token, p);
                if (result.Exception is { } failure)
                    throw new SecurityTokenValidationException("Token rejected", failure);
                return new ClaimsPrincipal(result.ClaimsIdentity);
            }

            public async Task<ClaimsPrincipal?> Pattern(string token, TokenValidationParameters p)
                => await _handler.ValidateTokenAsync(token, p) is { IsValid: true } ok ? new ClaimsPrincipal(ok.ClaimsIdentity) : null;

            public async Task<bool> IsAcceptedAsync(string token, TokenValidationParameters p)
                => (await _handler.ValidateTokenAsync(token, p)).IsValid;

            public async Task<ClaimsPrincipal?> Conditional(string token, TokenValidationParameters p)
            {
                var result = await _handler.ValidateTokenAsync(token, p);
                return result?.IsValid == true ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
            }
        }
        """);

    [Fact]
    public Task Silent_when_the_result_leaves_the_member() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public sealed class TokenValidator
        {
            private readonly JsonWebTokenHandler _handler = new();
            private TokenValidationResult? _last;

            public Task<TokenValidationResult> ValidateAsync(string token, TokenValidationParameters p) => _handler.ValidateTokenAsync(token, p);

            public async Task<TokenValidationResult> ReturnAsync(string token, TokenValidationParameters p)
            {
                var result = await _handler.ValidateTokenAsync(token, p);
                return result;
            }

            public async Task KeepAsync(string token, TokenValidationParameters p)
            {
                var result = await _handler.ValidateTokenAsync(token, p);
                Audit(result);
                _last = result;
            }

            private static void Audit(TokenValidationResult result) { }
        }
        """);

    [Fact]
    public Task Silent_for_ValidateToken_which_throws_and_for_unrelated_methods() => V.AnalyzerAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.Tokens;

        public sealed class Legacy
        {
            public ClaimsPrincipal Read(string token, TokenValidationParameters p)
                => new JwtSecurityTokenHandler().ValidateToken(token, p, out _);

            public async Task<string> Other(string token) => (await ValidateTokenAsync(token)).Issuer;

            private static Task<(string Issuer, bool Ok)> ValidateTokenAsync(string token) => Task.FromResult((token, true));
        }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        class Result { public object? ClaimsIdentity { get; set; } }
        class Handler { public Task<Result> ValidateTokenAsync(string t) => Task.FromResult(new Result()); }
        class C { async Task<object?> M(Handler h) => (await h.ValidateTokenAsync("t")).ClaimsIdentity; }
        """,
        Refs.Framework);

    [Fact]
    public Task Silent_in_test_projects_by_default() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C { async Task<object?> M(string t, TokenValidationParameters p) => (await new JsonWebTokenHandler().ValidateTokenAsync(t, p)).ClaimsIdentity; }
        """,
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)));
}
