using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Rules;

/// <summary>OA0003: <c>ValidateLifetime</c> or <c>RequireExpirationTime</c> set to false.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LifetimeValidationDisabledAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> Properties = ImmutableHashSet.Create("ValidateLifetime", "RequireExpirationTime");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LifetimeValidationDisabled);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        ValidationSwitchRule.Register(context, Descriptors.LifetimeValidationDisabled, Properties);
    }
}
