using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace OneAuth.Analyzers.Analysis;

/// <summary>
/// Creates the diagnostics of the rules that are not simple switches: a finding that holds in every
/// environment keeps the descriptor's severity, one that holds only in some hosting environments is reported
/// at Info with the <see cref="FlagRule.EnvironmentDependentProperty"/> property set.
/// </summary>
internal static class Findings
{
    public static Diagnostic Create(
        DiagnosticDescriptor descriptor,
        Location location,
        bool environmentDependent,
        ImmutableDictionary<string, string?>? properties,
        params object?[] messageArgs)
    {
        properties ??= ImmutableDictionary<string, string?>.Empty;
        if (!environmentDependent)
            return Diagnostic.Create(descriptor, location, properties, messageArgs);

        return Diagnostic.Create(
            descriptor,
            location,
            DiagnosticSeverity.Info,
            additionalLocations: null,
            properties: properties.SetItem(FlagRule.EnvironmentDependentProperty, "true"),
            messageArgs);
    }
}
