using System;
using System.Globalization;
using System.Net;

namespace OneAuth.Shared;

/// <summary>
/// The one definition of a valid AppScope value: app id, audience, token type, issuer and JWKS address. This file
/// is compiled into both the analyzer (the generator and OA1001-OA1003) and the runtime (<c>AppTokenPolicy</c>,
/// <c>AppTokenValidatorOptions</c>), so a value that builds clean can never be refused when the app starts.
/// </summary>
/// <remarks>
/// Each <c>Describe*</c> method returns null for a valid value, else a phrase that completes a sentence whose
/// subject is the value's name: "Issuer" + " must not contain a fragment ('...#x')".
/// </remarks>
internal static class AppScopeValues
{
    /// <summary>The longest application id accepted.</summary>
    public const int MaxAppIdLength = 64;

    /// <summary>The longest audience accepted.</summary>
    public const int MaxAudienceLength = 1024;

    /// <summary>The longest token type accepted.</summary>
    public const int MaxTokenTypeLength = 127;

    /// <summary>The longest issuer or JWKS address accepted.</summary>
    public const int MaxUriLength = 2048;

    /// <summary>The path the JWKS address defaults to, appended to the issuer.</summary>
    public const string JwksWellKnownPath = "/.well-known/jwks.json";

    /// <summary>Null when <paramref name="appId"/> is 1 to 64 characters of a-z, 0-9, '-', '_' and '.'.</summary>
    public static string? DescribeAppIdProblem(string? appId)
    {
        if (appId is null)
            return "is missing";
        if (appId.Length == 0)
            return "is empty";
        if (appId.Length > MaxAppIdLength)
            return Format("'{0}' is {1} characters long; the limit is {2}", Shorten(appId), appId.Length, MaxAppIdLength);

        foreach (char c in appId)
        {
            if (!IsAppIdChar(c))
                return Format("'{0}' contains {1}; only lowercase letters, digits, '-', '_' and '.' are allowed", Shorten(appId), DescribeChar(c));
        }

        return null;
    }

    /// <summary>Null when <paramref name="audience"/> is non-empty printable text without surrounding white space.</summary>
    public static string? DescribeAudienceProblem(string? audience)
    {
        if (audience is null)
            return "is missing";
        if (audience.Trim().Length == 0)
            return "is empty";
        if (audience.Length > MaxAudienceLength)
            return Format("is {0} characters long; the limit is {1}", audience.Length, MaxAudienceLength);
        if (char.IsWhiteSpace(audience[0]) || char.IsWhiteSpace(audience[audience.Length - 1]))
            return Format("'{0}' has leading or trailing whitespace, which no token's aud would match", Shorten(audience));

        foreach (char c in audience)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
                return Format("'{0}' contains {1}, which no token's aud should carry", Shorten(audience), DescribeChar(c));
        }

