using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Generator;
using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA1006: a class library declares AppScope but references OneAuth.Analyzers with <c>PrivateAssets</c> that keep
/// OneAuth.Runtime from flowing to the projects that reference it (<c>all</c> or <c>runtime</c>). The package's build
/// props pass the reference's metadata in as <c>build_property.OneAuthPrivateAssets</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppScopeRuntimeNotFlowingAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AppScopeRuntimeNotFlowing);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        AppScopeSites.RegisterScopeAction(context, Analyze);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, AttributeSyntax syntax, ScopeArguments args)
    {
        AnalyzerConfigOptions options = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        if (!string.Equals(BuildProperties.Read(options, "OutputType"), "Library", StringComparison.OrdinalIgnoreCase))
            return; // an application is not referenced by others, so nothing has to flow

        if (BuildProperties.Read(options, "OneAuthPrivateAssets") is not { } privateAssets || !KeepsRuntime(privateAssets))
            return;

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AppScopeRuntimeNotFlowing,
            syntax.GetLocation(),
            "PrivateAssets=\"" + privateAssets + "\""));
    }

    /// <summary>True when the asset list holds <c>all</c> or <c>runtime</c> (NuGet compares them case-insensitively).</summary>
    internal static bool KeepsRuntime(string privateAssets)
    {
        foreach (string part in privateAssets.Split(';', ','))
        {
            string asset = part.Trim();
            if (string.Equals(asset, "all", StringComparison.OrdinalIgnoreCase) || string.Equals(asset, "runtime", StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }
}
