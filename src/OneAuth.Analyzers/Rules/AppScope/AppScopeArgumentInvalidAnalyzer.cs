using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Generator;
using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Rules;

/// <summary>OA1003: AppScope <c>Audience</c> is empty, <c>TokenType</c> is not a media type, or <c>Namespace</c> is not a namespace.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppScopeArgumentInvalidAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AppScopeArgumentInvalid);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        AppScopeSites.RegisterScopeAction(context, Analyze);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, AttributeSyntax syntax, ScopeArguments args)
    {
        // The app id and the URIs have their own rules (OA1001, OA1002); the shared rules decide validity.
        foreach (AppScopeProblem problem in AppScopeRules.Validate("valid", null, args.Audience, null, args.TokenType, args.Namespace))
        {
            if (problem.Kind is AppScopeProblemKind.InvalidAudience or AppScopeProblemKind.InvalidTokenType or AppScopeProblemKind.InvalidNamespace)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AppScopeArgumentInvalid,
                    AppScopeSites.LocateNamedArgument(syntax, problem.Argument),
                    problem.Argument,
                    problem.Message));
            }
        }

        // The MSBuild property stands in for the attribute's Audience when the attribute leaves it out.
        if (args.Audience is null
            && BuildProperties.Read(context.Options.AnalyzerConfigOptionsProvider.GlobalOptions, "OneAuthAudience") is { } property
            && Shared.AppScopeValues.DescribeAudienceProblem(property) is { } propertyProblem)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AppScopeArgumentInvalid,
                syntax.GetLocation(),
                "Audience (from the MSBuild property OneAuthAudience)",
                propertyProblem));
        }
    }
}
