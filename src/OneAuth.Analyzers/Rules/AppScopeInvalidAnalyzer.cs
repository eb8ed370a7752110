using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Generator;
using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Rules
{
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
            context.RegisterCompilationStartAction(static start =>
            {
                INamedTypeSymbol? attributeType = start.Compilation.GetTypeByMetadataName(AppScopeReader.AttributeMetadataName);
                if (attributeType is null)
                    return;

                start.RegisterSyntaxNodeAction(c => Analyze(c, attributeType), SyntaxKind.Attribute);
            });
        }

        private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol attributeType)
        {
            var syntax = (AttributeSyntax)context.Node;
            if (syntax.Parent is not AttributeListSyntax { Target.Identifier.RawKind: (int)SyntaxKind.AssemblyKeyword })
                return;

            foreach (AttributeData attribute in context.Compilation.Assembly.GetAttributes())
            {
                if (attribute.ApplicationSyntaxReference is not { } reference
                    || reference.SyntaxTree != syntax.SyntaxTree
                    || reference.Span != syntax.Span
                    || !SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                    continue;

                ScopeArguments args = AppScopeReader.Read(attribute);
                if (!args.IsComplete)
                    return; // the compiler already reports why the attribute does not bind

                if (AppScopeRules.DescribeAppIdProblem(args.AppId) is { } problem)
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.AppScopeInvalid, LocateAppId(syntax), problem));
                return;
            }
        }

        private static Location LocateAppId(AttributeSyntax syntax)
        {
            if (syntax.ArgumentList is { Arguments.Count: > 0 } list
                && list.Arguments[0].NameEquals is null
                && list.Arguments[0].NameColon is null)
                return list.Arguments[0].GetLocation();

            return syntax.GetLocation();
        }
    }
}
