using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Analysis;

namespace OneAuth.Analyzers.Rules
{
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
                if (AppScopeSites.ValidAppId(start.Compilation) is not { } ownAppId)
                    return;

                // The app id of each foreign validator type met, or null for a type that is not one; read once per type.
                var foreign = new ConcurrentDictionary<ITypeSymbol, string?>(SymbolEqualityComparer.Default);
                IAssemblySymbol own = start.Compilation.Assembly;
                start.RegisterOperationAction(
                    c =>
                    {
                        switch (c.Operation)
                        {
                            case IObjectCreationOperation creation when creation.Type is { } created:
                                Check(c, created, own, ownAppId, foreign);
                                break;
                            case IInvocationOperation invocation:
                                Check(c, invocation.TargetMethod.ContainingType, own, ownAppId, foreign);
                                foreach (ITypeSymbol argument in invocation.TargetMethod.TypeArguments)
                                    Check(c, argument, own, ownAppId, foreign);
                                break;
                            case ITypeOfOperation typeOf:
                                Check(c, typeOf.TypeOperand, own, ownAppId, foreign);
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
                ownAppId));
        }

        /// <summary>The <c>AppId</c> constant of a validator that OneAuth generated, or null for any other type.</summary>
        private static string? ReadGeneratedAppId(ITypeSymbol type)
        {
            bool generated = false;
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" }
                    && attribute.ConstructorArguments.Length > 0
                    && attribute.ConstructorArguments[0].Value is "OneAuth.Analyzers")
                {
                    generated = true;
                    break;
                }
            }

            if (!generated)
                return null;

            foreach (ISymbol member in type.GetMembers("AppId"))
            {
                if (member is IFieldSymbol { IsConst: true, ConstantValue: string appId })
                    return appId;
            }

            return null;
        }
    }
}
