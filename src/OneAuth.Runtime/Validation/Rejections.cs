namespace OneAuth.Validation;

/// <summary>
/// The fixed rejections, created once so that turning a token away allocates nothing. Details name the rule
/// that failed and never quote the token.
/// </summary>
internal static class Rejections
{
    public static readonly AppTokenValidationResult NoToken = M("No token was supplied.");
    public static readonly AppTokenValidationResult TooLong = M($"The token is longer than {AppTokenVerifier.MaxTokenLength} characters.");
    public static readonly AppTokenValidationResult NotThreeSegments = M("A signed token has exactly three dot-separated segments.");
    public static readonly AppTokenValidationResult Encrypted = M("Encrypted tokens (JWE, five segments) are not accepted.");
    public static readonly AppTokenValidationResult EmptySegment = M("A token segment is empty.");
    public static readonly AppTokenValidationResult HeaderEncoding = M("The header is not canonical base64url.");
    public static readonly AppTokenValidationResult PayloadEncoding = M("The payload is not canonical base64url.");
    public static readonly AppTokenValidationResult SignatureEncoding = M("The signature is not canonical base64url.");
    public static readonly AppTokenValidationResult SignatureLength = new(AppTokenFailure.InvalidSignature, "The signature length is not that of a 2048-4096-bit RSA key.");
    public static readonly AppTokenValidationResult SignatureMissing = new(AppTokenFailure.InvalidSignature, "The signature segment is empty.");
    public static readonly AppTokenValidationResult HeaderUtf8 = M("The header is not valid UTF-8.");
    public static readonly AppTokenValidationResult PayloadUtf8 = M("The payload is not valid UTF-8.");
    public static readonly AppTokenValidationResult HeaderJson = M("The header is not a single JSON object.");
    public static readonly AppTokenValidationResult PayloadJson = M("The payload is not a single JSON object.");
    public static readonly AppTokenValidationResult HeaderDuplicate = M("The header repeats a member name.");
    public static readonly AppTokenValidationResult PayloadDuplicate = M("The payload repeats a member name.");
    public static readonly AppTokenValidationResult ForbiddenHeader = M("The header carries a parameter the policy rejects (crit, jku, x5u, jwk, x5c, b64, zip or enc).");
    public static readonly AppTokenValidationResult NestedToken = M("Nested tokens (cty: JWT) are not accepted.");
    public static readonly AppTokenValidationResult HeaderType = M("A header parameter (typ, cty or kid) is not a JSON string.");
    public static readonly AppTokenValidationResult MissingKid = M("The header has no kid.");
    public static readonly AppTokenValidationResult BadKid = M("The kid is not 1 to 128 printable ASCII characters.");
    public static readonly AppTokenValidationResult TimeType = M("exp, nbf and iat must be JSON numbers between 0 and 253402300799.");
    public static readonly AppTokenValidationResult EmptyLifetime = M("exp must be later than nbf and iat.");
    public static readonly AppTokenValidationResult SubjectType = M("sub must be a JSON string.");
    public static readonly AppTokenValidationResult Unexpected = M("The token could not be processed.");

    public static readonly AppTokenValidationResult Algorithm = new(AppTokenFailure.UnsupportedAlgorithm, "The alg header must be exactly RS256.");
    public static readonly AppTokenValidationResult TokenType = new(AppTokenFailure.WrongTokenType, "The typ header does not name the required token type.");
    public static readonly AppTokenValidationResult UnknownKey = new(AppTokenFailure.UnknownKey, "The issuer's key set has no key with this kid.");
    public static readonly AppTokenValidationResult KeysUnavailable = new(AppTokenFailure.KeysUnavailable, "The issuer's keys could not be obtained.");
    public static readonly AppTokenValidationResult Signature = new(AppTokenFailure.InvalidSignature, "The signature does not verify with the key its kid names.");
    public static readonly AppTokenValidationResult SignatureKeySize = new(AppTokenFailure.InvalidSignature, "The signature length does not match the size of the key its kid names.");
    public static readonly AppTokenValidationResult MissingIssuer = new(AppTokenFailure.MissingClaim, "The iss claim is missing.");
    public static readonly AppTokenValidationResult MissingAudience = new(AppTokenFailure.MissingClaim, "The aud claim is missing.");
    public static readonly AppTokenValidationResult MissingExpiry = new(AppTokenFailure.MissingClaim, "The exp claim is missing.");
    public static readonly AppTokenValidationResult MissingAppId = new(AppTokenFailure.MissingClaim, "The app_id claim is missing.");
    public static readonly AppTokenValidationResult WrongIssuer = new(AppTokenFailure.WrongIssuer, "The iss claim is not the expected issuer.");
    public static readonly AppTokenValidationResult WrongAudience = new(AppTokenFailure.WrongAudience, "The aud claim does not contain the expected audience (it must be a string or an array of strings).");
    public static readonly AppTokenValidationResult WrongApp = new(AppTokenFailure.WrongApp, "The app_id claim is not a JSON string equal to this application's id.");
    public static readonly AppTokenValidationResult Expired = new(AppTokenFailure.Expired, "The token has expired.");
    public static readonly AppTokenValidationResult NotBefore = new(AppTokenFailure.NotYetValid, "The token is not valid yet (nbf is in the future).");
    public static readonly AppTokenValidationResult IssuedInFuture = new(AppTokenFailure.NotYetValid, "The token was issued in the future (iat).");

    private static AppTokenValidationResult M(string detail) => new(AppTokenFailure.Malformed, detail);
}
