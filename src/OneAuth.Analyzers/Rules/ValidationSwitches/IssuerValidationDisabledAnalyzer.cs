using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Rules;

/// <summary>OA0002: <c>ValidateIssuer</c> set to false.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IssuerValidationDisabledAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> Properties = ImmutableHashSet.Create("ValidateIssuer");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.IssuerValidationDisabled);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        ValidationSwitchRule.Register(context, Descriptors.IssuerValidationDisabled, Properties);
    }
}
