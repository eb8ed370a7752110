namespace OneAuth.Analyzers
{
    /// <summary>Every diagnostic id this package reports. Ids are never reused.</summary>
    public static class DiagnosticIds
    {
        // OA0xxx: JWT validation code in the user's project (category Security).
        public const string AudienceValidationDisabled = "OA0001";

        // OA1xxx: misuse of OneAuth itself (category Usage).
        public const string AppScopeInvalid = "OA1001";
    }
}
