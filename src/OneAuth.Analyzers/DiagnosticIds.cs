namespace OneAuth.Analyzers;

/// <summary>Every diagnostic id this package reports. Ids are never reused.</summary>
public static class DiagnosticIds
{
    // OA0xxx: JWT validation code in the user's project (category Security).
    public const string AudienceValidationDisabled = "OA0001";
    public const string IssuerValidationDisabled = "OA0002";
    public const string LifetimeValidationDisabled = "OA0003";
    public const string SigningKeyValidationDisabled = "OA0004";
    public const string UnsignedTokensAllowed = "OA0005";
    public const string AlwaysTrueValidator = "OA0006";
    public const string SignatureValidationBypassed = "OA0007";
    public const string WeakAlgorithmAllowed = "OA0008";
    public const string ExcessiveClockSkew = "OA0009";
    public const string InsecureKeyTransport = "OA0010";
    public const string SecretInSource = "OA0011";
    public const string TokenMintingInConsumer = "OA0012";
    public const string UnverifiedTokenTrusted = "OA0013";
    public const string AppIdNotChecked = "OA0014";
    public const string AppIdComparedWrongly = "OA0015";
    public const string AuthenticationFailureSwallowed = "OA0016";
    public const string ValidationResultNotChecked = "OA0017";
    public const string UnverifiedTokenDecoded = "OA0018";
    public const string ExternalTokenAudienceNotChecked = "OA0019";
    public const string AudienceMissing = "OA0023";

    // OA1xxx: misuse of OneAuth itself (category Usage).
    public const string AppScopeInvalid = "OA1001";
    public const string AppScopeUriInvalid = "OA1002";
    public const string AppScopeArgumentInvalid = "OA1003";
    public const string AppScopeRuntimeNotReferenced = "OA1004";
    public const string ForeignAppValidatorUsed = "OA1005";
    public const string AppScopeRuntimeNotFlowing = "OA1006";
    public const string AppScopeSettingShadowed = "OA1007";
}
