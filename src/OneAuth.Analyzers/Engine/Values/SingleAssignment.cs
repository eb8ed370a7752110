using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>Finds the one value a local receives when it is initialised once and never written again.</summary>
internal static class SingleAssignment
{
    public static bool TryGetOnlyValue(ILocalSymbol local, IOperation reference, CancellationToken ct, out IOperation? value)
    {
        value = null;
        SemanticModel? model = reference.SemanticModel;
        if (model is null || local.DeclaringSyntaxReferences.Length != 1)
            return false;

        SyntaxNode declaration = local.DeclaringSyntaxReferences[0].GetSyntax(ct);
        if (declaration is not VariableDeclaratorSyntax { Initializer.Value: { } initializerSyntax })
            return false;

        // The scope that can write the local: the enclosing member body (lambdas included).
        SyntaxNode? scope = declaration.FirstAncestorOrSelf<SyntaxNode>(static n =>
            n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
                or GlobalStatementSyntax or CompilationUnitSyntax);
        if (scope is null || scope.SyntaxTree != model.SyntaxTree)
            return false;

        IOperation? root = model.GetOperation(scope is GlobalStatementSyntax ? scope.Parent! : scope, ct);
        if (root is null)
            return false;

        foreach (IOperation operation in root.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (IsWrite(operation, local))
                return false;
        }

        value = model.GetOperation(LocalInitializers.InnerExpression(initializerSyntax), ct);
        return value is not null;
    }

    private static bool IsWrite(IOperation operation, ILocalSymbol local)
    {
        IOperation? target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
            _ => null,
        };

        if (target is ILocalReferenceOperation { Local: var written } && SymbolEqualityComparer.Default.Equals(written, local))
            return true;

        if (operation is IDeconstructionAssignmentOperation deconstruction)
        {
            foreach (IOperation part in deconstruction.Target.Descendants())
            {
                if (part is ILocalReferenceOperation { Local: var element } && SymbolEqualityComparer.Default.Equals(element, local))
                    return true;
            }
        }

        // ref locals or address-of could alias it: treat as a write.
        if (operation is IAddressOfOperation { Reference: ILocalReferenceOperation { Local: var addressed } }
            && SymbolEqualityComparer.Default.Equals(addressed, local))
            return true;

        return false;
    }
}
