namespace OneAuth.Analyzers.Engine;

/// <summary>Whether a value written in source is proven to have a problem.</summary>
internal enum Verdict
{
    /// <summary>Not proven (the problem may still be there; the rules stay quiet).</summary>
    NotProven = 0,

    /// <summary>The value has the problem in every environment.</summary>
    Always,

    /// <summary>The value has the problem only in some hosting environments (for example outside production).</summary>
    InSomeEnvironments,
}
