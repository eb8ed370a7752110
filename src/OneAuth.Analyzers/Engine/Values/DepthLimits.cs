namespace OneAuth.Analyzers.Engine;

/// <summary>
/// How far the engine follows a value before it gives up and calls it unknown. Every limit keeps the cost of one
/// question bounded on pathological code; real code stays far below them.
/// </summary>
internal static class DepthLimits
{
    /// <summary>
    /// Steps through the spelling of one value: conversions, single-assignment locals, <c>static readonly</c> fields,
    /// <c>!</c>, conditionals and switch arms (<see cref="ValueEvaluator"/>, <see cref="DurationEvaluator"/>,
    /// <see cref="FunctionBodies"/>, <see cref="EnvironmentChecks"/>, <see cref="NullGuards"/>).
    /// </summary>
    public const int ValueSteps = 8;

    /// <summary>Nested blocks and <c>if</c>/<c>else</c> branches a statement is looked into (<see cref="NullGuards"/>).</summary>
    public const int StatementNesting = 8;

    /// <summary>Links of a member chain that holds a value, such as <c>o.TokenValidationParameters</c> (<see cref="SwitchOverwrites"/>).</summary>
    public const int AccessPathLinks = 8;

    /// <summary>Conversions and <c>?.</c> around one value (<see cref="OperationExtensions.SkipConversionsAndConditionalAccess"/>).</summary>
    public const int ConditionalAccessSteps = 32;

    /// <summary>Nested calls of helper methods declared in the same file that are followed into their bodies (<see cref="FunctionBodies.IsAlwaysTrueCall"/>).</summary>
    public const int HelperCalls = 3;
}
