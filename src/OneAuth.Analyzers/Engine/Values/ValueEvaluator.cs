using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Proves what a value written in source evaluates to, looking through the ways code spells a constant:
/// literals, <c>const</c> locals and fields, <c>static readonly</c> fields with a constant initializer,
/// locals assigned exactly once, <c>!</c>, conditional expressions, conversions and the parse calls of
/// <see cref="ConstantParsing"/> on a constant string (<c>bool.Parse("false")</c>). Anything else is unknown,
/// and an unknown value is never reported: a security analyzer that guesses gets switched off.
/// </summary>
internal static class ValueEvaluator
{
    public static BoolValue EvaluateBool(IOperation? operation, CancellationToken cancellationToken)
        => EvaluateBool(operation, 0, cancellationToken);

    private static BoolValue EvaluateBool(IOperation? operation, int depth, CancellationToken ct)
    {
        if (operation is null || depth > DepthLimits.ValueSteps)
            return BoolValue.Unknown;

        ct.ThrowIfCancellationRequested();

        if (operation.ConstantValue is { HasValue: true, Value: bool constant })
            return constant ? BoolValue.True : BoolValue.False;

        switch (operation)
        {
            case IConversionOperation or IParenthesizedOperation:
                return EvaluateBool(operation.SkipConversions(), depth + 1, ct);

            case ISimpleAssignmentOperation chained:
                // p.ValidateAudience = p.ValidateIssuer = false
                return EvaluateBool(chained.Value, depth + 1, ct);

            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Negate(EvaluateBool(not.Operand, depth + 1, ct));

            case IConditionalOperation { WhenFalse: not null } conditional:
            {
                BoolValue whenTrue = EvaluateBool(conditional.WhenTrue, depth + 1, ct);
                BoolValue whenFalse = EvaluateBool(conditional.WhenFalse, depth + 1, ct);
                if (whenTrue == whenFalse)
                    return whenTrue;
                bool oneBranchFalse = whenTrue is BoolValue.False or BoolValue.FalseInSomeEnvironments
                    || whenFalse is BoolValue.False or BoolValue.FalseInSomeEnvironments;
                return oneBranchFalse && EnvironmentChecks.IsEnvironmentDependent(conditional.Condition, ct)
                    ? BoolValue.FalseInSomeEnvironments
                    : BoolValue.Unknown;
            }

            case IFieldReferenceOperation fieldReference:
                return EvaluateField(fieldReference.Field, operation, depth, ct);

            case ILocalReferenceOperation localReference:
                return EvaluateLocal(localReference, depth, ct);

            case ISwitchExpressionOperation { Arms.Length: > 0 } switchExpression:
            {
                // env.EnvironmentName switch { "Development" => false, _ => true }
                BoolValue first = EvaluateBool(switchExpression.Arms[0].Value, depth + 1, ct);
                bool same = true, anyFalse = first is BoolValue.False or BoolValue.FalseInSomeEnvironments;
                for (int i = 1; i < switchExpression.Arms.Length; i++)
                {
                    BoolValue arm = EvaluateBool(switchExpression.Arms[i].Value, depth + 1, ct);
                    same &= arm == first;
                    anyFalse |= arm is BoolValue.False or BoolValue.FalseInSomeEnvironments;
                }

                if (same)
                    return first;
                return anyFalse && EnvironmentChecks.IsEnvironmentSelector(switchExpression.Value, ct) ? BoolValue.FalseInSomeEnvironments : BoolValue.Unknown;
            }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                return Combine(logical.OperatorKind == BinaryOperatorKind.ConditionalAnd,
                    EvaluateBool(logical.LeftOperand, depth + 1, ct),
                    EvaluateBool(logical.RightOperand, depth + 1, ct));

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when comparison.LeftOperand.ConstantValue is { HasValue: true, Value: bool } || comparison.RightOperand.ConstantValue is { HasValue: true, Value: bool }:
            {
                // x == false, x != true
                bool leftConstant = comparison.LeftOperand.ConstantValue is { HasValue: true, Value: bool };
                bool fixedSide = (bool)(leftConstant ? comparison.LeftOperand : comparison.RightOperand).ConstantValue.Value!;
                BoolValue other = EvaluateBool(leftConstant ? comparison.RightOperand : comparison.LeftOperand, depth + 1, ct);
                bool same = fixedSide == (comparison.OperatorKind == BinaryOperatorKind.Equals);
                return same ? other : Negate(other);
            }

            case IInvocationOperation invocation when ConstantParsing.ParseBool(invocation, ct) is { } parsed:
                // bool.Parse("false"), Convert.ToBoolean("False"): a constant spelled as a string.
                return parsed ? BoolValue.True : BoolValue.False;

            case IInvocationOperation or IPropertyReferenceOperation or IBinaryOperation or IIsPatternOperation when EnvironmentChecks.IsEnvironmentDependent(operation, ct):
                // env.IsProduction() is false outside production.
                return BoolValue.FalseInSomeEnvironments;

            case IPropertyReferenceOperation { Property: { IsStatic: true, SetMethod: null, IsIndexer: false } property } propertyReference
                when TryGetPropertyValue(property, propertyReference, out IOperation? propertyValue):
            {
                BoolValue value = EvaluateBool(propertyValue, depth + 1, ct);
                return value is BoolValue.True or BoolValue.False ? value : BoolValue.Unknown;
            }

            default:
                return BoolValue.Unknown;
        }
    }

