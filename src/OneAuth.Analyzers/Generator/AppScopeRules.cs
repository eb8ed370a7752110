using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace OneAuth.Analyzers.Generator
{
    /// <summary>
    /// The one definition of a valid AppScope. The generator calls it and emits nothing when it finds a problem;
    /// the analyzers call it and report the problem, so the user sees an ordinary, suppressible diagnostic.
    /// </summary>
    internal static class AppScopeRules
    {
        public const int MaxAppIdLength = 64;

        public static ImmutableArray<AppScopeProblem> Validate(
            string? appId,
            string? issuer,
            string? audience,
            string? jwksUri,
            string? tokenType,
            string? @namespace)
        {
            ImmutableArray<AppScopeProblem>.Builder problems = ImmutableArray.CreateBuilder<AppScopeProblem>();

            if (DescribeAppIdProblem(appId) is { } appIdProblem)
                problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidAppId, "appId", appIdProblem));

            if (issuer is not null && DescribeUriProblem(issuer) is { } issuerProblem)
                problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidIssuer, "Issuer", issuerProblem));

            if (audience is not null && audience.Trim().Length == 0)
                problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidAudience, "Audience", "is empty"));
            else if (audience is not null && audience.Trim().Length != audience.Length)
                problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidAudience, "Audience", $"'{audience}' has leading or trailing whitespace, which no token's aud would match"));

            if (jwksUri is not null && DescribeUriProblem(jwksUri) is { } jwksProblem)
                problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidJwksUri, "JwksUri", jwksProblem));

            if (tokenType is not null && !IsMediaTypeToken(tokenType))
                problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidTokenType, "TokenType", $"'{tokenType}' is not a media type such as 'at+jwt'"));

            if (@namespace is not null && !IsNamespace(@namespace))
                problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidNamespace, "Namespace", $"'{@namespace}' is not a valid C# namespace"));

            return problems.ToImmutable();
        }

        /// <summary>Null when the app id is valid; otherwise what is wrong with it.</summary>
        public static string? DescribeAppIdProblem(string? appId)
        {
            if (appId is null)
                return "is missing";
            if (appId.Length == 0)
                return "is empty";
            if (appId.Length > MaxAppIdLength)
                return string.Format(CultureInfo.InvariantCulture, "'{0}' is {1} characters long; the limit is {2}", Shorten(appId), appId.Length, MaxAppIdLength);

            foreach (char c in appId)
            {
                if (!IsAppIdChar(c))
                {
                    return string.Format(
                        CultureInfo.InvariantCulture,
                        "'{0}' contains {1}; only lowercase letters, digits, '-', '_' and '.' are allowed",
                        appId,
                        DescribeChar(c));
                }
            }

            return null;
        }

        /// <summary>Null when the value is an absolute https URI (or http on a loopback host).</summary>
        public static string? DescribeUriProblem(string value)
        {
            if (value.Trim().Length == 0)
                return "is empty";
            // Uri parsing forgives the whitespace; the exact string comparison of iss would not.
            if (value.Trim().Length != value.Length)
                return $"'{value}' has leading or trailing whitespace";
            // On Unix a rooted path parses as an absolute file: URI; it is still a relative reference here.
            if (value[0] is '/' or '\\' || !Uri.TryCreate(value, UriKind.Absolute, out Uri? uri))
                return $"'{value}' is not an absolute URI";
            if (uri.Scheme == Uri.UriSchemeHttps)
                return uri.UserInfo.Length == 0 ? null : $"'{value}' must not carry user information";
            if (uri.Scheme == Uri.UriSchemeHttp)
                return uri.IsLoopback ? null : $"'{value}' uses http; only https is allowed (http only for loopback development hosts)";
            return $"'{value}' uses the scheme '{uri.Scheme}'; only https is allowed";
        }

        public static bool IsLoopbackHttp(string value)
            => Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

        private static bool IsAppIdChar(char c)
            => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';

        private static string DescribeChar(char c)
        {
            if (c >= 'A' && c <= 'Z')
                return $"the uppercase letter '{c}'";
            if (c == ' ')
                return "a space";
            if (char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c))
                return string.Format(CultureInfo.InvariantCulture, "the character U+{0:X4}", (int)c);
            if (c > 0x7F)
                return string.Format(CultureInfo.InvariantCulture, "the non-ASCII character '{0}' (U+{1:X4})", c, (int)c); // look-alike letters of other scripts
            return $"'{c}'";
        }

        private static string Shorten(string value) => value.Length <= 20 ? value : value.Substring(0, 20) + "...";

        // RFC 6838 restricted-name: type "/" subtype, or a bare subtype (JWT "typ" values often omit "application/").
        private static bool IsMediaTypeToken(string value)
        {
            if (value.Length == 0 || value.Length > 127)
                return false;

            int slash = value.IndexOf('/');
            if (slash >= 0)
                return slash > 0 && IsRestrictedName(value.Substring(0, slash)) && IsRestrictedName(value.Substring(slash + 1));

            return IsRestrictedName(value);
        }

        private static bool IsRestrictedName(string name)
        {
            if (name.Length == 0 || !char.IsLetterOrDigit(name[0]) || name[0] > 0x7F)
                return false;

            foreach (char c in name)
            {
                bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                    or '!' or '#' or '$' or '&' or '-' or '^' or '_' or '.' or '+';
                if (!ok)
                    return false;
            }

            return true;
        }

        /// <summary>True for a dotted sequence of C# identifiers that are not keywords.</summary>
        public static bool IsNamespace(string value)
        {
            if (value.Length == 0)
                return false;

            foreach (string part in value.Split('.'))
            {
                if (!SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None)
                    return false;
            }

            return true;
        }
    }
}
