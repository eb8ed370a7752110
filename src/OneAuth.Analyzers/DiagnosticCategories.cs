namespace OneAuth.Analyzers;

internal static class DiagnosticCategories
{
    public const string Security = "Security";
    public const string Usage = "Usage";
}
