using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.AlwaysTrueValidatorAnalyzer,
    OneAuth.Analyzers.CodeFixes.AlwaysTrueValidatorCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AlwaysTrueValidatorTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string property, string verdict = "always succeeds")
        => V.Diagnostic().WithLocation(location).WithArguments(property, verdict);

    [Fact]
    public Task Reports_and_removes_issuer_validators_that_return_a_value_read_from_their_arguments() => V.CodeFixAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.IssuerValidator = (issuer, token, parameters) => parameters.ValidIssuer|};
                {|#1:p.IssuerValidator = (issuer, token, parameters) => token.Issuer|};
                p.IssuerValidator = (issuer, token, parameters) => parameters.ValidIssuers == null ? issuer : throw new SecurityTokenInvalidIssuerException("x");
            }
        }
        """,
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.IssuerValidator = (issuer, token, parameters) => parameters.ValidIssuers == null ? issuer : throw new SecurityTokenInvalidIssuerException("x");
            }
        }
        """,
        Expected(0, "IssuerValidator"),
        Expected(1, "IssuerValidator"));

    [Fact]
    public Task Reports_and_removes_lambdas_in_statements() => V.CodeFixAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.AudienceValidator = (audiences, token, parameters) => true|};
                {|#1:p.IssuerValidator = (issuer, token, parameters) => issuer|};
                {|#2:p.LifetimeValidator = (notBefore, expires, token, parameters) => { return true; }|};
                {|#3:p.IssuerSigningKeyValidator = (key, token, parameters) => true|};
                {|#4:p.TypeValidator = (type, token, parameters) => type|};
                {|#5:p.AlgorithmValidator = (alg, key, token, parameters) => true|};
                p.ValidIssuer = "https://auth.example.com";
            }
        }
        """,
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.ValidIssuer = "https://auth.example.com";
            }
        }
        """,
        Expected(0, "AudienceValidator"), Expected(1, "IssuerValidator"), Expected(2, "LifetimeValidator"),
        Expected(3, "IssuerSigningKeyValidator"), Expected(4, "TypeValidator"), Expected(5, "AlgorithmValidator"));

    [Fact]
    public Task Reports_and_removes_a_member_of_an_object_initializer() => V.CodeFixAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M() => new TokenValidationParameters
            {
                ValidIssuer = "https://auth.example.com",
                {|#0:AudienceValidator = delegate { return true; }|},
            };
        }
        """,
        """
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            TokenValidationParameters M() => new TokenValidationParameters
            {
                ValidIssuer = "https://auth.example.com",
            };
        }
        """,
        Expected(0, "AudienceValidator"));

    [Fact]
    public Task Reports_method_groups_local_functions_and_delegates_kept_in_locals_and_fields() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static readonly AudienceValidator AnyAudience = (a, t, p) => true;
            static bool AcceptKey(SecurityKey key, SecurityToken token, TokenValidationParameters p) => true;
            bool AcceptAlgorithm(string alg, SecurityKey key, SecurityToken token, TokenValidationParameters p)
            {
                return true;
            }

            void M(TokenValidationParameters p, ILogger logger)
            {
                IssuerValidator anyIssuer = delegate (string issuer, SecurityToken token, TokenValidationParameters q)
                {
                    logger.LogInformation("issuer {Issuer}", issuer);
                    return issuer;
                };
                {|#0:p.AudienceValidator = AnyAudience|};
                {|#1:p.IssuerSigningKeyValidator = AcceptKey|};
                {|#2:p.AlgorithmValidator = new AlgorithmValidator(AcceptAlgorithm)|};
                {|#3:p.IssuerValidator = anyIssuer|};
                {|#4:p.LifetimeValidator = Lifetime|};
                {|#5:p.TypeValidator = (type, token, q) => "JWT"|};

                bool Lifetime(System.DateTime? nb, System.DateTime? exp, SecurityToken token, TokenValidationParameters q)
                {
                    if (exp is null)
                        return true;
                    return !false;
                }
            }
        }
        """,
        Expected(0, "AudienceValidator"), Expected(1, "IssuerSigningKeyValidator"), Expected(2, "AlgorithmValidator"),
        Expected(3, "IssuerValidator"), Expected(4, "LifetimeValidator"), Expected(5, "TypeValidator"));

    [Fact]
    public Task Reports_through_JwtBearerOptions_without_a_fix_for_an_expression_lambda() => V.NoCodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o => {|#0:o.TokenValidationParameters.IssuerSigningKeyValidator = (k, t, p) => true|});
                services.PostConfigure<JwtBearerOptions>(o => {|#1:o.TokenValidationParameters.AudienceValidator = (a, t, p) => true|});
            }
        }
        """,
        Expected(0, "IssuerSigningKeyValidator"), Expected(1, "AudienceValidator"));

    [Fact]
    public Task Environment_dependent_validator_is_reported_as_info() => V.CodeFixAsync(
        """
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IHostEnvironment env)
            {
                {|#0:p.LifetimeValidator = env.IsDevelopment() ? (nb, exp, t, q) => true : null|};
            }
        }
        """,
        """
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IHostEnvironment env)
            {
            }
        }
        """,
        Expected(0, "LifetimeValidator", "always succeeds in some environments").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Reports_validators_whose_string_test_only_decides_whether_to_log() => V.AnalyzerAsync(
        """
        using System;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, ILogger logger)
            {
                {|#0:p.IssuerValidator = (issuer, token, q) =>
                {
                    if (!issuer.StartsWith("https://sts.windows.net/", StringComparison.Ordinal))
                        logger.LogWarning("Unexpected issuer {Issuer}", issuer);
                    return issuer;
                }|};
                {|#1:p.TypeValidator = (type, token, q) =>
                {
                    if (string.IsNullOrEmpty(type))
                        Console.WriteLine("no typ header");
                    return type;
                }|};
            }
        }
        """,
        Expected(0, "IssuerValidator"),
        Expected(1, "TypeValidator"));

    [Fact]
    public Task Silent_when_a_string_test_decides_a_rejection() => V.AnalyzerAsync(
        """
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.IssuerValidator = (issuer, token, q) =>
                {
                    if (!issuer.StartsWith("https://sts.windows.net/", StringComparison.Ordinal))
                        throw new SecurityTokenInvalidIssuerException("Unexpected issuer.");
                    return issuer;
                };
                p.AudienceValidator = (audiences, token, q) =>
                {
                    foreach (string audience in audiences)
                        if (string.Equals(audience, "api://billing", StringComparison.Ordinal))
                            return true;
                    return false;
                };
                p.IssuerValidator = (issuer, token, q) => issuer.StartsWith("https://sts.windows.net/", StringComparison.Ordinal) ? issuer : null;
            }
        }
        """);

    [Fact]
    public Task Reports_issuer_validators_that_return_the_issuer_of_a_cast_token() => V.AnalyzerAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.IssuerValidator = (issuer, securityToken, _) => ((JwtSecurityToken)securityToken).Issuer|};
                {|#1:p.IssuerValidator = (issuer, securityToken, _) => (securityToken as JsonWebToken)!.Issuer|};
            }
        }
        """,
        Expected(0, "IssuerValidator"),
        Expected(1, "IssuerValidator"));

    [Fact]
    public Task Silent_for_issuer_validators_that_compare_a_cast_token_or_throw_on_a_mismatch() => V.AnalyzerAsync(
        """
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.IssuerValidator = (issuer, securityToken, q) => ((JwtSecurityToken)securityToken).Issuer == q.ValidIssuer ? issuer : throw new SecurityTokenInvalidIssuerException();
                p.IssuerValidator = (issuer, token, q) => (issuer == q.ValidIssuer ? issuer : null) ?? throw new SecurityTokenInvalidIssuerException();
                p.IssuerValidator = (issuer, securityToken, q) => ((JwtSecurityToken)securityToken).Claims.ToString() ?? throw new SecurityTokenInvalidIssuerException();
            }
        }
        """);

    [Fact]
    public Task Silent_for_validators_that_really_check() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static readonly string[] Issuers = { "https://auth.example.com" };
            static void Check(string issuer) { if (!Issuers.Contains(issuer)) throw new SecurityTokenInvalidIssuerException(); }
            void M(TokenValidationParameters p, AudienceValidator fromCaller, bool flag)
            {
                p.AudienceValidator = (audiences, token, q) => audiences.Contains("billing-api");
                p.IssuerValidator = (issuer, token, q) => Issuers.Contains(issuer) ? issuer : throw new SecurityTokenInvalidIssuerException();
                p.IssuerValidator = (issuer, token, q) => { Check(issuer); return issuer; };
                p.TypeValidator = (type, token, q) => { if (type != "at+jwt") throw new SecurityTokenInvalidTypeException(); return type; };
                p.LifetimeValidator = (nb, exp, token, q) => exp > DateTime.UtcNow;
                p.AlgorithmValidator = (alg, key, token, q) => { if (alg == "RS256") return true; return false; };
                p.IssuerSigningKeyValidator = (key, token, q) => flag;
                p.TypeValidator = (type, token, q) => null;
                p.IssuerValidator = (issuer, token, q) => { issuer = Normalize(issuer); return issuer; };
                p.AudienceValidator = fromCaller;
                p.AudienceValidator = flag ? (a, t, q) => true : null;
            }
            static string Normalize(string s) => s.Trim();
        }
        """);

    [Fact]
    public Task Reports_validators_whose_only_throw_rejects_a_missing_value() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.IssuerValidator = (issuer, token, parameters) => issuer ?? throw new SecurityTokenInvalidIssuerException("missing issuer")|};
                {|#1:p.IssuerValidator = (issuer, token, parameters) => { if (issuer is null) throw new SecurityTokenInvalidIssuerException("x"); return issuer; }|};
                {|#2:p.IssuerValidator = (issuer, token, parameters) => { if (issuer == null) { throw new SecurityTokenInvalidIssuerException("x"); } return issuer; }|};
                {|#3:p.IssuerValidator = (issuer, token, parameters) => { ArgumentNullException.ThrowIfNull(issuer); return issuer; }|};
                {|#4:p.IssuerValidator = (issuer, token, parameters) => { if (string.IsNullOrEmpty(issuer)) throw new SecurityTokenInvalidIssuerException("x"); return issuer; }|};
                {|#5:p.IssuerValidator = (issuer, token, parameters) => !string.IsNullOrWhiteSpace(issuer) ? issuer : throw new SecurityTokenInvalidIssuerException("x")|};
                {|#6:p.TypeValidator = (type, token, parameters) => { if (type == null || type.Length == 0) throw new SecurityTokenInvalidTypeException("x"); return type; }|};
                {|#7:p.AudienceValidator = (audiences, token, parameters) => { if (audiences == null || !audiences.Any()) throw new SecurityTokenInvalidAudienceException("x"); return true; }|};
                {|#8:p.AudienceValidator = (audiences, token, parameters) => { ArgumentNullException.ThrowIfNull(audiences); return true; }|};
            }
        }
        """,
        Expected(0, "IssuerValidator"), Expected(1, "IssuerValidator"), Expected(2, "IssuerValidator"),
        Expected(3, "IssuerValidator"), Expected(4, "IssuerValidator"), Expected(5, "IssuerValidator"),
        Expected(6, "TypeValidator"), Expected(7, "AudienceValidator"), Expected(8, "AudienceValidator"));

    [Fact]
    public Task Silent_when_a_throw_rejects_more_than_a_missing_value() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static readonly HashSet<string> Issuers = new() { "https://a.example.com" };
            static readonly Dictionary<string, string> Known = new();
            void M(TokenValidationParameters p)
            {
                p.IssuerValidator = (issuer, token, parameters) => { if (issuer is null || !Issuers.Contains(issuer)) throw new SecurityTokenInvalidIssuerException("x"); return issuer; };
                p.IssuerValidator = (issuer, token, parameters) => { if (issuer == null) throw new ArgumentNullException(nameof(issuer)); if (!Known.ContainsKey(issuer)) throw new SecurityTokenInvalidIssuerException("x"); return issuer; };
                p.IssuerValidator = (issuer, token, parameters) => issuer != "https://a.example.com" ? throw new SecurityTokenInvalidIssuerException("x") : issuer;
                p.IssuerValidator = (issuer, token, parameters) => { if (token == null) throw new SecurityTokenInvalidIssuerException("x"); return issuer; };
                p.IssuerValidator = (issuer, token, parameters) => { if (issuer != null) throw new SecurityTokenInvalidIssuerException("x"); return issuer; };
                p.AudienceValidator = (audiences, token, parameters) => { if (audiences == null || !audiences.Contains("api")) throw new SecurityTokenInvalidAudienceException("x"); return true; };
                p.AudienceValidator = (audiences, token, parameters) => { ArgumentNullException.ThrowIfNull(audiences); return audiences.Contains("api"); };
                p.LifetimeValidator = (notBefore, expires, token, parameters) => { if (expires == null) throw new SecurityTokenNoExpirationException("x"); return true; };
            }
        }
        """);

    [Fact]
    public Task Reports_validators_whose_only_false_or_null_rejects_a_missing_value() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.AudienceValidator = (audiences, token, parameters) => { if (audiences == null) return false; return true; }|};
                {|#1:p.AudienceValidator = (audiences, token, parameters) => { if (!audiences.Any()) return false; return true; }|};
                {|#2:p.AudienceValidator = (audiences, token, parameters) => { if (audiences is null || !audiences.Any()) { return false; } return true; }|};
                {|#3:p.AudienceValidator = (audiences, token, parameters) => audiences != null && audiences.Any()|};
                {|#4:p.AudienceValidator = (audiences, token, parameters) => audiences == null ? false : true|};
                {|#5:p.IssuerValidator = (issuer, token, parameters) => { if (issuer is null) return null; return issuer; }|};
                {|#6:p.IssuerValidator = (issuer, token, parameters) => string.IsNullOrEmpty(issuer) ? null : issuer|};
                {|#7:p.TypeValidator = (type, token, parameters) => type is not null ? type : null|};
                {|#8:p.IssuerSigningKeyValidator = (key, token, parameters) => { if (key == null) return false; return true; }|};
                {|#9:p.AlgorithmValidator = (algorithm, key, token, parameters) => !string.IsNullOrWhiteSpace(algorithm)|};
            }
        }
        """,
        Expected(0, "AudienceValidator"), Expected(1, "AudienceValidator"), Expected(2, "AudienceValidator"),
        Expected(3, "AudienceValidator"), Expected(4, "AudienceValidator"), Expected(5, "IssuerValidator"),
        Expected(6, "IssuerValidator"), Expected(7, "TypeValidator"), Expected(8, "IssuerSigningKeyValidator"),
        Expected(9, "AlgorithmValidator"));

    [Fact]
    public Task Silent_when_a_false_or_null_rejects_more_than_a_missing_value() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static readonly HashSet<string> Issuers = new() { "https://a.example.com" };
            void M(TokenValidationParameters p)
            {
                p.AudienceValidator = (audiences, token, parameters) => { if (audiences == null || !audiences.Contains("api")) return false; return true; };
                p.AudienceValidator = (audiences, token, parameters) => { if (token == null) return false; return true; };
                p.AudienceValidator = (audiences, token, parameters) => { if (audiences != null) return false; return true; };
                p.AudienceValidator = (audiences, token, parameters) => audiences != null && audiences.Contains("api");
                p.AudienceValidator = (audiences, token, parameters) => audiences.Any(a => a == "api");
                p.AudienceValidator = (audiences, token, parameters) => !audiences.Any();
                p.AudienceValidator = (audiences, token, parameters) => { audiences = new[] { "api" }; if (audiences == null) return false; return true; };
                p.IssuerValidator = (issuer, token, parameters) => issuer.StartsWith("https://a.", StringComparison.Ordinal) ? issuer : null;
                p.IssuerValidator = (issuer, token, parameters) => { if (issuer is null) return null; return Issuers.Contains(issuer) ? issuer : null; };
                p.IssuerValidator = (issuer, token, parameters) => string.IsNullOrEmpty(issuer) ? issuer : null;
                p.IssuerSigningKeyValidator = (key, token, parameters) => key != null && key.KeyId == "k1";
                p.LifetimeValidator = (notBefore, expires, token, parameters) => { if (expires == null) return false; return true; };
                p.LifetimeValidator = (notBefore, expires, token, parameters) => expires != null;
            }
        }
        """);

    [Fact]
    public Task Reports_validators_whose_false_or_null_follows_an_accept_taken_whenever_the_value_is_present() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.AudienceValidator = (audiences, token, parameters) => { if (audiences != null) return true; return false; }|};
                {|#1:p.AudienceValidator = (audiences, token, parameters) => { if (audiences is not null) { return true; } return false; }|};
                {|#2:p.AudienceValidator = (audiences, token, parameters) => { if (audiences != null && audiences.Any()) { Console.WriteLine("ok"); return true; } else { Console.WriteLine("no"); } return false; }|};
                {|#3:p.IssuerValidator = (issuer, token, parameters) => { if (!string.IsNullOrEmpty(issuer)) return issuer; return null; }|};
                {|#4:p.TypeValidator = (type, token, parameters) => { if (type is not null) { return type; } throw new SecurityTokenInvalidTypeException("x"); }|};
                {|#5:p.IssuerSigningKeyValidator = (key, token, parameters) => { if (key != null) { if (key.KeyId == "k1") return true; else return true; } return false; }|};
            }
        }
        """,
        Expected(0, "AudienceValidator"), Expected(1, "AudienceValidator"), Expected(2, "AudienceValidator"),
        Expected(3, "IssuerValidator"), Expected(4, "TypeValidator"), Expected(5, "IssuerSigningKeyValidator"));

    [Fact]
    public Task Silent_when_the_accept_before_a_false_or_null_looks_at_the_value() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static readonly HashSet<string> Issuers = new() { "https://a.example.com" };
            static readonly Dictionary<string, string> Known = new();
            void M(TokenValidationParameters p, bool flag)
            {
                p.AudienceValidator = (audiences, token, parameters) => { if (audiences != null && audiences.Contains("api")) return true; return false; };
                p.AudienceValidator = (audiences, token, parameters) => { if (audiences == null) return true; return false; };
                p.AudienceValidator = (audiences, token, parameters) => { if (audiences != null) { if (flag) return true; } return false; };
                p.AudienceValidator = (audiences, token, parameters) => { if (audiences != null) { Console.WriteLine("x"); } return false; };
                p.AudienceValidator = (audiences, token, parameters) => { if (token != null) return true; return false; };
                p.AudienceValidator = (audiences, token, parameters) => { if (flag) goto reject; if (audiences != null) return true; reject: return false; };
                p.IssuerValidator = (issuer, token, parameters) => { if (issuer != null && issuer.StartsWith("https://a.", StringComparison.Ordinal)) return issuer; return null; };
                p.IssuerValidator = (issuer, token, parameters) => { if (issuer == parameters.ValidIssuer) return issuer; return null; };
                p.IssuerValidator = (issuer, token, parameters) => { if (issuer != null && Known.ContainsKey(issuer)) return issuer; return null; };
                p.IssuerValidator = (issuer, token, parameters) => { if (Issuers.Contains(issuer)) return issuer; return null; };
                p.LifetimeValidator = (notBefore, expires, token, parameters) => { if (expires != null) return true; return false; };
            }
        }
        """);

    [Fact]
    public Task Reports_audience_validators_that_only_ask_through_a_null_conditional_whether_there_is_an_audience() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.AudienceValidator = (audiences, token, parameters) => audiences?.Any() == true|};
                {|#1:p.AudienceValidator = (audiences, token, parameters) => audiences?.Any() ?? false|};
                {|#2:p.AudienceValidator = (audiences, token, parameters) => audiences?.Count() > 0|};
                {|#3:p.AudienceValidator = (audiences, token, parameters) => { return audiences?.Count() >= 1; }|};
                {|#4:p.AudienceValidator = (audiences, token, parameters) => { if (audiences?.Any() != true) return false; return true; }|};
                {|#5:p.AudienceValidator = (audiences, token, parameters) => 0 < audiences?.Count()|};
                {|#6:p.AudienceValidator = (audiences, token, parameters) => { if (audiences?.Count() == 0) throw new SecurityTokenInvalidAudienceException("x"); return true; }|};
                {|#7:p.AudienceValidator = (audiences, token, parameters) => audiences != null && audiences.Count() != 0|};
                {|#8:p.AudienceValidator = (audiences, token, parameters) => audiences?.Any() ?? true|};
                {|#9:p.AudienceValidator = (audiences, token, parameters) => { if (audiences?.Any() == true) return true; return false; }|};
            }
        }
        """,
        Expected(0, "AudienceValidator"), Expected(1, "AudienceValidator"), Expected(2, "AudienceValidator"),
        Expected(3, "AudienceValidator"), Expected(4, "AudienceValidator"), Expected(5, "AudienceValidator"),
        Expected(6, "AudienceValidator"), Expected(7, "AudienceValidator"), Expected(8, "AudienceValidator"),
        Expected(9, "AudienceValidator"));

    [Fact]
    public Task Silent_when_a_null_conditional_looks_at_the_audiences_themselves() => V.AnalyzerAsync(
        """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            static readonly HashSet<string> Known = new() { "api" };
            void M(TokenValidationParameters p)
            {
                p.AudienceValidator = (audiences, token, parameters) => audiences?.Contains("api") == true;
                p.AudienceValidator = (audiences, token, parameters) => audiences?.Any(a => a == "api") ?? false;
                p.AudienceValidator = (audiences, token, parameters) => audiences?.Any(Known.Contains) == true;
                p.AudienceValidator = (audiences, token, parameters) => audiences?.Count() > 1;
                p.AudienceValidator = (audiences, token, parameters) => audiences?.Count() == 1;
                p.AudienceValidator = (audiences, token, parameters) => audiences?.Any() == false;
                p.AudienceValidator = (audiences, token, parameters) => audiences?.Count() < 1;
                p.AudienceValidator = (audiences, token, parameters) => { if (audiences?.Contains("api") == true) return true; return false; };
                p.AudienceValidator = (audiences, token, parameters) => audiences?.Intersect(parameters.ValidAudiences).Any() == true;
                p.AudienceValidator = (audiences, token, parameters) => audiences?.FirstOrDefault()?.StartsWith("https://api.", StringComparison.Ordinal) == true;
                p.AudienceValidator = (audiences, token, parameters) => token?.Issuer?.Length > 0;
                p.LifetimeValidator = (notBefore, expires, token, parameters) => expires?.Ticks > 0;
            }
        }
        """);

    [Fact]
    public Task Silent_for_an_unrelated_type_with_the_same_property() => V.AnalyzerAsync(
        """
        using System;
        class MyOptions { public Func<string, bool>? AudienceValidator { get; set; } }
        class C { void M(MyOptions o) { o.AudienceValidator = a => true; } }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        using System;
        class TokenValidationParameters { public Func<string, bool>? AudienceValidator { get; set; } }
        class C { void M(TokenValidationParameters o) { o.AudienceValidator = a => true; } }
        """,
        Refs.Framework);

    [Fact]
    public Task Silent_in_test_projects_by_default() => V.AnalyzerAsync(
        """
        using Microsoft.IdentityModel.Tokens;
        class C { void M(TokenValidationParameters p) { p.AudienceValidator = (a, t, q) => true; } }
        """,
        Refs.OneAuth.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)));

    [Fact]
    public Task Reports_a_lambda_that_calls_a_same_file_helper_returning_true_on_every_path() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.Tokens;

        public sealed class PartnerTokenOptions
        {
            private readonly ILogger _logger;

            public PartnerTokenOptions(ILogger logger) => _logger = logger;

            public TokenValidationParameters Build() => new()
            {
                ValidIssuer = "https://partners.contoso.example",
                {|#0:AudienceValidator = (audiences, token, parameters) => AcceptPartnerAudience(audiences, token)|},
                {|#1:LifetimeValidator = (notBefore, expires, token, parameters) => LogAndAccept(expires)|},
            };

            private bool AcceptPartnerAudience(IEnumerable<string> audiences, SecurityToken token)
            {
                _logger.LogDebug("Partner token {Id} for {Audiences}", token.Id, audiences);
                return true;
            }

            private static bool LogAndAccept(System.DateTime? expires) => Accept();

            private static bool Accept() => true;
        }
        """,
        Expected(0, "AudienceValidator"),
        Expected(1, "LifetimeValidator"));

    [Fact]
    public Task Silent_when_the_helper_checks_on_some_path_or_can_be_overridden() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.IdentityModel.Tokens;

        public class PartnerTokenOptions
        {
            public TokenValidationParameters Build() => new()
            {
                ValidIssuer = "https://partners.contoso.example",
                AudienceValidator = (audiences, token, parameters) => IsPartnerAudience(audiences),
                LifetimeValidator = (notBefore, expires, token, parameters) => AcceptLifetime(expires),
                TypeValidator = (type, token, parameters) => Check(type) ? type : throw new SecurityTokenInvalidTypeException(),
            };

            private static bool IsPartnerAudience(IEnumerable<string> audiences)
            {
                if (!audiences.Contains("partner-api"))
                    return false;
                return true;
            }

            protected virtual bool AcceptLifetime(System.DateTime? expires) => true;

            private static bool Check(string type) => type == "at+jwt";
        }
        """);
}
