using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// The settings of one <c>TokenValidationParameters</c> object that are visible in the member that builds it:
/// its object initializer, later assignments through the same local or parameter, and — when it is reached
/// through <c>options.TokenValidationParameters</c> — the <c>JwtBearerOptions</c> settings on the same options
/// object (Authority, MetadataAddress, ConfigurationManager, ...). A rule uses the view to decide whether it
/// sees enough to be certain; code in other members is not visible.
/// </summary>
internal sealed class ConfigurationView
{
    private ConfigurationView(ImmutableArray<ISimpleAssignmentOperation> parameters, ImmutableArray<ISimpleAssignmentOperation> bearer)
    {
        Parameters = parameters;
        Bearer = bearer;
    }

    /// <summary>Assignments to properties of the TokenValidationParameters object.</summary>
    public ImmutableArray<ISimpleAssignmentOperation> Parameters { get; }

    /// <summary>Assignments to properties of the JwtBearerOptions (or OpenIdConnectOptions) that own it (empty when there are none).</summary>
    public ImmutableArray<ISimpleAssignmentOperation> Bearer { get; }

    public IEnumerable<ISimpleAssignmentOperation> ParameterAssignments(string name)
    {
        foreach (ISimpleAssignmentOperation assignment in Parameters)
        {
            if (assignment.Target is IPropertyReferenceOperation { Property.Name: var n } && n == name)
                yield return assignment;
        }
    }

    public bool SetsBearer(string name)
    {
        foreach (ISimpleAssignmentOperation assignment in Bearer)
        {
            if (assignment.Target is IPropertyReferenceOperation { Property.Name: var n } && n == name)
                return true;
        }

        return false;
    }

    /// <summary>The view of the parameters object whose property <paramref name="assignment"/> sets.</summary>
    public static ConfigurationView? ForAssignment(ISimpleAssignmentOperation assignment, IdentityModelTypes types, CancellationToken ct)
    {
        if (assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation })
            return ForCreation(creation, types, ct);

        if (assignment.Target is not IPropertyReferenceOperation { Instance: { } instance })
            return null;

        return FromReceiver(instance, assignment.Root(), types, ct);
    }

    /// <summary>The view of a <c>new TokenValidationParameters { ... }</c>.</summary>
    public static ConfigurationView ForCreation(IObjectCreationOperation creation, IdentityModelTypes types, CancellationToken ct)
    {
        IOperation stored = creation.Outermost();

        IOperation root = creation.Root();
        switch (stored.Parent)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } store when store.Value == stored:
                if (FromReceiver(target, root, types, ct) is { } viaOptions)
                    return viaOptions;
                break;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } }:
                return Collect(root, ParametersHolder.ForLocal(local), types, ct);
        }

        return new ConfigurationView(InitializerAssignments(creation), ImmutableArray<ISimpleAssignmentOperation>.Empty);
    }

    private static ConfigurationView? FromReceiver(IOperation instance, IOperation root, IdentityModelTypes types, CancellationToken ct)
        => ParametersHolder.Of(instance, types) is { } receiver ? Collect(root, receiver, types, ct) : null;

    private static ConfigurationView Collect(IOperation root, ParametersHolder receiver, IdentityModelTypes types, CancellationToken ct)
    {
        var parameters = ImmutableArray.CreateBuilder<ISimpleAssignmentOperation>();
        var bearer = ImmutableArray.CreateBuilder<ISimpleAssignmentOperation>();
        foreach (IOperation operation in root.DescendantsAndSelf())
        {
            ct.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator
                    when receiver.Options is null && SymbolEqualityComparer.Default.Equals(declarator.Symbol, receiver.Symbol):
                    if (ValueEvaluator.Unwrap(value, ct) is IObjectCreationOperation initial)
                        parameters.AddRange(InitializerAssignments(initial));
                    break;

                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance, Property: { } property } } assignment:
                    if (ParametersHolder.Of(instance, types) is { } r && r.Equals(receiver))
                    {
                        parameters.Add(assignment);
                    }
                    else if (receiver.Options is not null && instance.ReferencedVariable() is { } owner
                             && SymbolEqualityComparer.Default.Equals(owner, receiver.Options))
                    {
                        bearer.Add(assignment);
                        if (property.Name == "TokenValidationParameters" && ValueEvaluator.Unwrap(assignment.Value, ct) is IObjectCreationOperation created)
                            parameters.AddRange(InitializerAssignments(created));
                    }

                    break;
            }
        }

        return new ConfigurationView(parameters.ToImmutable(), bearer.ToImmutable());
    }

    private static ImmutableArray<ISimpleAssignmentOperation> InitializerAssignments(IObjectCreationOperation creation)
    {
        var builder = ImmutableArray.CreateBuilder<ISimpleAssignmentOperation>();
        if (creation.Initializer is { } initializer)
        {
            foreach (IOperation item in initializer.Initializers)
            {
                if (item is ISimpleAssignmentOperation assignment)
                    builder.Add(assignment);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// Who holds the parameters: a local or parameter (<see cref="Symbol"/>), or the
    /// <c>TokenValidationParameters</c> property of a JwtBearerOptions local or parameter (<see cref="Options"/>).
    /// </summary>
    private sealed class ParametersHolder
    {
        private ParametersHolder(ISymbol? symbol, ISymbol? options)
        {
            Symbol = symbol;
            Options = options;
        }

        public static ParametersHolder ForLocal(ILocalSymbol local) => new(local, null);

        public ISymbol? Symbol { get; }

        public ISymbol? Options { get; }

        public static ParametersHolder? Of(IOperation instance, IdentityModelTypes types)
        {
            if (instance.ReferencedVariable() is { } symbol)
                return new ParametersHolder(symbol, null);

            if (instance is IPropertyReferenceOperation { Property.Name: "TokenValidationParameters", Instance: { } owner }
                && IsHandlerOptions(owner.Type, types)
                && owner.ReferencedVariable() is { } options)
                return new ParametersHolder(null, options);

            return null;
        }

        /// <summary>JwtBearerOptions (or a type derived from it) and OpenIdConnectOptions: both fetch keys from an Authority.</summary>
        private static bool IsHandlerOptions(ITypeSymbol? type, IdentityModelTypes types)
        {
            for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (types.JwtBearerOptions is { } bearer && SymbolEqualityComparer.Default.Equals(t, bearer))
                    return true;
                if (types.Known.Is(t, WellKnownType.OpenIdConnectOptions))
                    return true;
            }

            return false;
        }

        public bool Equals(ParametersHolder other)
            => SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol) && SymbolEqualityComparer.Default.Equals(Options, other.Options);
    }
}
