namespace OneAuth.Analyzers.Engine;

/// <summary>What the analyzers can prove about a boolean value written in source.</summary>
internal enum BoolValue
{
    /// <summary>Not known at compile time (a variable, configuration, a call).</summary>
    Unknown = 0,

    /// <summary>Always true.</summary>
    True,

    /// <summary>Always false.</summary>
    False,

    /// <summary>False in some hosting environments (for example <c>!env.IsDevelopment()</c>).</summary>
    FalseInSomeEnvironments,
}
