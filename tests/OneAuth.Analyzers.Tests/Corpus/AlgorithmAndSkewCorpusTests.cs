using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using static OneAuth.Analyzers.Tests.Infrastructure.CorpusVerifier;

namespace OneAuth.Analyzers.Tests.Corpus;

/// <summary>OA0008 (algorithm policy) and OA0009 (clock skew) over realistic configuration code.</summary>
public class AlgorithmAndSkewCorpusTests
{
    [Fact]
    public Task Algorithm_lists_in_arrays_collection_expressions_constants_and_Add_calls() => VerifyAsync(
        """
        using System.Collections.Generic;
        using System.Security.Cryptography;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        public static class Algorithms
        {
            public static void Add(IServiceCollection services, RSA rsa)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.TokenValidationParameters = {|OA0023:new()|}
                    {
                        IssuerSigningKey = new RsaSecurityKey(rsa),
                        ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256, {|OA0008:SecurityAlgorithms.HmacSha256|} },
                    };
                });
                services.AddAuthentication().AddJwtBearer("oidc", o =>
                {
                    o.Authority = "https://auth.example.com";
                    o.TokenValidationParameters.ValidAlgorithms = ["RS256", {|OA0008:"HS256"|}];
                });
            }

            public static TokenValidationParameters None() => new()
            {
                ValidAlgorithms = new[] { {|OA0008:"none"|}, "RS256" },
            };

            public static TokenValidationParameters Built()
            {
                var algorithms = new List<string> { "RS256" };
                algorithms.Add("None");
                var p = new TokenValidationParameters();
                {|OA0008:p.ValidAlgorithms = algorithms|};
                return p;
            }
        }
        """);

    [Fact]
    public Task Quiet_for_pinned_asymmetric_and_for_symmetric_keys_with_HMAC() => VerifyAsync(
        """
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;

        public static class Pinned
        {
            public static TokenValidationParameters Rsa(RSA rsa) => new()
            {
                IssuerSigningKey = new RsaSecurityKey(rsa),
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256],
            };

            public static TokenValidationParameters Hmac(IConfiguration configuration) => new()
            {
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!)),
                ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
            };

            public static TokenValidationParameters FromConfiguration(IConfiguration configuration) => new()
            {
                ValidAlgorithms = configuration.GetSection("Jwt:Algorithms").Get<string[]>(),
            };
        }
        """);

    [Fact]
    public Task Clock_skew_in_every_spelling() => VerifyAsync(
        """
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;

        public static class Skew
        {
            private static readonly TimeSpan Generous = TimeSpan.FromMinutes(10);

            public static void Add(IServiceCollection services, IHostEnvironment env)
            {
                services.AddAuthentication().AddJwtBearer(o =>
                {
                    o.TokenValidationParameters = {|OA0023:new()|}
                    {
                        {|OA0009:ClockSkew = TimeSpan.FromHours(1)|},
                    };
                    {|OA0009:o.TokenValidationParameters.ClockSkew = Generous|};
                    {|OA0009:o.TokenValidationParameters.ClockSkew = new TimeSpan(0, 30, 0)|};
                    {|OA0009:o.TokenValidationParameters.ClockSkew = TimeSpan.MaxValue|};
                    {|#0:o.TokenValidationParameters.ClockSkew = env.IsDevelopment() ? TimeSpan.FromDays(1) : TimeSpan.FromSeconds(30)|};
                });
            }

            public static TokenValidationParameters Fine() => new()
            {
                ClockSkew = TimeSpan.FromSeconds(30),
            };

            public static TokenValidationParameters AlsoFine() => new()
            {
                ClockSkew = TimeSpan.FromMinutes(5),
            };

            public static TokenValidationParameters Zero() => new()
            {
                ClockSkew = TimeSpan.Zero,
            };

            public static TokenValidationParameters Configured(int seconds) => new()
            {
                ClockSkew = TimeSpan.FromSeconds(seconds),
            };
        }
        """,
        Info("OA0009", 0));
}
