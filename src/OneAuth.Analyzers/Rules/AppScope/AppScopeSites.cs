using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Generator;
using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Finds <c>[assembly: OneAuth.AppScope(...)]</c> applications and the syntax of their arguments, for the rules
/// that report AppScope problems at the argument that causes them and the rules that need this assembly's app id.
/// </summary>
internal static class AppScopeSites
{
    /// <summary>
    /// Calls <paramref name="analyze"/> for every AppScope application whose arguments bind (when they do not, the
    /// compiler already says why), and registers nothing when the runtime's attribute type is not referenced.
    /// The shared registration of the OA1xxx rules that report at the attribute.
    /// </summary>
    public static void RegisterScopeAction(AnalysisContext context, Action<SyntaxNodeAnalysisContext, AttributeSyntax, ScopeArguments> analyze)
    {
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? attributeType = start.Compilation.GetTypeByMetadataName(AppScopeReader.AttributeMetadataName);
            if (attributeType is null)
                return;

            start.RegisterSyntaxNodeAction(
                c =>
                {
                    var syntax = (AttributeSyntax)c.Node;
                    if (FindApplication(c.Compilation, syntax, attributeType) is { } attribute
                        && AppScopeReader.Read(attribute) is { IsComplete: true } args)
                        analyze(c, syntax, args);
                },
                SyntaxKind.Attribute);
        });
    }

    /// <summary>True for an attribute written in an <c>[assembly: ...]</c> list.</summary>
    public static bool IsAssemblyAttribute(AttributeSyntax syntax)
        => syntax.Parent is AttributeListSyntax { Target.Identifier.RawKind: (int)SyntaxKind.AssemblyKeyword };

    /// <summary>The AppScope application that <paramref name="syntax"/> wrote, or null for any other attribute.</summary>
    public static AttributeData? FindApplication(Compilation compilation, AttributeSyntax syntax, INamedTypeSymbol attributeType)
    {
        if (!IsAssemblyAttribute(syntax))
            return null;

        foreach (AttributeData attribute in compilation.Assembly.GetAttributes())
        {
            if (attribute.ApplicationSyntaxReference is { } reference
                && reference.SyntaxTree == syntax.SyntaxTree
                && reference.Span == syntax.Span
                && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                return attribute;
        }

        return null;
    }

    /// <summary>
    /// The arguments of this assembly's one AppScope, or null when there is none or the attribute does not bind
    /// (duplicates are a compiler error and also yield null).
    /// </summary>
    public static ScopeArguments? ReadAssemblyScope(Compilation compilation)
    {
        INamedTypeSymbol? attributeType = compilation.GetTypeByMetadataName(AppScopeReader.AttributeMetadataName);
        if (attributeType is null)
            return null;

        ScopeArguments? found = null;
        foreach (AttributeData attribute in compilation.Assembly.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                continue;
            if (found is not null)
                return null;
            found = AppScopeReader.Read(attribute);
        }

        return found is { IsComplete: true } ? found : null;
    }

    /// <summary>The app id of this assembly's AppScope when it has one and the id is valid.</summary>
    public static string? ValidAppId(Compilation compilation)
        => ReadAssemblyScope(compilation) is { AppId: { } appId } && Shared.AppScopeValues.DescribeAppIdProblem(appId) is null
            ? appId
            : null;

    /// <summary>The value of the named argument <paramref name="name"/>, or the whole attribute when it is not written.</summary>
    public static Location LocateNamedArgument(AttributeSyntax syntax, string name)
    {
        if (syntax.ArgumentList is { } list)
        {
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                    return argument.Expression.GetLocation();
            }
        }

        return syntax.GetLocation();
    }
}
