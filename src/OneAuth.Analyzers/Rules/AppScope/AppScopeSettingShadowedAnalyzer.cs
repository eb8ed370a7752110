using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Generator;
using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA1007: an MSBuild property (<c>OneAuthIssuer</c>, <c>OneAuthAudience</c>, <c>OneAuthJwksUri</c>) is set to a value
/// the generator ignores, because the AppScope attribute sets the same value differently (the attribute wins).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppScopeSettingShadowedAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AppScopeSettingShadowed);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        AppScopeSites.RegisterScopeAction(context, Analyze);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, AttributeSyntax syntax, ScopeArguments args)
    {
        AnalyzerConfigOptions options = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        Check(context, syntax, options, "OneAuthIssuer", "Issuer", args.Issuer);
        Check(context, syntax, options, "OneAuthAudience", "Audience", args.Audience);
        Check(context, syntax, options, "OneAuthJwksUri", "JwksUri", args.JwksUri);
    }

    private static void Check(SyntaxNodeAnalysisContext context, AttributeSyntax syntax, AnalyzerConfigOptions options, string property, string argument, string? fromAttribute)
    {
        if (fromAttribute is null
            || BuildProperties.Read(options, property) is not { } value
            || string.Equals(value, fromAttribute, StringComparison.Ordinal))
            return;

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AppScopeSettingShadowed,
            AppScopeSites.LocateNamedArgument(syntax, argument),
            property,
            value,
            argument,
            fromAttribute));
    }
}
