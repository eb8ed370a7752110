namespace OneAuth.Analyzers
{
    internal static class HelpLinks
    {
        public const string DocsRoot = "https://github.com/oneauth/OneAuth.Analyzers/blob/main/docs/rules/";

        public static string ForRule(string id) => DocsRoot + id + ".md";
    }
}