    /// <summary>
    /// A value not known here that is a conditional or switch expression with an arm that is always false
    /// (<c>mode switch { Mode.Lenient => false, _ => true }</c>, <c>string.IsNullOrEmpty(issuer) ? false : true</c>),
    /// also through a single-assignment local: whoever picks that input turns the check off. A conditional that
    /// only mirrors a plain flag (<c>flag ? true : false</c>, <c>flag ? false : true</c>) is the flag itself, a
    /// setting like any other, and is not counted.
    /// </summary>
    public static bool IsFalseForSomeInputs(IOperation? operation, CancellationToken ct)
        => IsFalseForSomeInputs(operation, 0, ct);

    private static bool IsFalseForSomeInputs(IOperation? operation, int depth, CancellationToken ct)
    {
        operation = Unwrap(operation, ct);
        if (operation is null || depth > DepthLimits.ValueSteps)
            return false;

        switch (operation)
        {
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
            {
                BoolValue whenTrue = EvaluateBool(conditional.WhenTrue, depth + 1, ct);
                BoolValue otherwise = EvaluateBool(whenFalse, depth + 1, ct);
                if (whenTrue is BoolValue.True or BoolValue.False && otherwise is BoolValue.True or BoolValue.False
                    && whenTrue != otherwise && IsPlainFlag(conditional.Condition))
                    return false;

                return whenTrue == BoolValue.False || otherwise == BoolValue.False
                    || IsFalseForSomeInputs(conditional.WhenTrue, depth + 1, ct)
                    || IsFalseForSomeInputs(whenFalse, depth + 1, ct);
            }

            case ISwitchExpressionOperation switchExpression:
                foreach (ISwitchExpressionArmOperation arm in switchExpression.Arms)
                {
                    if (EvaluateBool(arm.Value, depth + 1, ct) == BoolValue.False || IsFalseForSomeInputs(arm.Value, depth + 1, ct))
                        return true;
                }

                return false;

            default:
                return false;
        }
    }

    /// <summary>A bool read straight from a local, parameter, field or property (negated or not).</summary>
    private static bool IsPlainFlag(IOperation condition)
    {
        condition = condition.SkipConversions()!;
        while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            condition = not.Operand.SkipConversions()!;

        return condition is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
            or IPropertyReferenceOperation { Property.IsIndexer: false };
    }

    /// <summary>
    /// Follows conversions, parentheses, single-assignment locals, <c>static readonly</c> fields and static
    /// get-only properties (declared in the same file) to the expression that produced a value. Returns the input when there is nothing to follow.
    /// </summary>
    public static IOperation? Unwrap(IOperation? operation, CancellationToken ct)
        => Unwrap(operation, followMembers: true, ct);

    /// <summary>
    /// As <see cref="Unwrap(IOperation?, CancellationToken)"/>, but only through conversions, parentheses and
    /// single-assignment locals: for values that fields and properties do not hold in practice (a token parsed in
    /// the method, a delegate that the caller resolves on its own).
    /// </summary>
    public static IOperation? UnwrapLocals(IOperation? operation, CancellationToken ct)
        => Unwrap(operation, followMembers: false, ct);

