using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Proves that a switch turned off is turned back on in straight-line code before anything can see it:
/// <c>var p = new TokenValidationParameters { ValidateAudience = false }; p.ValidateAudience = true;</c>. The proof is
/// deliberately narrow, and anything it does not understand keeps the finding. The forms it accepts are listed in
/// docs/rules/OA0001.md ("Cause", the paragraph on switches set back to true) and pinned by SwitchOverwritesTests.
/// </summary>
internal static class SwitchOverwrites
{
    /// <summary>True when the switch set by <paramref name="assignment"/> is set to true again before any use.</summary>
    public static bool IsOverwrittenBeforeUse(ISimpleAssignmentOperation assignment, IPropertySymbol property, CancellationToken ct)
    {
        if (!TryFindStatement(assignment, out IOperation? statement, out AccessPath? receiver))
            return false;

        return IsSetTrueLater(statement!, receiver!, property, ct);
    }

    /// <summary>
    /// True when the switch <paramref name="element"/> of a deconstruction statement
    /// (<c>(p.ValidateIssuer, p.ValidateAudience) = (false, true);</c>) sets is set to true again before any use.
    /// </summary>
    public static bool IsOverwrittenBeforeUse(IDeconstructionAssignmentOperation deconstruction, IPropertyReferenceOperation element, CancellationToken ct)
    {
        if (deconstruction.Parent is not IExpressionStatementOperation statement
            || element.Instance is not { } instance
            || AccessPath.Of(instance) is not { } receiver)
            return false;

        return IsSetTrueLater(statement, receiver, element.Property, ct);
    }

    private static bool IsSetTrueLater(IOperation statement, AccessPath receiver, IPropertySymbol property, CancellationToken ct)
    {
        if (statement.Parent is not IBlockOperation block)
            return false;

        ImmutableArray<IOperation> statements = block.Operations;
        int index = statements.IndexOf(statement);
        if (index < 0)
            return false;

        ITypeSymbol owner = property.ContainingType;
        for (int i = index + 1; i < statements.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            IOperation next = statements[i];
            if (SetsTrue(next, receiver, property, owner, ct))
                return true;
            if (!LeavesReceiverAlone(next, receiver, owner))
                return false;
        }

        return false;
    }

    private static bool TryFindStatement(ISimpleAssignmentOperation assignment, out IOperation? statement, out AccessPath? receiver)
    {
        statement = null;
        receiver = null;

        if (assignment.Parent is IExpressionStatementOperation expressionStatement)
        {
            if (assignment.Target is not IPropertyReferenceOperation { Instance: { } instance })
                return false;
            statement = expressionStatement;
            receiver = AccessPath.Of(instance);
            return receiver is not null;
        }

        if (assignment.Parent is not IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation })
            return false;

        IOperation stored = creation.OutermostImplicit();

