using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.CodeFixes;
using OneAuth.Analyzers.Rules;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.TokenLibraryVerify<OneAuth.Analyzers.Rules.UnverifiedTokenDecodedAnalyzer, OneAuth.Analyzers.CodeFixes.UnverifiedTokenDecodedCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class UnverifiedTokenDecodedTests
{
    private const string NeverVerifies = "runs on a JwtBuilder that never calls MustVerifySignature()";
    private const string VerifyFalse = "is called with verify false";
    private const string NoKey = "is given no key, so it only decodes the payload";

    private static DiagnosticResult Builder(int location, string reason = NeverVerifies)
        => V.Diagnostic().WithLocation(location).WithArguments("JwtBuilder.Decode", reason);

    // ---- JwtBuilder ----

    [Fact]
    public Task Reports_builder_chain_without_MustVerifySignature_and_inserts_it() => V.CodeFixAsync(
        """
        using JWT.Builder;
        using JWT.Algorithms;
        class C
        {
            string Read(string token, string secret) => {|#0:new JwtBuilder()
                .WithAlgorithm(new HMACSHA256Algorithm())
                .WithSecret(secret)
                .Decode(token)|};
        }
        """,
        """
        using JWT.Builder;
        using JWT.Algorithms;
        class C
        {
            string Read(string token, string secret) => new JwtBuilder()
                .WithAlgorithm(new HMACSHA256Algorithm())
                .WithSecret(secret).MustVerifySignature()
                .Decode(token);
        }
        """,
        TokenLibraryRefs.JwtNet,
        Builder(0));

    [Fact]
    public Task Reports_generic_decode_and_explicit_switches_off() => V.CodeFixAsync(
        """
        using System.Collections.Generic;
        using JWT.Builder;
        class C
        {
            const bool Verify = false;
            void M(string token, string secret)
            {
                var a = {|#0:new JwtBuilder().WithSecret(secret).Decode<Dictionary<string, object>>(token)|};
                var b = {|#1:new JwtBuilder().WithSecret(secret).DoNotVerifySignature().Decode(token)|};
                var c = {|#2:new JwtBuilder().WithSecret(secret).WithVerifySignature(false).Decode(token)|};
                var d = {|#3:new JwtBuilder().WithSecret(secret).MustVerifySignature().WithVerifySignature(Verify).Decode(token)|};
                var e = {|#4:new JwtBuilder().MustVerifySignature().WithSecret(secret).DoNotVerifySignature().Decode(token)|};
            }
        }
        """,
        """
        using System.Collections.Generic;
        using JWT.Builder;
        class C
        {
            const bool Verify = false;
            void M(string token, string secret)
            {
                var a = new JwtBuilder().WithSecret(secret).MustVerifySignature().Decode<Dictionary<string, object>>(token);
                var b = new JwtBuilder().WithSecret(secret).DoNotVerifySignature().MustVerifySignature().Decode(token);
                var c = new JwtBuilder().WithSecret(secret).WithVerifySignature(false).MustVerifySignature().Decode(token);
                var d = new JwtBuilder().WithSecret(secret).MustVerifySignature().WithVerifySignature(Verify).MustVerifySignature().Decode(token);
                var e = new JwtBuilder().MustVerifySignature().WithSecret(secret).DoNotVerifySignature().MustVerifySignature().Decode(token);
            }
        }
        """,
        TokenLibraryRefs.JwtNet,
        Builder(0),
        Builder(1, "runs on a JwtBuilder whose DoNotVerifySignature() turns the signature check off"),
        Builder(2, "runs on a JwtBuilder whose WithVerifySignature(...) turns the signature check off"),
        Builder(3, "runs on a JwtBuilder whose WithVerifySignature(...) turns the signature check off"),
        Builder(4, "runs on a JwtBuilder whose DoNotVerifySignature() turns the signature check off"));

    [Fact]
    public Task Quiet_when_the_builder_verifies() => V.AnalyzerAsync(
        """
        using JWT.Builder;
        using JWT.Algorithms;
        class C
        {
            const bool Verify = true;
            void M(string token, string secret, bool flag)
            {
                var a = new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(secret).MustVerifySignature().Decode(token);
                var b = new JwtBuilder().WithSecret(secret).WithVerifySignature(true).Decode(token);
                var c = new JwtBuilder().MustVerifySignature().WithSecret(secret).Decode(token);
                var d = new JwtBuilder().DoNotVerifySignature().MustVerifySignature().Decode(token);
                var e = new JwtBuilder().WithSecret(secret).WithVerifySignature(Verify).Decode(token);
                var f = new JwtBuilder().WithSecret(secret).WithVerifySignature(flag).Decode(token);
                var header = new JwtBuilder().DecodeHeader(token);
            }
        }
        """,
        TokenLibraryRefs.JwtNet);

    [Fact]
    public Task Follows_builders_kept_in_locals_and_calls_made_on_them() => V.AnalyzerAsync(
        """
        using JWT.Builder;
        class C
        {
            void Unverified(string token, string secret)
            {
                var builder = new JwtBuilder().WithSecret(secret);
                var json = {|#0:builder.Decode(token)|};
            }

            void VerifiedByStatement(string token, string secret)
            {
                var builder = new JwtBuilder();
                builder.WithSecret(secret);
                builder.MustVerifySignature();
                var json = builder.Decode(token);
            }

            void VerifiedThroughSecondLocal(string token, string secret)
            {
                var first = new JwtBuilder().WithSecret(secret);
                var second = first.MustVerifySignature();
                var json = second.Decode(token);
            }

            void TurnedOffThroughSecondLocal(string token, string secret)
            {
                var first = new JwtBuilder().WithSecret(secret).MustVerifySignature();
                var second = first.DoNotVerifySignature();
                var json = {|#1:second.Decode(token)|};
            }

            void VerifiedAfterTheDecodeDoesNotCount(string token, string secret)
            {
                var builder = new JwtBuilder().WithSecret(secret);
                var json = {|#2:builder.Decode(token)|};
                builder.MustVerifySignature();
            }

            void VerifiedOnlySometimes(string token, string secret, bool strict)
            {
                var builder = new JwtBuilder().WithSecret(secret);
                if (strict)
                    builder.MustVerifySignature();
                var json = builder.Decode(token);
            }
        }
        """,
        TokenLibraryRefs.JwtNet,
        Builder(0),
        Builder(1, "runs on a JwtBuilder whose DoNotVerifySignature() turns the signature check off"),
        Builder(2));

    [Fact]
    public Task Follows_static_readonly_fields_lambdas_and_local_functions() => V.AnalyzerAsync(
        """
        using System;
        using JWT.Builder;
        class C
        {
            private static readonly JwtBuilder Loose = new JwtBuilder().WithSecret("from-vault");
            private static readonly JwtBuilder Strict = new JwtBuilder().WithSecret("from-vault").MustVerifySignature();
            private readonly JwtBuilder _injected;
            private readonly JwtBuilder _inline = new JwtBuilder().WithSecret("from-vault");

            C(JwtBuilder injected) => _injected = injected;

            void M(string token)
            {
                var a = {|#0:Loose.Decode(token)|};
                var b = Strict.Decode(token);
                var c = _injected.Decode(token);
                var d = {|#4:_inline.Decode(token)|};
                Func<string, string> decode = t => {|#1:new JwtBuilder().WithSecret("x").Decode(t)|};
                string Local(string t) => {|#2:new JwtBuilder().Decode(t)|};
            }

            string FromParameter(JwtBuilder builder, string token) => builder.Decode(token);

            string FromParameterTurnedOff(JwtBuilder builder, string token) => {|#3:builder.DoNotVerifySignature().Decode(token)|};
        }
        """,
        TokenLibraryRefs.JwtNet,
        Builder(0),
        Builder(1),
        Builder(2),
        Builder(3, "runs on a JwtBuilder whose DoNotVerifySignature() turns the signature check off"),
        Builder(4));

    [Fact]
    public Task Follows_builders_made_by_a_helper_of_the_same_file() => V.AnalyzerAsync(
        """
        using JWT.Builder;
        class C
        {
            private readonly string _secret = "from-configuration";

            private JwtBuilder Loose() => new JwtBuilder().WithSecret(_secret);

            private JwtBuilder Strict()
            {
                var builder = new JwtBuilder().WithSecret(_secret);
                builder.MustVerifySignature();
                return builder;
            }

            private JwtBuilder Sometimes(bool strict)
            {
                var builder = new JwtBuilder();
                if (strict)
                    builder.MustVerifySignature();
                return builder;
            }

            void M(string token)
            {
                var a = {|#0:Loose().Decode(token)|};
                var b = Strict().Decode(token);
                var c = Loose().MustVerifySignature().Decode(token);
                var d = Sometimes(true).Decode(token);
            }
        }
        """,
        TokenLibraryRefs.JwtNet,
        Builder(0));

    [Fact]
    public Task Reports_off_in_some_environments_at_info() => V.AnalyzerAsync(
        """
        using JWT.Builder;
        using Microsoft.Extensions.Hosting;
        class C
        {
            string M(string token, string secret, IHostEnvironment env)
                => {|#0:new JwtBuilder().WithSecret(secret).WithVerifySignature(!env.IsDevelopment()).Decode(token)|};
        }
        """,
        TokenLibraryRefs.All,
        new DiagnosticResult(DiagnosticIds.UnverifiedTokenDecoded, Microsoft.CodeAnalysis.DiagnosticSeverity.Info)
            .WithLocation(0)
            .WithArguments("JwtBuilder.Decode", "runs on a JwtBuilder whose WithVerifySignature(...) turns the signature check off in some environments"));

    // ---- IJwtDecoder ----

    [Fact]
    public Task Reports_decoder_with_verify_false_in_every_spelling_and_fixes_literals() => V.CodeFixAsync(
        """
        using System.Collections.Generic;
        using JWT;
        class C
        {
            void M(IJwtDecoder decoder, string token, string secret, byte[] key)
            {
                var a = {|#0:decoder.Decode(token, secret, false)|};
                var b = {|#1:decoder.Decode(token, secret, verify: false)|};
                var c = {|#2:decoder.Decode(token, verify: false, key: secret)|};
                var e = {|#4:decoder.DecodeToObject(token, secret, false)|};
                var f = {|#5:decoder.DecodeToObject<Dictionary<string, object>>(token, key, false)|};
                var g = {|#6:JwtDecoderExtensions.Decode(decoder, token, secret, false)|};
            }
        }
        """,
        """
        using System.Collections.Generic;
        using JWT;
        class C
        {
            void M(IJwtDecoder decoder, string token, string secret, byte[] key)
            {
                var a = decoder.Decode(token, secret, true);
                var b = decoder.Decode(token, secret, verify: true);
                var c = decoder.Decode(token, verify: true, key: secret);
                var e = decoder.DecodeToObject(token, secret, true);
                var f = decoder.DecodeToObject<Dictionary<string, object>>(token, key, true);
                var g = JwtDecoderExtensions.Decode(decoder, token, secret, true);
            }
        }
        """,
        TokenLibraryRefs.JwtNet,
        V.Diagnostic().WithLocation(0).WithArguments("Decode", VerifyFalse),
        V.Diagnostic().WithLocation(1).WithArguments("Decode", VerifyFalse),
        V.Diagnostic().WithLocation(2).WithArguments("Decode", VerifyFalse),
        V.Diagnostic().WithLocation(4).WithArguments("DecodeToObject", VerifyFalse),
        V.Diagnostic().WithLocation(5).WithArguments("DecodeToObject", VerifyFalse),
        V.Diagnostic().WithLocation(6).WithArguments("Decode", VerifyFalse));

    [Fact]
    public Task Reports_verify_false_through_a_constant_without_a_fix() => V.NoCodeFixAsync(
        """
        using JWT;
        class C
        {
            private const bool Off = false;
            private static readonly bool AlsoOff = Off;
            string A(IJwtDecoder decoder, string token, byte[] key) => {|#0:decoder.Decode(token, key, Off)|};
            string B(IJwtDecoder decoder, string token, string key) => {|#1:decoder.Decode(token, key, verify: AlsoOff)|};
            string D(IJwtDecoder decoder, string token, string key)
            {
                var verify = false;
                return {|#2:decoder.Decode(token, key, verify)|};
            }
        }
        """,
        TokenLibraryRefs.JwtNet,
        V.Diagnostic().WithLocation(0).WithArguments("Decode", VerifyFalse),
        V.Diagnostic().WithLocation(1).WithArguments("Decode", VerifyFalse),
        V.Diagnostic().WithLocation(2).WithArguments("Decode", VerifyFalse));

    [Fact]
    public Task Reports_decoder_given_no_key_without_a_fix() => V.NoCodeFixAsync(
        """
        using System.Collections.Generic;
        using JWT;
        using JWT.Algorithms;
        using JWT.Serializers;
        class C
        {
            void M(string token)
            {
                IJsonSerializer serializer = new JsonNetSerializer();
                var decoder = new JwtDecoder(serializer, new JwtValidator(serializer, new UtcDateTimeProvider()), new JwtBase64UrlEncoder(), new HMACSHAAlgorithmFactory());
                var a = {|#0:decoder.Decode(token)|};
                var b = {|#1:decoder.DecodeToObject<Dictionary<string, object>>(token)|};
                var c = {|#2:decoder.DecodeToObject(token)|};
                var d = {|#3:decoder.Decode(new JwtParts(token))|};
                var header = decoder.DecodeHeader<Dictionary<string, object>>(new JwtParts(token));
            }
        }
        """,
        TokenLibraryRefs.JwtNet,
        V.Diagnostic().WithLocation(0).WithArguments("Decode", NoKey),
        V.Diagnostic().WithLocation(1).WithArguments("DecodeToObject", NoKey),
        V.Diagnostic().WithLocation(2).WithArguments("DecodeToObject", NoKey),
        V.Diagnostic().WithLocation(3).WithArguments("Decode", NoKey));

    [Fact]
    public Task Quiet_when_the_decoder_verifies() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using JWT;
        class C
        {
            const bool On = true;
            void M(IJwtDecoder decoder, string token, string secret, byte[] key, bool verify)
            {
                var a = decoder.Decode(token, secret, true);
                var b = decoder.Decode(token, key, verify: true);
                var c = decoder.Decode(token, verify: On, key: secret);
                var d = decoder.DecodeToObject<Dictionary<string, object>>(token, secret, true);
                var e = decoder.Decode(token, key, verify);
                var f = new JwtBase64UrlEncoder().Decode("eyJ9");
            }
        }
        """,
        TokenLibraryRefs.JwtNet);

    // ---- jose-jwt ----

    [Fact]
    public Task Reports_jose_decode_without_a_key() => V.AnalyzerAsync(
        """
        using System.Collections.Generic;
        using Jose;
        class C
        {
            void M(string token, byte[] key)
            {
                var a = {|#0:JWT.Decode(token)|};
                var b = {|#1:JWT.Decode(token, null)|};
                var c = {|#2:JWT.Decode<Dictionary<string, object>>(token)|};
                var d = {|#3:JWT.DecodeBytes(token, null)|};
                var ok1 = JWT.Decode(token, key);
                var ok2 = JWT.Decode(token, key, JwsAlgorithm.HS256);
                var ok3 = JWT.Verify(token, key);
            }
        }
        """,
        TokenLibraryRefs.Jose,
        V.Diagnostic().WithLocation(0).WithArguments("JWT.Decode", "is given no key, so it accepts only unsigned tokens ('alg': 'none') and checks no signature"),
        V.Diagnostic().WithLocation(1).WithArguments("JWT.Decode", "is given no key, so it accepts only unsigned tokens ('alg': 'none') and checks no signature"),
        V.Diagnostic().WithLocation(2).WithArguments("JWT.Decode", "is given no key, so it accepts only unsigned tokens ('alg': 'none') and checks no signature"),
        V.Diagnostic().WithLocation(3).WithArguments("JWT.DecodeBytes", "is given no key, so it accepts only unsigned tokens ('alg': 'none') and checks no signature"));

    // ---- gates ----

    [Fact]
    public Task Quiet_for_lookalike_types_of_the_project() => V.AnalyzerAsync(
        """
        namespace Mine
        {
            class JwtBuilder { public string Decode(string t) => t; }
            class C { string M(string t) => new JwtBuilder().Decode(t); }
        }
        """,
        TokenLibraryRefs.JwtNet);

    [Fact]
    public Task Quiet_in_test_projects_unless_asked() => V.InTestProjectAsync(
        """
        using JWT.Builder;
        class C { string M(string t) => new JwtBuilder().Decode(t); }
        """,
        TokenLibraryRefs.JwtNet,
        "");

    // ---- JWT.NET 8 and later ----

    /// <summary>
    /// JWT.NET 8+ keeps the choice in ValidationParameters (ValidateSignature is true by default). Only 7.3.1 restores
    /// here, so the shape of the later builder is compiled for these cases.
    /// </summary>
    private static readonly Microsoft.CodeAnalysis.MetadataReference LaterJwtNet = Libraries.Compile(
        "JWT",
        """
        using System;
        namespace JWT
        {
            public interface IJwtDecoder { }
            public interface IJsonSerializer { }
            public interface IDateTimeProvider { }
            public sealed class JwtValidator
            {
                public JwtValidator(IJsonSerializer serializer, IDateTimeProvider clock) { }
                public JwtValidator(IJsonSerializer serializer, IDateTimeProvider clock, ValidationParameters valParams) { }
            }
            public class ValidationParameters
            {
                public bool ValidateSignature { get; set; } = true;
                public static ValidationParameters Default => new ValidationParameters();
                public static ValidationParameters None => new ValidationParameters { ValidateSignature = false };
            }
        }
        namespace JWT.Builder
        {
            public sealed class JwtBuilder
            {
                public static JwtBuilder Create() => new JwtBuilder();
                public JwtBuilder WithSecret(params string[] secrets) => this;
                public JwtBuilder MustVerifySignature() => this;
                public JwtBuilder DoNotVerifySignature() => this;
                public JwtBuilder WithVerifySignature(bool verify) => this;
                public JwtBuilder WithValidationParameters(JWT.ValidationParameters valParams) => this;
                public JwtBuilder WithValidationParameters(Action<JWT.ValidationParameters> action) => this;
                public string Decode(string token) => token;
            }
        }
        """);

    [Fact]
    public Task Later_versions_are_judged_on_explicit_choices_only() => V.AnalyzerAsync(
        """
        using JWT;
        using JWT.Builder;
        class C
        {
            void M(string token, string secret)
            {
                var byDefault = JwtBuilder.Create().WithSecret(secret).Decode(token);
                var strict = JwtBuilder.Create().WithSecret(secret).WithValidationParameters(ValidationParameters.Default).Decode(token);
                var a = {|#0:JwtBuilder.Create().WithSecret(secret).DoNotVerifySignature().Decode(token)|};
                var b = {|#1:JwtBuilder.Create().WithSecret(secret).WithValidationParameters(ValidationParameters.None).Decode(token)|};
                var c = {|#2:JwtBuilder.Create().WithSecret(secret).WithValidationParameters(p => p.ValidateSignature = false).Decode(token)|};
                var d = {|#3:new JwtBuilder().WithValidationParameters(new ValidationParameters { ValidateSignature = false }).Decode(token)|};
            }
        }
        """,
        Refs.Framework.Add(LaterJwtNet),
        Builder(0, "runs on a JwtBuilder whose DoNotVerifySignature() turns the signature check off"),
        Builder(1, "runs on a JwtBuilder whose WithValidationParameters(...) turns the signature check off"),
        Builder(2, "runs on a JwtBuilder whose WithValidationParameters(...) turns the signature check off"),
        Builder(3, "runs on a JwtBuilder whose WithValidationParameters(...) turns the signature check off"));

    [Fact]
    public Task Later_versions_report_a_validator_that_skips_the_signature() => V.AnalyzerAsync(
        """
        using JWT;
        class C
        {
            void M(IJsonSerializer serializer, IDateTimeProvider clock)
            {
                var a = {|#0:new JwtValidator(serializer, clock, ValidationParameters.None)|};
                var b = {|#1:new JwtValidator(serializer, clock, new ValidationParameters { ValidateSignature = false })|};
                var ok1 = new JwtValidator(serializer, clock);
                var ok2 = new JwtValidator(serializer, clock, ValidationParameters.Default);
            }
        }
        """,
        Refs.Framework.Add(LaterJwtNet),
        V.Diagnostic().WithLocation(0).WithArguments("JwtValidator", "is created with ValidateSignature false, so decoders built on it skip the signature check"),
        V.Diagnostic().WithLocation(1).WithArguments("JwtValidator", "is created with ValidateSignature false, so decoders built on it skip the signature check"));
}
