using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Creates the diagnostics of every rule whose findings may depend on the environment: a finding that holds in every
/// environment keeps the descriptor's severity, one that holds only in some hosting environments is reported
/// at Info with the <see cref="DiagnosticProperties.EnvironmentDependent"/> property set.
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
            properties: properties.SetItem(DiagnosticProperties.EnvironmentDependent, "true"),
            messageArgs);
    }
}
