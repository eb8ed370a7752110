using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<
    OneAuth.Analyzers.Rules.ExcessiveClockSkewAnalyzer,
    OneAuth.Analyzers.CodeFixes.ExcessiveClockSkewCodeFixProvider>;

namespace OneAuth.Analyzers.Tests.Rules;

public class ExcessiveClockSkewTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string value, string limit = "5 minutes")
        => V.Diagnostic().WithLocation(location).WithArguments("ClockSkew", value, limit);

    [Fact]
    public Task Reports_and_clamps_every_way_of_writing_a_long_skew() => V.CodeFixAsync(
        """
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const int Minutes = 10;
            static readonly TimeSpan Day = TimeSpan.FromDays(1);
            void M(TokenValidationParameters p)
            {
                {|#0:p.ClockSkew = TimeSpan.FromMinutes(Minutes)|};
                {|#1:p.ClockSkew = TimeSpan.FromHours(1)|};
                {|#2:p.ClockSkew = TimeSpan.FromSeconds(301)|};
                {|#3:p.ClockSkew = new TimeSpan(0, 30, 0)|};
                {|#4:p.ClockSkew = TimeSpan.MaxValue|};
                {|#5:p.ClockSkew = Day|};
                var skew = TimeSpan.FromMinutes(6.5);
                {|#6:p.ClockSkew = skew|};
                {|#7:p.ClockSkew = new TimeSpan(TimeSpan.TicksPerHour)|};
            }
        }
        """,
        """
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const int Minutes = 10;
            static readonly TimeSpan Day = TimeSpan.FromDays(1);
            void M(TokenValidationParameters p)
            {
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                var skew = TimeSpan.FromMinutes(6.5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
            }
        }
        """,
        Expected(0, "10 minutes"), Expected(1, "1 hour"), Expected(2, "301 seconds"), Expected(3, "30 minutes"),
        Expected(4, "TimeSpan.MaxValue"), Expected(5, "1 day"), Expected(6, "390 seconds"), Expected(7, "1 hour"));

    [Fact]
    public Task Reports_in_an_initializer_inside_AddJwtBearer_and_qualifies_the_fix_without_using_System() => V.CodeFixAsync(
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters
                {
                    {|#0:ClockSkew = System.TimeSpan.FromMinutes(15)|},
                });
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters
                {
                    ClockSkew = System.TimeSpan.FromMinutes(5),
                });
            }
        }
        """,
        Expected(0, "15 minutes"));

    [Fact]
    public Task Editorconfig_can_lower_the_limit_and_the_fix_follows() => V.CodeFixWithConfigAsync(
        """
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                {|#0:p.ClockSkew = TimeSpan.FromMinutes(2)|};
                p.ClockSkew = TimeSpan.FromSeconds(30);
            }
        }
        """,
        """
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
                p.ClockSkew = TimeSpan.FromSeconds(45);
                p.ClockSkew = TimeSpan.FromSeconds(30);
            }
        }
        """,
        "oneauth_max_clock_skew_seconds = 45\n",
        Expected(0, "2 minutes", "45 seconds"));

    [Fact]
    public Task Editorconfig_cannot_raise_the_limit() => V.AnalyzerWithConfigAsync(
        """
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C { void M(TokenValidationParameters p) { {|#0:p.ClockSkew = TimeSpan.FromMinutes(10)|}; } }
        """,
        "oneauth_max_clock_skew_seconds = 3600\n",
        Expected(0, "10 minutes"));

    [Fact]
    public Task Environment_dependent_skew_is_reported_as_info() => V.AnalyzerAsync(
        """
        using System;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IHostEnvironment env, TimeSpan fromConfig)
            {
                {|#0:p.ClockSkew = env.IsDevelopment() ? TimeSpan.FromHours(2) : TimeSpan.FromSeconds(30)|};
                {|#1:p.ClockSkew = !env.IsProduction() ? TimeSpan.MaxValue : fromConfig|};
            }
        }
        """,
        Expected(0, "2 hours in some environments").WithSeverity(DiagnosticSeverity.Info),
        Expected(1, "TimeSpan.MaxValue in some environments").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Skew_set_only_in_DEBUG_conditional_code_is_reported_as_info() => V.AnalyzerAsync(
        """
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p)
            {
        #if !DEBUG
                {|#0:p.ClockSkew = TimeSpan.FromHours(1)|};
        #endif
            }
        }
        """,
        Expected(0, "1 hour in some environments").WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public Task Silent_at_or_below_the_limit_and_for_values_it_cannot_prove() => V.AnalyzerAsync(
        """
        using System;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, IConfiguration config, TimeSpan fromCaller, bool flag)
            {
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.Zero;
                p.ClockSkew = new TimeSpan(0, 0, 30);
                p.ClockSkew = TimeSpan.FromSeconds(config.GetValue<int>("Jwt:SkewSeconds"));
                p.ClockSkew = fromCaller;
                p.ClockSkew = flag ? TimeSpan.FromHours(1) : fromCaller;
                var changed = TimeSpan.FromHours(1);
                changed = fromCaller;
                p.ClockSkew = changed;
            }
        }
        """);

    [Fact]
    public Task Reports_and_clamps_skews_parsed_from_constant_strings() => V.CodeFixAsync(
        """
        using System;
        using System.Globalization;
        using System.Xml;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const string TwoHours = "02:00:00";
            void M(TokenValidationParameters p)
            {
                {|#0:p.ClockSkew = TimeSpan.Parse(TwoHours)|};
                {|#1:p.ClockSkew = TimeSpan.Parse("1.00:00:00", CultureInfo.InvariantCulture)|};
                {|#2:p.ClockSkew = TimeSpan.ParseExact("01:30", @"hh\:mm", CultureInfo.InvariantCulture)|};
                {|#3:p.ClockSkew = XmlConvert.ToTimeSpan("PT1H")|};
                {|#4:p.ClockSkew = TimeSpan.FromMinutes(double.Parse("90"))|};
                {|#5:p.ClockSkew = TimeSpan.FromSeconds(int.Parse(" 600 ", CultureInfo.InvariantCulture))|};
                {|#6:p.ClockSkew = TimeSpan.ParseExact("10", "%m", null, System.Globalization.TimeSpanStyles.None)|};
            }
        }
        """,
        """
        using System;
        using System.Globalization;
        using System.Xml;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            const string TwoHours = "02:00:00";
            void M(TokenValidationParameters p)
            {
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
                p.ClockSkew = TimeSpan.FromMinutes(5);
            }
        }
        """,
        Expected(0, "2 hours"), Expected(1, "1 day"), Expected(2, "90 minutes"), Expected(3, "1 hour"),
        Expected(4, "90 minutes"), Expected(5, "10 minutes"), Expected(6, "10 minutes"));

    [Fact]
    public Task Silent_for_short_invalid_or_culture_dependent_strings_given_to_a_parse_call() => V.AnalyzerAsync(
        """
        using System;
        using System.Globalization;
        using System.Xml;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, string fromCaller)
            {
                p.ClockSkew = TimeSpan.Parse("00:02:00");
                p.ClockSkew = XmlConvert.ToTimeSpan("PT30S");
                p.ClockSkew = TimeSpan.Parse("not a duration");
                p.ClockSkew = TimeSpan.Parse("99:99:99");
                p.ClockSkew = TimeSpan.Parse("");
                p.ClockSkew = XmlConvert.ToTimeSpan("1 hour");
                p.ClockSkew = XmlConvert.ToTimeSpan("P99999999999999999999Y");
                p.ClockSkew = XmlConvert.ToTimeSpan(null!);
                p.ClockSkew = TimeSpan.ParseExact("10", "%q{", CultureInfo.InvariantCulture);
                p.ClockSkew = TimeSpan.ParseExact("10", "", CultureInfo.InvariantCulture);
                p.ClockSkew = TimeSpan.FromMinutes(int.Parse("99999999999999999999"));
                p.ClockSkew = TimeSpan.FromSeconds(int.Parse("9999999999"));
                p.ClockSkew = TimeSpan.FromSeconds(Convert.ToInt16("40000"));
                p.ClockSkew = TimeSpan.ParseExact("90", "%m", CultureInfo.InvariantCulture);
                p.ClockSkew = TimeSpan.ParseExact("01:00", new[] { @"hh\:mm" }, CultureInfo.InvariantCulture);
                p.ClockSkew = TimeSpan.Parse("02:00:00", CultureInfo.GetCultureInfo("de-DE"));
                p.ClockSkew = TimeSpan.Parse(fromCaller);
                p.ClockSkew = TimeSpan.FromMinutes(double.Parse("1,000"));
                p.ClockSkew = TimeSpan.FromMinutes(double.Parse("1e3"));
                p.ClockSkew = TimeSpan.FromMinutes(int.Parse("ff", NumberStyles.HexNumber));
                p.ClockSkew = TimeSpan.FromMinutes(Convert.ToInt32("77", 8));
                p.ClockSkew = TimeSpan.FromMinutes(double.Parse(fromCaller));
            }
        }
        """);

    [Fact]
    public Task Silent_for_an_unrelated_type_with_the_same_property() => V.AnalyzerAsync(
        """
        using System;
        class MyOptions { public TimeSpan ClockSkew { get; set; } }
        class C { void M(MyOptions o) { o.ClockSkew = TimeSpan.FromHours(1); } }
        """);

    [Fact]
    public Task Silent_when_IdentityModel_is_not_referenced() => V.AnalyzerAsync(
        """
        using System;
        class TokenValidationParameters { public TimeSpan ClockSkew { get; set; } }
        class C { void M(TokenValidationParameters o) { o.ClockSkew = TimeSpan.FromHours(1); } }
        """,
        Refs.Framework);

    [Fact]
    public Task Reports_a_long_fallback_and_clamps_only_the_fallback() => V.CodeFixAsync(
        """
        using System;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, TimeSpan? configuredSkew, IConfiguration configuration)
            {
                {|#0:p.ClockSkew = configuredSkew ?? TimeSpan.FromHours(1)|};
                {|#1:p.ClockSkew = configuration.GetValue<TimeSpan?>("Jwt:ClockSkew") ?? TimeSpan.FromMinutes(10)|};
            }
        }
        """,
        """
        using System;
        using Microsoft.Extensions.Configuration;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, TimeSpan? configuredSkew, IConfiguration configuration)
            {
                p.ClockSkew = configuredSkew ?? TimeSpan.FromMinutes(5);
                p.ClockSkew = configuration.GetValue<TimeSpan?>("Jwt:ClockSkew") ?? TimeSpan.FromMinutes(5);
            }
        }
        """,
        Expected(0, "1 hour when the setting is missing"),
        Expected(1, "10 minutes when the setting is missing"));

    [Fact]
    public Task Reports_a_long_fallback_through_a_local_without_a_fix() => V.NoCodeFixAsync(
        """
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, TimeSpan? configuredSkew)
            {
                var skew = configuredSkew ?? TimeSpan.FromHours(2);
                {|#0:p.ClockSkew = skew|};
            }
        }
        """,
        Expected(0, "2 hours when the setting is missing"));

    [Fact]
    public Task Stays_quiet_on_a_short_or_unknown_fallback() => V.AnalyzerAsync(
        """
        using System;
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M(TokenValidationParameters p, TimeSpan? configuredSkew, TimeSpan other)
            {
                p.ClockSkew = configuredSkew ?? TimeSpan.FromMinutes(1);
                p.ClockSkew = configuredSkew ?? TimeSpan.FromMinutes(5);
                p.ClockSkew = configuredSkew ?? other;
            }
        }
        """);
}
