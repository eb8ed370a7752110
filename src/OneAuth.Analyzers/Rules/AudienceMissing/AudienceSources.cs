using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Follows one <c>new TokenValidationParameters { ... }</c> through the member that builds it and decides whether
/// audience validation stays on with nothing to compare with (OA0023). The proof is deliberately narrow, and
/// anything it does not understand keeps the rule quiet:
/// <list type="bullet">
/// <item>the object is passed straight to <c>ValidateToken</c>/<c>ValidateTokenAsync</c> of a Microsoft.IdentityModel
/// handler, or stored whole in a local (<c>var p = new ...</c>), in a private field of a class declared in one file
/// (by its initializer or one assignment), or in <c>o.TokenValidationParameters</c> where <c>o</c> is the parameter of
/// a lambda given to <c>AddJwtBearer</c>; or it is returned by a private helper whose every call does one of
/// those (<see cref="FollowReturn"/>);</item>
/// <item>every reference to the local or field is a member assignment (<c>p.ValidIssuer = ...</c>), a member read, an argument
/// of such a validation call or the value of <c>o.TokenValidationParameters = p</c>, and at least one is a use; any
/// other reference (a method call such as <c>Clone()</c>, a copy into another variable or field, a return, an
/// argument of another method, a reassignment) lets the object escape to code that might name the audience;</item>
/// <item>for a JwtBearer scheme, the lambda replaces the parameters exactly once, uses its parameter only for member
/// assignments and reads (no <c>configuration.Bind(o)</c> or helper call), touches neither
/// <c>TokenHandlers</c>, <c>SecurityTokenValidators</c> nor <c>EventsType</c>, gives <c>Events</c> nothing but an
/// inline <c>new JwtBearerEvents { ... }</c>, and nothing in it assigns any <c>Audience</c>,
/// <c>ValidAudience</c>, <c>ValidAudiences</c> or <c>AudienceValidator</c> (also inside event handlers);</item>
/// <item>every <c>ValidateAudience</c> assignment is proven true (a false one is OA0001's, an unknown one may be false),
/// and no <c>ValidAudience</c>, <c>ValidAudiences</c> or <c>AudienceValidator</c> assignment gives a value other than a
/// constant null (or, for <c>ValidAudience</c>, a constant blank string).</item>
/// </list>
/// </summary>
internal static class AudienceSources
{
    private const string BearerProperty = "TokenValidationParameters";

    /// <summary>What to report: where, the name of the instance, and whether it belongs to a JwtBearer scheme.</summary>
    internal sealed class Finding
    {
        public Finding(Location location, string name, bool scheme)
        {
            Location = location;
            Name = name;
            Scheme = scheme;
        }

        public Location Location { get; }

        public string Name { get; }

        public bool Scheme { get; }
    }

    /// <summary>The finding for <paramref name="creation"/>, or null when the rule cannot be certain.</summary>
    public static Finding? Judge(IObjectCreationOperation creation, IdentityModelTypes types, CancellationToken ct)
    {
        var assignments = new List<ISimpleAssignmentOperation>();
        if (!AddInitializer(creation, assignments) || SuppliesAudience(assignments, ct))
            return null;

        IOperation stored = creation.OutermostImplicit();

        string name;
        ISimpleAssignmentOperation? bearer = null;
        switch (stored.Parent)
        {
            // handler.ValidateToken(token, new TokenValidationParameters { ... }, out _)
            case IArgumentOperation argument when IsValidationArgument(argument, types):
                name = types.TokenValidationParameters.Name;
                break;

            // o.TokenValidationParameters = new TokenValidationParameters { ... } in AddJwtBearer(o => ...)
            case ISimpleAssignmentOperation store when store.Value == stored && BearerParameterOf(store, types) is { } options:
                bearer = store;
                name = options.Name + "." + BearerProperty;
                break;

            // var parameters = new TokenValidationParameters { ... };
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { IsRef: false, IsConst: false } local } }:
                if (!FollowLocal(local, creation.Root(), types, assignments, ref bearer, out IReturnOperation? returned, ct))
                    return null;
                if (returned is null)
                {
                    name = local.Name;
                    break;
                }

