using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Rules;

/// <summary>OA0004: <c>ValidateIssuerSigningKey</c> set to false.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SigningKeyValidationDisabledAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> Properties = ImmutableHashSet.Create("ValidateIssuerSigningKey");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.SigningKeyValidationDisabled);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        ValidationSwitchRule.Register(context, Descriptors.SigningKeyValidationDisabled, Properties);
    }
}
