using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace OneAuth.Analyzers.Engine;

/// <summary>The body and parameters of a function a delegate value points at.</summary>
internal sealed class FunctionBody
{
    public FunctionBody(IOperation body, ImmutableArray<IParameterSymbol> parameters)
    {
        Body = body;
        Parameters = parameters;
    }

    /// <summary>A block (lambdas and expression-bodied members get an implicit return in it).</summary>
    public IOperation Body { get; }

    public ImmutableArray<IParameterSymbol> Parameters { get; }
}