                if (FollowReturn(returned, types, ref bearer, ct) is not { } builtBy)
                    return null;
                name = builtBy;
                break;

            // private TokenValidationParameters Build() => new() { ... }; used only by validations or one scheme.
            case IReturnOperation ret:
                if (FollowReturn(ret, types, ref bearer, ct) is not { } helper)
                    return null;
                name = helper;
                break;

            // private readonly TokenValidationParameters _parameters = new() { ... };
            case IFieldInitializerOperation { InitializedFields.Length: 1 } initializer when IsPrivateField(initializer.InitializedFields[0]):
                IFieldSymbol field = initializer.InitializedFields[0];
                if (!FollowField(field, null, creation, types, assignments, ref bearer, ct))
                    return null;
                name = field.Name;
                break;

            // _parameters = new TokenValidationParameters { ... }; (in a constructor, say)
            case ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field: var assigned } } store
                when store.Value == stored && store.Parent is IExpressionStatementOperation && IsPrivateField(assigned):
                if (!FollowField(assigned, store, creation, types, assignments, ref bearer, ct))
                    return null;
                name = assigned.Name;
                break;

            default:
                return null;
        }

        if (bearer is not null && !BearerLeavesAudienceOpen(bearer, types, assignments, ct))
            return null;

        if (SuppliesAudience(assignments, ct) || !ValidatesAudience(assignments, ct, out ISimpleAssignmentOperation? explicitOn))
            return null;

        // The explicit ValidateAudience = true when there is one (the line OA0001's fix leaves behind), else the creation.
        Location location = explicitOn?.Syntax.GetLocation() ?? HeaderOf(creation);
        return new Finding(location, name, bearer is not null);
    }

    /// <summary>The initializer's member assignments; false when it holds anything else (a nested initializer).</summary>
    private static bool AddInitializer(IObjectCreationOperation creation, List<ISimpleAssignmentOperation> assignments)
    {
        if (creation.Initializer is null)
            return true;

        foreach (IOperation item in creation.Initializer.Initializers)
        {
            if (item is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment)
                return false;
            assignments.Add(assignment);
        }

        return true;
    }

    /// <summary>
    /// Every reference to the local in the member (lambdas and local functions included) is one the rule
    /// understands, and at least one hands the object to a validation or a JwtBearer scheme.
    /// </summary>
    private static bool FollowLocal(
        ILocalSymbol local,
        IOperation root,
        IdentityModelTypes types,
        List<ISimpleAssignmentOperation> assignments,
        ref ISimpleAssignmentOperation? bearer,
        out IReturnOperation? returned,
        CancellationToken ct)
    {
        bool used = false;
        returned = null;
        foreach (IOperation operation in root.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                continue;

            // return parameters; from the method that declares it: the callers decide (FollowReturn).
            if (reference.Parent is IReturnOperation ret && returned is null && !FunctionBodies.IsInNestedFunction(ret, root))
            {
                returned = ret;
                continue;
            }

            if (!AddReference(reference, types, assignments, ref bearer, ref used))
                return false;
        }

        return used || returned is not null;
    }

    /// <summary>
    /// The parameters are what a helper returns: a private, non-virtual method of a class declared once, in the file
    /// of the creation, with this as its only return. Every call of it in the class must hand the result straight to
    /// a validation or to one JwtBearer scheme; a caller that keeps it in a variable (and could name the audience),
    /// a method group or another use keeps the rule quiet. The name is the helper's, <c>Build()</c>.
    /// </summary>
    private static string? FollowReturn(IReturnOperation ret, IdentityModelTypes types, ref ISimpleAssignmentOperation? bearer, CancellationToken ct)
    {
        IOperation? current = ret.Parent;
        while (current is not null and not IMethodBodyOperation)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return null;
            current = current.Parent;
        }

        SemanticModel? model = ret.SemanticModel;
        if (current is not IMethodBodyOperation body || model is null
            || model.GetDeclaredSymbol(body.Syntax, ct) is not IMethodSymbol method
            || method is not { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private, IsVirtual: false, IsAbstract: false, IsOverride: false, IsExtensionMethod: false }
            || !SymbolEqualityComparer.Default.Equals(method.ReturnType, types.TokenValidationParameters)
            || method.ContainingType.DeclaringSyntaxReferences.Length != 1)
            return null;

        int returns = 0;
        foreach (IOperation operation in body.Descendants())
        {
            if (operation is IReturnOperation && !FunctionBodies.IsInNestedFunction(operation, body))
                returns++;
        }

        SyntaxReference declaration = method.ContainingType.DeclaringSyntaxReferences[0];
        if (returns != 1 || declaration.SyntaxTree != model.SyntaxTree)
            return null;

        bool used = false;
        foreach (SyntaxNode node in declaration.GetSyntax(ct).DescendantNodes())
        {
            ct.ThrowIfCancellationRequested();
            if (node is not IdentifierNameSyntax { Identifier.ValueText: var text } identifier || text != method.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, ct).Symbol, method))
                continue;

            // Build() or this.Build(): the invocation, and where its result goes.
            SyntaxNode callee = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
            if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee
                || model.GetOperation(invocation, ct) is not IInvocationOperation call)
                return null;

            IOperation stored = call.OutermostImplicit();

            switch (stored.Parent)
            {
                case IArgumentOperation argument when IsValidationArgument(argument, types):
                    used = true;
                    break;
                case ISimpleAssignmentOperation store when store.Value == stored && BearerParameterOf(store, types) is not null && bearer is null:
                    bearer = store;
                    used = true;
                    break;
                default:
                    return null;
            }
        }

        return used ? method.Name + "()" : null;
    }

    /// <summary>
    /// The field form of <see cref="FollowLocal"/>: a private field of a type declared once, in the file of the
    /// creation, so every reference to it is in that declaration (nested types included). <paramref name="store"/>
    /// is the assignment that stores the creation, when it is not the field's initializer.
    /// </summary>
    private static bool FollowField(
        IFieldSymbol field,
        ISimpleAssignmentOperation? store,
        IObjectCreationOperation creation,
        IdentityModelTypes types,
        List<ISimpleAssignmentOperation> assignments,
        ref ISimpleAssignmentOperation? bearer,
        CancellationToken ct)
    {
        SemanticModel? model = creation.SemanticModel;
        if (model is null || field.ContainingType.DeclaringSyntaxReferences.Length != 1)
            return false;

        SyntaxReference declaration = field.ContainingType.DeclaringSyntaxReferences[0];
        if (declaration.SyntaxTree != model.SyntaxTree)
            return false;

        bool used = false;
        foreach (SyntaxNode node in declaration.GetSyntax(ct).DescendantNodes())
        {
            ct.ThrowIfCancellationRequested();
            if (node is not IdentifierNameSyntax { Identifier.ValueText: var text } identifier || text != field.Name)
                continue;

            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, ct).Symbol, field))
                continue;

            // _parameters or this._parameters: the operation of the whole reference.
            SyntaxNode referenceSyntax = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
            if (model.GetOperation(referenceSyntax, ct) is not IFieldReferenceOperation reference)
                return false;

            if (store is not null && store.Target == reference)
                continue;

            if (!AddReference(reference, types, assignments, ref bearer, ref used))
                return false;
        }

        return used;
    }

    private static bool IsPrivateField(IFieldSymbol field)
        => field.DeclaredAccessibility == Accessibility.Private && field.ContainingType is { TypeKind: TypeKind.Class or TypeKind.Struct };

    /// <summary>
    /// One reference to the variable that holds the parameters: a member use, a validation argument or the value
    /// given to a JwtBearer scheme. False for anything else.
    /// </summary>
    private static bool AddReference(
        IOperation reference,
        IdentityModelTypes types,
        List<ISimpleAssignmentOperation> assignments,
        ref ISimpleAssignmentOperation? bearer,
        ref bool used)
    {
        switch (reference.Parent)
        {
            case IPropertyReferenceOperation member when member.Instance == reference:
                return AddMemberUse(member, assignments);

            case IArgumentOperation argument when IsValidationArgument(argument, types):
                used = true;
                return true;

            case ISimpleAssignmentOperation store when store.Value == reference && BearerParameterOf(store, types) is not null:
                // One scheme only: two would share one object, which is unusual enough not to judge.
                if (bearer is not null)
                    return false;
                bearer = store;
                used = true;
                return true;

            default:
                return false;
        }
    }

    /// <summary>
    /// <c>p.X = value</c> is collected; a plain read of <c>p.X</c> leaves the object alone; anything else (a
    /// compound assignment, a deconstruction, a call on the member) is not judged.
    /// </summary>
    private static bool AddMemberUse(IPropertyReferenceOperation member, List<ISimpleAssignmentOperation> assignments)
    {
        switch (member.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == member:
                assignments.Add(assignment);
                return true;
            case IAssignmentOperation or ITupleOperation or IInvocationOperation:
                return false;
            default:
                return !IsAudienceMember(member.Property.Name);
        }
    }

    /// <summary>
    /// The lambda of <c>AddJwtBearer(o => ...)</c> that <paramref name="store"/> (<c>o.TokenValidationParameters = ...</c>)
    /// sits in leaves the audience to the parameters alone (see the class summary). Collects the assignments made
    /// through <c>o.TokenValidationParameters.X = ...</c>.
    /// </summary>
    private static bool BearerLeavesAudienceOpen(
        ISimpleAssignmentOperation store,
        IdentityModelTypes types,
        List<ISimpleAssignmentOperation> assignments,
        CancellationToken ct)
    {
        IParameterSymbol options = BearerParameterOf(store, types)!;
        IAnonymousFunctionOperation? lambda = null;
        for (IOperation? current = store.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, options.ContainingSymbol))
            {
                lambda = function;
                break;
            }
        }

        if (lambda is null || !IsAddJwtBearerArgument(lambda))
            return false;

        int replacements = 0;
        foreach (IOperation operation in lambda.Body.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            switch (operation)
            {
                // Anything named like an audience, on any object: event handlers see the same options.
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var assigned } } assignment
                    when IsAudienceMember(assigned) || assigned == "Audience":
                    if (!IsOnBearerParameters(assignment.Target, options, types))
                        return false;
                    break;

                case IParameterReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Parameter, options):
                    if (reference.Parent is not IPropertyReferenceOperation { Property: { } property } member || member.Instance != reference)
                        return false;

                    // Handlers and event classes written elsewhere see the options at run time.
                    if (property.Name is "TokenHandlers" or "SecurityTokenValidators" or "EventsType")
                        return false;
                    if (property.Name == "Events" && member.Parent is ISimpleAssignmentOperation events && events.Target == member
                        && !(events.Value.SkipConversions() is IObjectCreationOperation { Type: { Name: "JwtBearerEvents" } eventsType }
                             && WellKnownTypes.For(events).Is(eventsType, WellKnownType.JwtBearerEvents)))
                        return false;

                    if (property.Name != BearerProperty)
                    {
                        // o.Authority = ...; reads of other settings; but not calls through them.
                        if (member.Parent is IInvocationOperation || (member.Parent is IAssignmentOperation and not ISimpleAssignmentOperation))
                            return false;
                        break;
                    }

                    switch (member.Parent)
                    {
                        case ISimpleAssignmentOperation replace when replace.Target == member:
                            replacements++;
                            break;
                        case IPropertyReferenceOperation inner when inner.Instance == member:
                            if (!AddMemberUse(inner, assignments))
                                return false;
                            break;
                        default:
                            return false;
                    }

                    break;
            }
        }

        return replacements == 1;
    }

    private static bool IsOnBearerParameters(IOperation target, IParameterSymbol options, IdentityModelTypes types)
        => target is IPropertyReferenceOperation { Instance: IPropertyReferenceOperation { Property.Name: BearerProperty, Instance: IParameterReferenceOperation { Parameter: var owner } } } audience
           && SymbolEqualityComparer.Default.Equals(owner, options)
           && types.IsTokenValidationParameters(audience.Property.ContainingType);

    /// <summary><c>o.TokenValidationParameters = value</c> where <c>o</c> is the JwtBearerOptions parameter of a lambda.</summary>
    private static IParameterSymbol? BearerParameterOf(ISimpleAssignmentOperation store, IdentityModelTypes types)
    {
        if (store.Target is not IPropertyReferenceOperation { Property.Name: BearerProperty, Instance: IParameterReferenceOperation { Parameter: var options } }
            || types.JwtBearerOptions is not { } bearerOptions
            || !SymbolEqualityComparer.Default.Equals(options.Type, bearerOptions)
            || options.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
            return null;

        return options;
    }

    /// <summary>The lambda is an argument of <c>JwtBearerExtensions.AddJwtBearer</c>.</summary>
    private static bool IsAddJwtBearerArgument(IAnonymousFunctionOperation lambda)
    {
        IOperation? current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
            current = current.Parent;

        return current is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "AddJwtBearer", ContainingType: { Name: "JwtBearerExtensions" } extensions } } }
            && WellKnownTypes.For(lambda).Is(extensions, WellKnownType.JwtBearerExtensions);
    }

    /// <summary>
    /// An argument of type TokenValidationParameters to <c>ValidateToken</c> or <c>ValidateTokenAsync</c> of a
    /// handler from Microsoft.IdentityModel (JsonWebTokenHandler, JwtSecurityTokenHandler and their bases).
    /// </summary>
    private static bool IsValidationArgument(IArgumentOperation argument, IdentityModelTypes types)
    {
        if (argument.Parent is not IInvocationOperation { TargetMethod: { Name: "ValidateToken" or "ValidateTokenAsync" } method }
            || argument.Parameter is not { RefKind: RefKind.None, Type: var type }
            || !SymbolEqualityComparer.Default.Equals(type, types.TokenValidationParameters))
            return false;

        string? ns = method.ContainingType?.ContainingNamespace?.ToDisplayString();
        return ns is "Microsoft.IdentityModel.JsonWebTokens" or "System.IdentityModel.Tokens.Jwt" or "Microsoft.IdentityModel.Tokens";
    }

    private static bool IsAudienceMember(string name) => name is "ValidAudience" or "ValidAudiences" or "AudienceValidator";

    /// <summary>Some assignment names an audience or an audience validator (anything but a constant null or blank).</summary>
    private static bool SuppliesAudience(List<ISimpleAssignmentOperation> assignments, CancellationToken ct)
    {
        foreach (ISimpleAssignmentOperation assignment in assignments)
        {
            if (assignment.Target is not IPropertyReferenceOperation { Property.Name: var name } || !IsAudienceMember(name))
                continue;

            IOperation? value = assignment.Value.SkipConversions();
            if (value?.ConstantValue is { HasValue: true, Value: null })
                continue;
            if (name == "ValidAudience" && ValueEvaluator.EvaluateString(assignment.Value, ct) is { } text && string.IsNullOrWhiteSpace(text))
                continue;
            return true;
        }

        return false;
    }

    /// <summary>Every ValidateAudience assignment is proven true (or there is none: the default is true).</summary>
    private static bool ValidatesAudience(List<ISimpleAssignmentOperation> assignments, CancellationToken ct, out ISimpleAssignmentOperation? explicitOn)
    {
        explicitOn = null;
        foreach (ISimpleAssignmentOperation assignment in assignments)
        {
            if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "ValidateAudience" })
                continue;
            if (ValueEvaluator.EvaluateBool(assignment.Value, ct) != BoolValue.True)
                return false;
            explicitOn ??= assignment;
        }

        return true;
    }

    /// <summary><c>new TokenValidationParameters</c> or <c>new()</c>: the creation without its initializer.</summary>
    private static Location HeaderOf(IObjectCreationOperation creation)
    {
        SyntaxNode syntax = creation.Syntax;
        int end = syntax switch
        {
            ObjectCreationExpressionSyntax explicitType => (explicitType.ArgumentList ?? (SyntaxNode)explicitType.Type).Span.End,
            ImplicitObjectCreationExpressionSyntax implicitType => implicitType.ArgumentList.Span.End,
            _ => syntax.Span.End,
        };
        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
    }
}
