using System;
using OneAuth.Validation;

namespace OneAuth
{
    /// <summary>
    /// What an application accepts: its app id, its audience and, when fixed, the issuer, the JWKS address and the
    /// required token type. Every value is checked here, so a policy that exists is a valid one.
    /// </summary>
    public sealed class AppTokenPolicy
    {
        /// <summary>The longest application id accepted.</summary>
        internal const int MaxAppIdLength = 64;

        /// <summary>Creates a policy.</summary>
        /// <param name="appId">The value the <c>app_id</c> claim must equal: 1 to 64 characters of <c>a-z</c>, <c>0-9</c>, <c>.</c>, <c>_</c>, <c>-</c>.</param>
        /// <param name="audience">The value the <c>aud</c> claim must contain, ordinally.</param>
        /// <param name="issuer">The exact <c>iss</c> value, an absolute https URI (http only for loopback hosts); null when supplied at run time.</param>
        /// <param name="jwksUri">The JWKS address (same scheme rules as the issuer); null to use the options or the issuer's well-known path.</param>
        /// <param name="tokenType">When set, the media type the <c>typ</c> header must name (for example <c>at+jwt</c>).</param>
        /// <exception cref="ArgumentException">An argument breaks the rules above.</exception>
        public AppTokenPolicy(string appId, string audience, string? issuer = null, string? jwksUri = null, string? tokenType = null)
        {
            if (!IsValidAppId(appId, out string? appIdProblem))
                throw new ArgumentException(appIdProblem, nameof(appId));

            if (!IsValidAudience(audience, out string? audienceProblem))
                throw new ArgumentException(audienceProblem, nameof(audience));

            if (issuer is not null && !EndpointRules.IsAcceptable(issuer, "issuer", out _, out string? issuerProblem))
                throw new ArgumentException(issuerProblem, nameof(issuer));

            if (jwksUri is not null && !EndpointRules.IsAcceptable(jwksUri, "JWKS URI", out _, out string? jwksProblem))
                throw new ArgumentException(jwksProblem, nameof(jwksUri));

            if (tokenType is not null && !MediaTypes.IsValidTokenType(tokenType, out string? typeProblem))
                throw new ArgumentException(typeProblem, nameof(tokenType));

            AppId = appId;
            Audience = audience;
            Issuer = issuer;
            JwksUri = jwksUri;
            TokenType = tokenType;
        }

        /// <summary>The value the <c>app_id</c> claim must equal, ordinally.</summary>
        public string AppId { get; }

        /// <summary>The value the <c>aud</c> claim must contain, ordinally.</summary>
        public string Audience { get; }

        /// <summary>The exact <c>iss</c> value, or null when it is supplied at run time through the options.</summary>
        public string? Issuer { get; }

        /// <summary>The JWKS address, or null to use the options or the issuer's well-known path.</summary>
        public string? JwksUri { get; }

        /// <summary>When set, the media type the <c>typ</c> header must name.</summary>
        public string? TokenType { get; }

        private static bool IsValidAppId(string? appId, out string? problem)
        {
            if (appId is null || appId.Length == 0)
            {
                problem = "The app id must not be null or empty.";
                return false;
            }

            if (appId.Length > MaxAppIdLength)
            {
                problem = $"The app id is {appId.Length} characters long; at most {MaxAppIdLength} are allowed.";
                return false;
            }

            foreach (char c in appId)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!ok)
                {
                    problem = "The app id may contain only lowercase letters a-z, digits 0-9, '.', '_' and '-' "
                        + $"(found U+{(int)c:X4} at index {appId.IndexOf(c)}).";
                    return false;
                }
            }

            problem = null;
            return true;
        }

        private static bool IsValidAudience(string? audience, out string? problem)
        {
            if (audience is null || audience.Length == 0)
            {
                problem = "The audience must not be null or empty.";
                return false;
            }

            if (audience.Length > 1024)
            {
                problem = "The audience must be at most 1024 characters long.";
                return false;
            }

            foreach (char c in audience)
            {
                if (char.IsControl(c) || char.IsSurrogate(c))
                {
                    problem = "The audience must not contain control characters or unpaired surrogates.";
                    return false;
                }
            }

            if (char.IsWhiteSpace(audience[0]) || char.IsWhiteSpace(audience[audience.Length - 1]))
            {
                problem = "The audience must not start or end with white space.";
                return false;
            }

            problem = null;
            return true;
        }
    }
}
