using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Rules;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Creates the diagnostics of the rules that are not simple switches: a finding that holds in every
/// environment keeps the descriptor's severity, one that holds only in some hosting environments is reported
/// at Info with the <see cref="ValidationSwitchRule.EnvironmentDependentProperty"/> property set.
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
            properties: properties.SetItem(ValidationSwitchRule.EnvironmentDependentProperty, "true"),
            messageArgs);
    }
}
