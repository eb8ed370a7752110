using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Generator;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA1004: <c>[assembly: OneAuth.AppScope(...)]</c> is written but <c>OneAuth.AppScopeAttribute</c> does not exist in the
/// compilation. Only attributes that can only mean ours are reported: qualified with <c>OneAuth</c>, or unqualified in
/// a file (or project) that imports the <c>OneAuth</c> namespace, and bound to nothing at all.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppScopeRuntimeNotReferencedAnalyzer : DiagnosticAnalyzer
{
    private const string Namespace = "OneAuth";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AppScopeRuntimeNotReferenced);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AppScopeReader.AttributeMetadataName) is not null)
                return;

            start.RegisterSyntaxNodeAction(Analyze, SyntaxKind.Attribute);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var syntax = (AttributeSyntax)context.Node;
        if (!AppScopeSites.IsAssemblyAttribute(syntax))
            return;

        bool qualified;
        SimpleNameSyntax? name;
        switch (syntax.Name)
        {
            case IdentifierNameSyntax identifier:
                qualified = false;
                name = identifier;
                break;
            case QualifiedNameSyntax { Left: var left, Right: var right } when IsOneAuthNamespace(left):
                qualified = true;
                name = right;
                break;
            default:
                return;
        }

        if (name.Identifier.ValueText is not ("AppScope" or "AppScopeAttribute"))
            return;

        if (!qualified && !ImportsOneAuth(context.Compilation, syntax))
            return;

        SymbolInfo info = context.SemanticModel.GetSymbolInfo(syntax, context.CancellationToken);
        if (info.Symbol is not null || !info.CandidateSymbols.IsEmpty)
            return;

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.AppScopeRuntimeNotReferenced, syntax.Name.GetLocation(), syntax.Name.ToString()));
    }

    private static bool IsOneAuthNamespace(NameSyntax left) => left switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == Namespace,
        AliasQualifiedNameSyntax { Alias.Identifier.RawKind: (int)SyntaxKind.GlobalKeyword, Name: IdentifierNameSyntax identifier }
            => identifier.Identifier.ValueText == Namespace,
        _ => false,
    };

    /// <summary><c>using OneAuth;</c> in the attribute's file, or <c>global using OneAuth;</c> anywhere.</summary>
    private static bool ImportsOneAuth(Compilation compilation, AttributeSyntax syntax)
    {
        if (syntax.SyntaxTree.GetRoot() is CompilationUnitSyntax own && HasImport(own, globalOnly: false))
            return true;

        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree != syntax.SyntaxTree && tree.GetRoot() is CompilationUnitSyntax unit && HasImport(unit, globalOnly: true))
                return true;
        }

        return false;
    }

    private static bool HasImport(CompilationUnitSyntax unit, bool globalOnly)
    {
        foreach (UsingDirectiveSyntax directive in unit.Usings)
        {
            if (directive.Alias is null
                && directive.StaticKeyword.RawKind == 0
                && (!globalOnly || directive.GlobalKeyword.RawKind != 0)
                && directive.Name is { } name
                && (name is IdentifierNameSyntax { Identifier.ValueText: Namespace } || (name is AliasQualifiedNameSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: Namespace } } aq && aq.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword))))
                return true;
        }

        return false;
    }
}
