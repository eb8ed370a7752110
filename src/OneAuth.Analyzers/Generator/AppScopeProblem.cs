namespace OneAuth.Analyzers.Generator;

/// <summary>One problem with an AppScope argument.</summary>
/// <param name="Kind">Which rule it breaks.</param>
/// <param name="Argument">The argument name as written by the user (<c>appId</c>, <c>Issuer</c>, ...).</param>
/// <param name="Message">A sentence fragment that says exactly what is wrong.</param>
internal sealed record AppScopeProblem(AppScopeProblemKind Kind, string Argument, string Message);
