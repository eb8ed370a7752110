using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Tests.Infrastructure;

/// <summary>What the package ships, found as the compiler and the IDE find it: exported analyzers and code fix providers.</summary>
internal static class PackageComponents
{
    public static IEnumerable<Type> AnalyzerTypes()
        => typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null);

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers()
        => AnalyzerTypes().Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    public static IEnumerable<DiagnosticDescriptor> Descriptors()
        => Analyzers().SelectMany(a => a.SupportedDiagnostics);

    public static ImmutableArray<CodeFixProvider> CodeFixProviders()
        => typeof(CodeFixes.AudienceValidationDisabledCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
