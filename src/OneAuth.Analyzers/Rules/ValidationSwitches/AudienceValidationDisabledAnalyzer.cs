using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Rules;

/// <summary>OA0001: <c>ValidateAudience</c> or <c>RequireAudience</c> set to false.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AudienceValidationDisabledAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> Properties = ImmutableHashSet.Create("ValidateAudience", "RequireAudience");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AudienceValidationDisabled);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        ValidationSwitchRule.Register(context, Descriptors.AudienceValidationDisabled, Properties);
    }
}
