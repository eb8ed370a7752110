using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA1005: a project that declares <c>[assembly: AppScope("orders")]</c> creates, resolves or calls the generated
/// <c>AppTokenValidator</c> of another assembly whose app id differs (a referenced library of app <c>payments</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ForeignAppValidatorUsedAnalyzer : DiagnosticAnalyzer
{
    private const string ValidatorName = "AppTokenValidator";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ForeignAppValidatorUsed);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (AppScopeSites.ReadAssemblyScope(start.Compilation) is not { AppId: { } ownAppId } scope
                || Shared.AppScopeValues.DescribeAppIdProblem(ownAppId) is not null)
                return;

            string ownValidator = OwnValidatorName(scope.Namespace, start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);

            // The app id of each foreign validator type met, or null for a type that is not one; read once per type.
            var foreign = new ConcurrentDictionary<ITypeSymbol, string?>(SymbolEqualityComparer.Default);
            IAssemblySymbol own = start.Compilation.Assembly;
            INamedTypeSymbol scopeAttribute = start.Compilation.GetTypeByMetadataName(Generator.AppScopeReader.AttributeMetadataName)!; // bound above
            start.RegisterOperationAction(
                c =>
                {
                    switch (c.Operation)
                    {
                        case IObjectCreationOperation creation when creation.Type is { } created:
                            Check(c, created, own, ownAppId, ownValidator, foreign);
                            break;
                        case IInvocationOperation invocation:
                            CheckHostingCall(c, invocation.TargetMethod, own, scopeAttribute, ownAppId, ownValidator);
                            Check(c, invocation.TargetMethod.ContainingType, own, ownAppId, ownValidator, foreign);
                            foreach (ITypeSymbol argument in invocation.TargetMethod.TypeArguments)
                                Check(c, argument, own, ownAppId, ownValidator, foreign);
                            break;
                        case ITypeOfOperation typeOf:
                            Check(c, typeOf.TypeOperand, own, ownAppId, ownValidator, foreign);
                            break;
                    }
                },
                OperationKind.ObjectCreation,
                OperationKind.Invocation,
                OperationKind.TypeOf);
        });
    }

    private static void Check(
        OperationAnalysisContext context,
        ITypeSymbol type,
        IAssemblySymbol own,
        string ownAppId,
        string ownValidator,
        ConcurrentDictionary<ITypeSymbol, string?> foreign)
    {
        if (type.Name != ValidatorName || type.TypeKind != TypeKind.Class || SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, own))
            return;

        string? appId = foreign.GetOrAdd(type, static t => ReadGeneratedAppId(t));
        if (appId is null || appId == ownAppId)
            return;

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.ForeignAppValidatorUsed,
            context.Operation.Syntax.GetLocation(),
            type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
            appId,
            ownAppId,
            ownValidator));
    }

    /// <summary>
    /// A generated hosting extension of another assembly (<c>AddAppToken()</c>, <c>AddAppTokenValidator()</c>, ...),
    /// reachable through InternalsVisibleTo where this project has none of its own: it registers that app's validator.
    /// </summary>
    private static void CheckHostingCall(OperationAnalysisContext context, IMethodSymbol method, IAssemblySymbol own, INamedTypeSymbol scopeAttribute, string ownAppId, string ownValidator)
    {
        if (!method.IsExtensionMethod
            || !method.Name.StartsWith("AddAppToken", StringComparison.Ordinal)
            || method.ContainingType is not { } type
            || SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, own)
            || !IsGeneratedByOneAuth(type)
            || ReadScopeAppId(type.ContainingAssembly, scopeAttribute) is not { } appId
            || appId == ownAppId)
            return;

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.ForeignAppValidatorUsed,
            context.Operation.Syntax.GetLocation(),
            method.Name + "() of " + type.ContainingAssembly.Name,
            appId,
            ownAppId,
            ownValidator));
    }

    /// <summary>The app id of an assembly's <c>[assembly: AppScope]</c>, or null.</summary>
    private static string? ReadScopeAppId(IAssemblySymbol assembly, INamedTypeSymbol scopeAttribute)
    {
        foreach (AttributeData attribute in assembly.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, scopeAttribute))
                return Generator.AppScopeReader.Read(attribute).AppId;
        }

        return null;
    }

    private static bool IsGeneratedByOneAuth(ITypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" }
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is "OneAuth.Analyzers")
                return true;
        }

        return false;
    }

    /// <summary>Where the generator puts this project's validator: AppScope's Namespace, else the root namespace.</summary>
    private static string OwnValidatorName(string? scopeNamespace, AnalyzerConfigOptions options)
    {
        string? ns = scopeNamespace;
        if (ns is null && Generator.BuildProperties.Read(options, "RootNamespace") is { } root && Generator.AppScopeRules.IsNamespace(root))
            ns = root;
        return ns is null ? "global::" + ValidatorName : ns + "." + ValidatorName;
    }

    /// <summary>The <c>AppId</c> constant of a validator that OneAuth generated, or null for any other type.</summary>
    private static string? ReadGeneratedAppId(ITypeSymbol type)
    {
        if (!IsGeneratedByOneAuth(type))
            return null;

        foreach (ISymbol member in type.GetMembers("AppId"))
        {
            if (member is IFieldSymbol { IsConst: true, ConstantValue: string appId })
                return appId;
        }

        return null;
    }
}