        return null;
    }

    /// <summary>
    /// Null when <paramref name="tokenType"/> is a bare media type, <c>subtype</c> or <c>type/subtype</c>, of
    /// printable ASCII without parameters (RFC 6838 restricted names), for example <c>at+jwt</c>.
    /// </summary>
    public static string? DescribeTokenTypeProblem(string? tokenType)
    {
        if (tokenType is null)
            return "is missing";
        if (tokenType.Length == 0)
            return "is empty";
        if (tokenType.Length > MaxTokenTypeLength)
            return Format("is {0} characters long; the limit is {1}", tokenType.Length, MaxTokenTypeLength);

        int slash = tokenType.IndexOf('/');
        bool valid = slash < 0
            ? IsRestrictedName(tokenType, 0, tokenType.Length)
            : IsRestrictedName(tokenType, 0, slash) && IsRestrictedName(tokenType, slash + 1, tokenType.Length - slash - 1);
        return valid ? null : Format("'{0}' is not a media type such as 'at+jwt'", Shorten(tokenType));
    }

    /// <summary>
    /// Null when <paramref name="issuer"/> is an absolute https URI (http only on a loopback host) without user
    /// information, query or fragment, as OpenID Connect requires of an issuer identifier.
    /// </summary>
    public static string? DescribeIssuerProblem(string? issuer) => DescribeUriProblem(issuer, isIssuer: true);

    /// <summary>Null when <paramref name="jwksUri"/> is an absolute https URI (http only on a loopback host) without user information or fragment.</summary>
    public static string? DescribeJwksUriProblem(string? jwksUri) => DescribeUriProblem(jwksUri, isIssuer: false);

    /// <summary>The same rule for an already parsed address.</summary>
    public static string? DescribeUriProblem(Uri uri, bool isIssuer)
    {
        if (!uri.IsAbsoluteUri)
            return Format("'{0}' is not an absolute URI", uri.OriginalString);
        return DescribeParsedProblem(uri.OriginalString, uri, isIssuer);
    }

    /// <summary>True for plain http to a loopback host: accepted, but only fit for local development.</summary>
    public static bool IsLoopbackHttp(string? value)
        => value is not null
        && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri)
        && string.Equals(uri.Scheme, "http", StringComparison.OrdinalIgnoreCase)
        && IsLoopbackHost(uri);

    /// <summary>
    /// The one loopback rule: the host is <c>localhost</c> (any case, optionally with a trailing dot), or an IP
    /// literal in 127.0.0.0/8 or ::1 (also written IPv4-mapped). Names that merely resolve to loopback, such as
    /// <c>dev.localhost</c>, do not count: their resolution is up to the machine's resolver.
    /// </summary>
    public static bool IsLoopbackHost(Uri uri)
        => uri.HostNameType is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
        && IsLoopbackHostName(uri.DnsSafeHost);

    /// <summary>The same rule for a host name as written in a URL (IPv6 literals with or without brackets).</summary>
    public static bool IsLoopbackHostName(string host)
    {
        if (host.Length > 2 && host[0] == '[' && host[host.Length - 1] == ']')
            host = host.Substring(1, host.Length - 2);
        if (host.EndsWith(".", StringComparison.Ordinal))
            host = host.Substring(0, host.Length - 1);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return true;

        // Only dotted-quad or IPv6 literals: IPAddress.TryParse also takes forms such as "2130706433".
        bool literal = host.IndexOf(':') >= 0 || host.Split('.').Length == 4;
        if (!literal || !IPAddress.TryParse(host, out IPAddress? address))
            return false;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return IPAddress.IsLoopback(address);
    }

    /// <summary>The default JWKS address of an issuer: the issuer followed by <see cref="JwksWellKnownPath"/>.</summary>
    public static string DeriveJwksUri(string issuer) => issuer.TrimEnd('/') + JwksWellKnownPath;

    private static string? DescribeUriProblem(string? value, bool isIssuer)
    {
        if (value is null)
            return "is missing";
        if (value.Trim().Length == 0)
            return "is empty";
        if (value.Length > MaxUriLength)
            return Format("is {0} characters long; the limit is {1}", value.Length, MaxUriLength);
        // Uri parsing forgives the white space; the exact string comparison of iss would not.
        if (value.Trim().Length != value.Length)
            return Format("'{0}' has leading or trailing whitespace", value);
        // On Unix a rooted path parses as an absolute file: URI; it is still a relative reference here.
        if (value[0] is '/' or '\\' || !Uri.TryCreate(value, UriKind.Absolute, out Uri? uri))
            return Format("'{0}' is not an absolute URI", value);
        return DescribeParsedProblem(value, uri, isIssuer);
    }

    private static string? DescribeParsedProblem(string value, Uri uri, bool isIssuer)
    {
        bool https = string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase);
        bool http = string.Equals(uri.Scheme, "http", StringComparison.OrdinalIgnoreCase);
        if (!https && !http)
            return Format("'{0}' uses the scheme '{1}'; only https is allowed", value, uri.Scheme);
        if (uri.Host.Length == 0)
            return Format("'{0}' has no host", value);
        if (uri.UserInfo.Length != 0)
            return Format("'{0}' must not carry user information", value);
        if (uri.Fragment.Length != 0 || value.IndexOf('#') >= 0)
            return Format("'{0}' must not contain a fragment", value);
        if (isIssuer && (uri.Query.Length != 0 || value.IndexOf('?') >= 0))
            return Format("'{0}' must not contain a query; an issuer identifier is a plain https URL", value);
        if (http && !IsLoopbackHost(uri))
            return Format("'{0}' uses http; only https is allowed (http only for loopback development hosts)", value);
        return null;
    }

    private static bool IsAppIdChar(char c)
        => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';

    // RFC 6838 restricted-name: a letter or digit, then letters, digits and ! # $ & - ^ _ . + (at most 127).
    private static bool IsRestrictedName(string value, int start, int length)
    {
        if (length == 0 || !IsAsciiLetterOrDigit(value[start]))
            return false;

        for (int i = start; i < start + length; i++)
        {
            char c = value[i];
            if (!(IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '&' or '-' or '^' or '_' or '.' or '+'))
                return false;
        }

        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    private static string DescribeChar(char c)
    {
        if (c >= 'A' && c <= 'Z')
            return Format("the uppercase letter '{0}'", c);
        if (c == ' ')
            return "a space";
        if (char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c))
            return Format("the character U+{0:X4}", (int)c);
        if (c > 0x7F)
            return Format("the non-ASCII character '{0}' (U+{1:X4})", c, (int)c); // look-alike letters of other scripts
        return Format("'{0}'", c);
    }

    private static string Shorten(string value)
    {
        string shown = value.Length <= 20 ? value : value.Substring(0, 20) + "...";
        var printable = new System.Text.StringBuilder(shown.Length);
        foreach (char c in shown)
            printable.Append(char.IsControl(c) ? '?' : c);
        return printable.ToString();
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
