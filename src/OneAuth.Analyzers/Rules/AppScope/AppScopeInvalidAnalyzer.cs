using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Generator;
using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Rules;

/// <summary>OA1001: the AppScope application id is missing or invalid, so no validator is generated.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppScopeInvalidAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AppScopeInvalid);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        AppScopeSites.RegisterScopeAction(context, Analyze);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, AttributeSyntax syntax, ScopeArguments args)
    {
        if (Shared.AppScopeValues.DescribeAppIdProblem(args.AppId) is { } problem)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AppScopeInvalid, LocateAppId(syntax), problem));
    }

    private static Location LocateAppId(AttributeSyntax syntax)
    {
        if (syntax.ArgumentList is { } list)
        {
            // The constructor argument: the first positional one, or appId: written anywhere among the positional ones.
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals is null
                    && (argument.NameColon is null || argument.NameColon.Name.Identifier.ValueText == "appId"))
                    return argument.GetLocation();
            }
        }

        return syntax.GetLocation();
    }
}
