using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Rules;

/// <summary>OA0005: <c>RequireSignedTokens</c> set to false.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsignedTokensAllowedAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> Properties = ImmutableHashSet.Create("RequireSignedTokens");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnsignedTokensAllowed);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        ValidationSwitchRule.Register(context, Descriptors.UnsignedTokensAllowed, Properties);
    }
}
