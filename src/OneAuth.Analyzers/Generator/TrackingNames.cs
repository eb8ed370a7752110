namespace OneAuth.Analyzers.Generator;

/// <summary>Names of the incremental steps, looked up by the incrementality tests.</summary>
internal static class TrackingNames
{
    public const string ScopeParsed = nameof(ScopeParsed);
    public const string ScopePicked = nameof(ScopePicked);
    public const string BuildSettings = nameof(BuildSettings);
    public const string HostingFacts = nameof(HostingFacts);
    public const string ModelBuilt = nameof(ModelBuilt);
}
