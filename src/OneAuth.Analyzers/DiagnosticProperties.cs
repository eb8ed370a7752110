namespace OneAuth.Analyzers;

/// <summary>
/// The names of the diagnostic properties the analyzers set and the code fixes (and tests) read: one place, so
/// the two sides of each agreement can be found from either end.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>"true" when the finding holds only in some hosting environments or builds (reported at Info).</summary>
    public const string EnvironmentDependent = "EnvironmentDependent";

    /// <summary>
    /// OA0001-OA0005: "true" when the finding is a constant false fallback (<c>?? false</c>, the <c>defaultValue</c>
    /// of <c>GetValue</c>); the code fix then turns only the fallback to true.
    /// </summary>
    public const string FalseFallback = "FalseFallback";

    /// <summary>
    /// OA0007: set when removing the assignment restores the library's check. OA0008: the reported element can be
    /// deleted from its collection.
    /// </summary>
    public const string Removable = "Removable";

    /// <summary>OA0008: HMAC algorithms in the same collection are reported too (asymmetric keys).</summary>
    public const string HmacReported = "HmacReported";

    /// <summary>OA0009: the limit in whole seconds, for the fix.</summary>
    public const string LimitSeconds = "LimitSeconds";

    /// <summary>OA0009: "true" when only the constant fallback of <c>configured ?? ...</c> is too long.</summary>
    public const string Fallback = "Fallback";

    /// <summary>OA0010: which fix applies (<c>InsecureKeyTransportAnalyzer.FixSetTrue</c> or <c>FixHttps</c>).</summary>
    public const string Fix = "Fix";

    /// <summary>
    /// OA0015: set when the comparison option is a member access (<c>StringComparison.X</c>, <c>StringComparer.X</c>)
    /// whose name can become <c>Ordinal</c>: its span start, then <see cref="OrdinalSpanLength"/>.
    /// </summary>
    public const string OrdinalSpanStart = "OrdinalSpanStart";

    /// <summary>OA0015: with <see cref="OrdinalSpanStart"/>, the length of that name's span.</summary>
    public const string OrdinalSpanLength = "OrdinalSpanLength";

    /// <summary>
    /// OA0018: which fix applies (<c>UnverifiedTokenDecodedAnalyzer.InsertMustVerify</c> or
    /// <c>SetVerifyTrue</c>).
    /// </summary>
    public const string TokenLibraryFix = "OneAuth.Fix";

    /// <summary>OA0018, with <c>SetVerifyTrue</c>: where the literal <c>false</c> passed as <c>verify</c> starts.</summary>
    public const string VerifyAt = "OneAuth.VerifyAt";
}