        switch (stored.Parent)
        {
            // p = new ...;  o.TokenValidationParameters = new ...;
            case ISimpleAssignmentOperation store when store.Value == stored && store.Parent is IExpressionStatementOperation storeStatement:
                statement = storeStatement;
                receiver = AccessPath.Of(store.Target);
                return receiver is not null;

            // var p = new ...;  (one declarator, so nothing else in the statement can see it)
            case IVariableInitializerOperation
            {
                Parent: IVariableDeclaratorOperation
                {
                    Symbol: { IsRef: false } local,
                    Parent: IVariableDeclarationOperation
                    {
                        Declarators.Length: 1,
                        Parent: IVariableDeclarationGroupOperation { Declarations.Length: 1 } group,
                    },
                },
            }:
                statement = group;
                receiver = AccessPath.ForLocal(local);
                return true;

            default:
                return false;
        }
    }

    /// <summary>
    /// <c>receiver.Property = true;</c> as a whole statement, or a deconstruction statement whose tuple literal gives
    /// it <c>true</c> (<c>(p.ValidateIssuer, p.ValidateAudience) = (true, true);</c>), present in every build.
    /// </summary>
    private static bool SetsTrue(IOperation statement, AccessPath receiver, IPropertySymbol property, ITypeSymbol owner, CancellationToken ct)
    {
        if (statement is not IExpressionStatementOperation { Operation: { } operation })
            return false;

        bool setsTrue = operation switch
        {
            ISimpleAssignmentOperation { Target: { } target, Value: { } value } => SetsTrue(target, value, receiver, property, owner, ct),
            // Every value of the tuple literal is evaluated before any element is stored: all must stay clear of the receiver.
            IDeconstructionAssignmentOperation { Target: ITupleOperation targets, Value: { } values } when values.SkipConversions() is ITupleOperation literal
                && targets.Elements.Length == literal.Elements.Length
                => Enumerable.Range(0, targets.Elements.Length).Any(i => SetsTrue(targets.Elements[i], literal.Elements[i], receiver, property, owner, ct))
                   && IsQuiet(literal, receiver, owner),
            _ => false,
        };

        // Last: it reads every directive of the file up to the statement, and most statements set nothing.
        return setsTrue && !ConditionalCompilation.IsInsideDebugOnlyRegion(statement.Syntax);
    }

    private static bool SetsTrue(IOperation target, IOperation value, AccessPath receiver, IPropertySymbol property, ITypeSymbol owner, CancellationToken ct)
        => target is IPropertyReferenceOperation { Instance: { } instance } reference
           && SymbolEqualityComparer.Default.Equals(reference.Property, property)
           && receiver.MatchedLinks(instance) == receiver.Length
           && ValueEvaluator.EvaluateBool(value, ct) == BoolValue.True
           && IsQuiet(value, receiver, owner);

    private static bool LeavesReceiverAlone(IOperation statement, AccessPath receiver, ITypeSymbol owner)
    {
        if (IsMemberAssignment(statement, receiver, owner))
            return true;

        // Through this, any code could read the object: only member assignments are known to leave it alone.
        return !receiver.IsThis && IsQuiet(statement, receiver, owner);
    }

    /// <summary>
    /// <c>receiver.Other = value;</c> or <c>o.Authority = value;</c> for a receiver <c>o.TokenValidationParameters</c>:
    /// a member of the receiver or of a link of its chain, but not the next link (that would replace the object), or
    /// a member of an object the receiver holds (<c>o.TokenValidationParameters.ValidIssuer</c> for a receiver <c>o</c>).
    /// Setters of properties declared in this project could run any code, so only members from referenced libraries
    /// and fields count.
    /// </summary>
    private static bool IsMemberAssignment(IOperation statement, AccessPath receiver, ITypeSymbol owner)
    {
        if (statement is not IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: { } instance } target, Value: { } value } })
            return false;

        ISymbol member;
        switch (target)
        {
            case IPropertyReferenceOperation { Arguments.IsEmpty: true, Property: { IsStatic: false } property } when !IsDeclaredInSource(property):
                member = property;
                break;
            case IFieldReferenceOperation { Field: { IsStatic: false } field }:
                member = field;
                break;
            default:
                return false;
        }

        int length = receiver.MatchedLinks(instance);
        if (length < 0)
        {
            if (!receiver.Encloses(instance))
                return false;
        }
        else if (length < receiver.Length && SymbolEqualityComparer.Default.Equals(receiver.Member(length), member))
        {
            return false;
        }

        return IsQuiet(value, receiver, owner);
    }

    private static bool IsDeclaredInSource(ISymbol symbol)
    {
        foreach (Location location in symbol.Locations)
        {
            if (location.IsInSource)
                return true;
        }

        return false;
    }

    /// <summary>
    /// True when nothing in <paramref name="operation"/> can reach, capture or outrun the receiver. Conservative: a
    /// reference to the receiver's variable anywhere (lambdas capture it), any value of the switch's owner type, a call
    /// of a local function or delegate, and any return, jump, throw, label or await count as reaching it.
    /// </summary>
    private static bool IsQuiet(IOperation operation, AccessPath receiver, ITypeSymbol owner)
    {
        foreach (IOperation part in operation.DescendantsAndSelf())
        {
            switch (part)
            {
                case ILocalReferenceOperation { Local: var local } when receiver.IsRoot(local):
                case IParameterReferenceOperation { Parameter: var parameter } when receiver.IsRoot(parameter):
                case IInstanceReferenceOperation when receiver.IsThis:
                case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction or MethodKind.DelegateInvoke }:
                    return false;
                case IReturnOperation or IBranchOperation or IThrowOperation or ILabeledOperation or IAwaitOperation
                    when !InNestedFunction(part, operation):
                    return false;
            }

            if (IsSameOrDerived(part.Type, owner))
                return false;
        }

        return true;
    }

    private static bool InNestedFunction(IOperation part, IOperation root)
    {
        for (IOperation? current = part; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return true;
        }

        return false;
    }

    private static bool IsSameOrDerived(ITypeSymbol? type, ITypeSymbol owner)
    {
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, owner))
                return true;
        }

        return false;
    }

    /// <summary>
    /// A variable (local, by-value parameter, or <c>this</c>) followed by a chain of instance fields and
    /// properties without arguments: <c>p</c>, <c>o.TokenValidationParameters</c>, <c>this._parameters</c>.
    /// </summary>
    private sealed class AccessPath
    {
        private readonly ISymbol? _root;
        private readonly ImmutableArray<ISymbol> _members;

        private AccessPath(ISymbol? root, ImmutableArray<ISymbol> members)
        {
            _root = root;
            _members = members;
        }

        /// <summary>True when the chain starts at <c>this</c>.</summary>
        public bool IsThis => _root is null;

        public int Length => _members.Length;

        public ISymbol Member(int index) => _members[index];

        public bool IsRoot(ISymbol symbol) => _root is not null && SymbolEqualityComparer.Default.Equals(_root, symbol);

        public static AccessPath ForLocal(ILocalSymbol local) => new(local, ImmutableArray<ISymbol>.Empty);

        public static AccessPath? Of(IOperation operation)
        {
            var members = ImmutableArray.CreateBuilder<ISymbol>();
            for (int depth = 0; depth < DepthLimits.AccessPathLinks; depth++)
            {
                switch (operation)
                {
                    case IPropertyReferenceOperation { Arguments.IsEmpty: true, Property: { IsStatic: false, ReturnsByRef: false, ReturnsByRefReadonly: false } property, Instance: { } instance }:
                        members.Insert(0, property);
                        operation = instance;
                        continue;
                    case IFieldReferenceOperation { Field: { IsStatic: false } field, Instance: { } instance }:
                        members.Insert(0, field);
                        operation = instance;
                        continue;
                    case ILocalReferenceOperation { Local: { IsRef: false } local }:
                        return new AccessPath(local, members.ToImmutable());
                    case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }:
                        return new AccessPath(parameter, members.ToImmutable());
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } when members.Count > 0:
                        return new AccessPath(null, members.ToImmutable());
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// True when <paramref name="operation"/> reaches further into the receiver through fields and properties of
        /// referenced libraries (<c>o.TokenValidationParameters</c> for a receiver <c>o</c>): their getters only read.
        /// </summary>
        public bool Encloses(IOperation operation)
        {
            if (Of(operation) is not { } other || other.IsThis != IsThis || other.Length <= Length
                || (!IsThis && !SymbolEqualityComparer.Default.Equals(other._root, _root)))
                return false;

            for (int i = 0; i < other.Length; i++)
            {
                if (i < Length ? !SymbolEqualityComparer.Default.Equals(other._members[i], _members[i]) : IsDeclaredInSource(other._members[i]))
                    return false;
            }

            return true;
        }

        /// <summary>
        /// How many links of this receiver's chain <paramref name="operation"/> spells (0 = the variable itself,
        /// <see cref="Length"/> = the whole receiver), or -1 when it is something else.
        /// </summary>
        public int MatchedLinks(IOperation operation)
        {
            if (IsThis && operation is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
                return 0; // this itself

            if (Of(operation) is not { } other)
                return -1;

            if (other.IsThis != IsThis || (!IsThis && !SymbolEqualityComparer.Default.Equals(other._root, _root)) || other.Length > Length)
                return -1;

            for (int i = 0; i < other.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(other._members[i], _members[i]))
                    return -1;
            }

            return other.Length;
        }
    }
}