    private static IOperation? Unwrap(IOperation? operation, bool followMembers, CancellationToken ct)
    {
        for (int depth = 0; operation is not null && depth < DepthLimits.ValueSteps; depth++)
        {
            ct.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IConversionOperation or IParenthesizedOperation:
                    operation = operation.SkipConversions();
                    continue;
                case ILocalReferenceOperation { Local: { IsRef: false, IsConst: false } local } reference:
                    if (!SingleAssignment.TryGetOnlyValue(local, reference, ct, out IOperation? value))
                        return operation;
                    operation = value;
                    continue;
                case IFieldReferenceOperation { Field: { IsReadOnly: true, IsConst: false } field } reference when followMembers && HasOnlyItsInitializer(field, ct):
                    if (!TryGetInitializer(field, reference, out IOperation? initializer))
                        return operation;
                    operation = initializer;
                    continue;
                case IPropertyReferenceOperation { Property: { IsStatic: true, SetMethod: null, IsIndexer: false } property } reference when followMembers:
                    // static string Key { get; } = "..."; static string Key => "...";
                    if (!TryGetPropertyValue(property, reference, out IOperation? propertyValue))
                        return operation;
                    operation = propertyValue;
                    continue;
                default:
                    return operation;
            }
        }

        return operation;
    }

    /// <summary>
    /// The string a value always has (a constant, or a <c>static readonly</c>/single-assignment copy of one; a
    /// <c>static readonly</c> field declared in another file counts when its initializer is a string literal).
    /// </summary>
    public static string? EvaluateString(IOperation? operation, CancellationToken ct)
    {
        if (operation?.ConstantValue is { HasValue: true, Value: string constant })
            return constant;

        IOperation? unwrapped = Unwrap(operation, ct);
        if (unwrapped?.ConstantValue is { HasValue: true, Value: string value })
            return value;

        return unwrapped is IFieldReferenceOperation { Field: { IsReadOnly: true } field } && HasOnlyItsInitializer(field, ct) ? StringLiteralInitializerOf(field, ct) : null;
    }

    private static string? StringLiteralInitializerOf(IFieldSymbol field, CancellationToken ct)
    {
        foreach (SyntaxReference declaration in field.DeclaringSyntaxReferences)
        {
            if (declaration.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal }
                && literal.IsKind(SyntaxKind.StringLiteralExpression))
                return literal.Token.ValueText;
        }

        return null;
    }

    /// <summary>
    /// The value of a static get-only property declared in the same file: its initializer
    /// (<c>{ get; } = value</c>) or its expression body (<c>=> value</c>).
    /// </summary>
    private static bool TryGetPropertyValue(IPropertySymbol property, IOperation reference, out IOperation? value)
    {
        value = null;
        SemanticModel? model = reference.SemanticModel;
        if (model is null || property.DeclaringSyntaxReferences.Length != 1)
            return false;

        SyntaxReference declaration = property.DeclaringSyntaxReferences[0];
        if (declaration.SyntaxTree != model.SyntaxTree || declaration.GetSyntax() is not PropertyDeclarationSyntax syntax)
            return false;

        ExpressionSyntax? expression = syntax.ExpressionBody?.Expression;
        if (expression is null && syntax.Initializer is { Value: { } initial }
            && syntax.AccessorList is { } accessors
            && accessors.Accessors.All(static a => a.IsKind(SyntaxKind.GetAccessorDeclaration) && a.Body is null && a.ExpressionBody is null))
            expression = initial;

        if (expression is null)
            return false;

        value = model.GetOperation(expression);
        return value is not null;
    }

    /// <summary>
    /// The elements of a collection written in source: array creations, collection expressions and collection
    /// initializers (<c>new List&lt;string&gt; { ... }</c>), also through locals and fields. Each element comes
    /// with its string value when that is a constant (else null). False when the collection is not visible.
    /// </summary>
    public static bool TryGetElements(IOperation? operation, CancellationToken ct, out ImmutableArray<(IOperation Element, string? Value)> elements)
        => TryGetElements(operation, 0, ct, out elements);

    private static bool TryGetElements(IOperation? operation, int depth, CancellationToken ct, out ImmutableArray<(IOperation Element, string? Value)> elements)
    {
        elements = default;
        if (depth > DepthLimits.ValueSteps)
            return false;

        IOperation? source = Unwrap(operation, ct);
        IEnumerable<IOperation>? items = source switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            IArrayInitializerOperation initializer => initializer.ElementValues,
            ICollectionExpressionOperation collection => collection.Elements,
            IObjectCreationOperation { Initializer: { } initializer } creation when creation.Arguments.IsEmpty => CollectionItems(initializer),
            IObjectCreationOperation { Initializer: null } creation when creation.Arguments.IsEmpty => new List<IOperation>(),
            // new List<string>(new[] { ... }), new[] { ... }.ToList()
            IObjectCreationOperation { Initializer: null, Arguments.Length: 1 } copy
                when copy.Arguments[0].Value.Type is { SpecialType: not SpecialType.System_Int32 } && TryGetElements(copy.Arguments[0].Value, depth + 1, ct, out var copied)
                => copied.Select(static e => e.Element).ToList(),
            IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" or "ToHashSet" or "AsEnumerable" } conversion
                when (conversion.Instance ?? (conversion.Arguments.Length == 1 ? conversion.Arguments[0].Value : null)) is { } receiver
                     && TryGetElements(receiver, depth + 1, ct, out var converted)
                => converted.Select(static e => e.Element).ToList(),
            _ => null,
        };
        if (items is null)
            return false;

        // A list kept in a local and filled with Add after it was created: the adds are elements too.
        if (source is IObjectCreationOperation && operation.SkipConversions() is ILocalReferenceOperation list)
        {
            if (!TryGetAddedItems(list, ct, out List<IOperation>? added))
                return false;
            items = new List<IOperation>(items).Concat(added);
        }
        else if (source is IObjectCreationOperation { Initializer: null, Arguments.IsEmpty: true })
        {
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<(IOperation, string?)>();
        foreach (IOperation item in items)
        {
            if (item is ISpreadOperation)
                return false;
            builder.Add((item, EvaluateString(item, ct)));
        }

        elements = builder.ToImmutable();
        return true;
    }

    /// <summary>
    /// The items passed to <c>list.Add(x)</c>/<c>list.Insert(i, x)</c> anywhere in the member. False when the list is
    /// changed any other way (removals, AddRange, handed to another method): its content is then unknown.
    /// </summary>
    private static bool TryGetAddedItems(ILocalReferenceOperation list, CancellationToken ct, out List<IOperation> added)
    {
        added = new List<IOperation>();
        IOperation root = list.Root();

        foreach (IOperation operation in root.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (operation is not ILocalReferenceOperation use || !SymbolEqualityComparer.Default.Equals(use.Local, list.Local) || use == list)
                continue;

            IOperation outer = use.Outermost();

            switch (outer.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add when add.Instance == outer:
                    added.Add(add.Arguments[0].Value);
                    break;
                case IInvocationOperation { TargetMethod.Name: "Insert", Arguments.Length: 2 } insert when insert.Instance == outer:
                    added.Add(insert.Arguments[1].Value);
                    break;
                case IInvocationOperation { TargetMethod.Name: "Contains" or "IndexOf" or "ToArray" or "ToList" } read when read.Instance == outer:
                case IPropertyReferenceOperation { Property.Name: "Count" }:
                case ISimpleAssignmentOperation assignment when assignment.Value == outer:
                case IVariableInitializerOperation:
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static List<IOperation>? CollectionItems(IObjectOrCollectionInitializerOperation initializer)
    {
        var items = new List<IOperation>();
        foreach (IOperation item in initializer.Initializers)
        {
            switch (item)
            {
                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add:
                    items.Add(add.Arguments[0].Value);
                    break;
                default:
                    return null;
            }
        }

        return items;
    }

    /// <summary>
    /// <c>a &amp;&amp; b</c> / <c>a || b</c>: false when one side of <c>&amp;&amp;</c> is always false, true when one side
    /// of <c>||</c> is always true, environment dependent when the other side cannot rescue an environment check
    /// (an environment check joined by <c>&amp;&amp;</c> to anything not always true).
    /// </summary>
    private static BoolValue Combine(bool and, BoolValue left, BoolValue right)
    {
        BoolValue absorbing = and ? BoolValue.False : BoolValue.True;
        BoolValue neutral = and ? BoolValue.True : BoolValue.False;
        if (left == absorbing || right == absorbing)
            return absorbing;
        if (left == neutral)
            return right;
        if (right == neutral)
            return left;
        if (left == BoolValue.FalseInSomeEnvironments && right == BoolValue.FalseInSomeEnvironments)
            return BoolValue.FalseInSomeEnvironments;
        // !env.IsDevelopment() && url.StartsWith("https"): false in development whatever the other side says,
        // and false elsewhere for some values of it.
        if (and && (left == BoolValue.FalseInSomeEnvironments || right == BoolValue.FalseInSomeEnvironments))
            return BoolValue.FalseInSomeEnvironments;
        return BoolValue.Unknown;
    }

    private static BoolValue Negate(BoolValue value) => value switch
    {
        BoolValue.True => BoolValue.False,
        BoolValue.False => BoolValue.True,
        // !env.IsDevelopment() is false in development and true elsewhere: still environment dependent.
        BoolValue.FalseInSomeEnvironments => BoolValue.FalseInSomeEnvironments,
        _ => BoolValue.Unknown,
    };

    private static BoolValue EvaluateField(IFieldSymbol field, IOperation reference, int depth, CancellationToken ct)
    {
        // const fields already have a ConstantValue; readonly fields need their initializer, and so do fields that
        // are not readonly but that nothing assigns again (private static bool ValidateAudience = false;).
        if (field.IsReadOnly ? !HasOnlyItsInitializer(field, ct)
            : field.IsConst || reference.SemanticModel is not { } model || !IsNeverReassigned(field, model.Compilation, ct))
            return BoolValue.Unknown;

        if (!TryGetInitializer(field, reference, out IOperation? initializer))
            return LiteralInitializerOf(field);

        BoolValue value = EvaluateBool(initializer, depth + 1, ct);
        // A static readonly field set from a call that depends on the environment cannot be judged here.
        return value is BoolValue.True or BoolValue.False ? value : BoolValue.Unknown;
    }

    private static BoolValue EvaluateLocal(ILocalReferenceOperation reference, int depth, CancellationToken ct)
    {
        ILocalSymbol local = reference.Local;
        if (local.IsRef || local.IsConst)
            return BoolValue.Unknown;

        if (!SingleAssignment.TryGetOnlyValue(local, reference, ct, out IOperation? value))
            return BoolValue.Unknown;

        return EvaluateBool(value, depth + 1, ct);
    }

    /// <summary>A field declared in another file: only a literal initializer is trusted.</summary>
    private static BoolValue LiteralInitializerOf(IFieldSymbol field)
    {
        foreach (SyntaxReference declaration in field.DeclaringSyntaxReferences)
        {
            if (declaration.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
            {
                return value.Kind() switch
                {
                    SyntaxKind.TrueLiteralExpression => BoolValue.True,
                    SyntaxKind.FalseLiteralExpression => BoolValue.False,
                    _ => BoolValue.Unknown,
                };
            }
        }

        return BoolValue.Unknown;
    }

    /// <summary>
    /// A readonly field keeps the value of its initializer: always for a static field (as far as the rules go),
    /// and for an instance field when no constructor of its type assigns it (checked by name, so any doubt
    /// counts as assigned).
    /// </summary>
    internal static bool HasOnlyItsInitializer(IFieldSymbol field, CancellationToken ct)
    {
        if (field.IsStatic)
            return true;

        foreach (SyntaxReference typeDeclaration in field.ContainingType.DeclaringSyntaxReferences)
        {
            if (typeDeclaration.GetSyntax(ct) is not TypeDeclarationSyntax type)
                return false;

            // Constructors and init accessors are the only places besides the initializer that may write it.
            foreach (SyntaxNode constructor in type.Members.OfType<ConstructorDeclarationSyntax>().Cast<SyntaxNode>()
                         .Concat(type.DescendantNodes().OfType<AccessorDeclarationSyntax>().Where(static a => a.IsKind(SyntaxKind.InitAccessorDeclaration))))
            {

                foreach (AssignmentExpressionSyntax assignment in constructor.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    ExpressionSyntax target = assignment.Left;
                    string? name = target switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        _ => null,
                    };
                    if (name is null || name == field.Name)
                        return false;
                }

                // Passed by ref or out from a constructor: assigned there too.
                foreach (ArgumentSyntax argument in constructor.DescendantNodes().OfType<ArgumentSyntax>())
                {
                    if (!argument.RefKindKeyword.IsKind(SyntaxKind.None))
                        return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A field that is not readonly but that nothing writes after its initializer. Writes are found by name, so any
    /// doubt counts as a write: an assignment of any kind (also in object initializers and deconstructions), an
    /// increment or decrement, or a <c>ref</c>/<c>out</c> argument naming it; searched in the declaring type for a
    /// private field and in every file of the project otherwise.
    /// </summary>
    internal static bool IsNeverReassigned(IFieldSymbol field, Compilation compilation, CancellationToken ct)
    {
        if (field.DeclaredAccessibility != Accessibility.Private)
            return !WrittenNames.GetValue(compilation, static c => new WrittenNameSet(c)).Contains(field.Name, ct);

        foreach (SyntaxReference declaration in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode node in declaration.GetSyntax(ct).DescendantNodes())
            {
                if (WrittenName(node) is { } name && (name == field.Name || (name.Length == 0 && WritesInTuple(node, field.Name))))
                    return false;
            }
        }

        return true;
    }

    // The names written anywhere in a compilation, collected once on first use: a field that is not private may be
    // written from any file, and the rules ask about such fields more than once per build.
    private static readonly ConditionalWeakTable<Compilation, WrittenNameSet> WrittenNames = new();

    private sealed class WrittenNameSet
    {
        private readonly Compilation _compilation;
        private HashSet<string>? _names;

        public WrittenNameSet(Compilation compilation) => _compilation = compilation;

        public bool Contains(string name, CancellationToken ct)
        {
            HashSet<string>? names = Volatile.Read(ref _names);
            if (names is null)
            {
                names = new HashSet<string>(StringComparer.Ordinal);
                foreach (SyntaxTree tree in _compilation.SyntaxTrees)
                {
                    foreach (SyntaxNode node in tree.GetRoot(ct).DescendantNodes())
                    {
                        if (WrittenName(node) is not { } written)
                            continue;
                        if (written.Length > 0)
                            names.Add(written);
                        else
                            names.UnionWith(((AssignmentExpressionSyntax)node).Left.DescendantNodes().OfType<IdentifierNameSyntax>().Select(static i => i.Identifier.ValueText));
                    }
                }

                // A race only repeats the collection.
                Volatile.Write(ref _names, names);
            }

            return names.Contains(name);
        }
    }

    /// <summary>
    /// The name a node writes (an assignment of any kind, an increment or decrement, a ref/out argument), the empty
    /// string for a deconstruction whose names are inside its tuple, or null when the node writes nothing by name.
    /// </summary>
    private static string? WrittenName(SyntaxNode node)
    {
        ExpressionSyntax? written = node switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left,
            PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) => prefix.Operand,
            PostfixUnaryExpressionSyntax postfix => postfix.Operand,
            ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None) => argument.Expression,
            _ => null,
        };
        return written switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            TupleExpressionSyntax => string.Empty,
            _ => null,
        };
    }

    private static bool WritesInTuple(SyntaxNode node, string name)
        => node is AssignmentExpressionSyntax { Left: TupleExpressionSyntax tuple }
           && tuple.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == name);

    /// <summary>Finds the initializer of a field declared in the same syntax tree as the reference.</summary>
    internal static bool TryGetInitializer(IFieldSymbol field, IOperation reference, out IOperation? initializer)
    {
        initializer = null;
        SemanticModel? model = reference.SemanticModel;
        if (model is null)
            return false;

        foreach (SyntaxReference declaration in field.DeclaringSyntaxReferences)
        {
            if (declaration.SyntaxTree != model.SyntaxTree)
                continue;

            if (declaration.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
            {
                initializer = model.GetOperation(value);
                return initializer is not null;
            }
        }

        return false;
    }
}
