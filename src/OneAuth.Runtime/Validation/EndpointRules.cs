using System;
using System.Net;

namespace OneAuth.Validation
{
    /// <summary>The rule for issuer and JWKS addresses: absolute https, or http only for a loopback host.</summary>
    internal static class EndpointRules
    {
        public static bool IsAcceptable(string? value, string what, out Uri? uri, out string? problem)
        {
            uri = null;
            if (value is null || value.Length == 0)
            {
                problem = $"The {what} must not be empty.";
                return false;
            }

            if (value.Trim().Length != value.Length)
            {
                problem = $"The {what} must not start or end with white space.";
                return false;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? parsed) || parsed is null)
            {
                problem = $"The {what} '{value}' is not an absolute URI.";
                return false;
            }

            return IsAcceptable(parsed, what, out uri, out problem);
        }

        public static bool IsAcceptable(Uri value, string what, out Uri? uri, out string? problem)
        {
            uri = null;
            if (!value.IsAbsoluteUri)
            {
                problem = $"The {what} '{value}' is not an absolute URI.";
                return false;
            }

            if (value.UserInfo.Length != 0)
            {
                problem = $"The {what} must not contain user information.";
                return false;
            }

            if (value.Fragment.Length != 0)
            {
                problem = $"The {what} must not contain a fragment.";
                return false;
            }

            if (string.Equals(value.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                uri = value;
                problem = null;
                return true;
            }

            if (string.Equals(value.Scheme, "http", StringComparison.OrdinalIgnoreCase) && IsLoopback(value))
            {
                uri = value;
                problem = null;
                return true;
            }

            problem = $"The {what} '{value}' must use https (plain http is allowed only for loopback hosts).";
            return false;
        }

        private static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback)
                return true;

            string host = uri.DnsSafeHost;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
                return true;

            return IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address);
        }
    }
}
