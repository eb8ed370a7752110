namespace OneAuth.Analyzers.Generator.Models;

/// <summary>Everything the emitter needs to write the validator: strings only.</summary>
/// <param name="Namespace">Target namespace, or null for the global namespace.</param>
/// <param name="AppId">The app id the <c>app_id</c> claim must equal.</param>
/// <param name="Issuer">The issuer when fixed at compile time, else null (supplied at run time).</param>
/// <param name="Audience">The audience the <c>aud</c> claim must contain.</param>
/// <param name="JwksUri">The JWKS address when known at compile time (given, or derived from the issuer), else null.</param>
/// <param name="JwksUriIsFixed">True when the address was given explicitly (attribute or MSBuild) and options may not replace it.</param>
/// <param name="TokenType">The required <c>typ</c> header, or null when not checked.</param>
/// <param name="Hosting">Which DI / ASP.NET Core integrations to emit.</param>
internal sealed record ValidatorModel(
    string? Namespace,
    string AppId,
    string? Issuer,
    string Audience,
    string? JwksUri,
    bool JwksUriIsFixed,
    string? TokenType,
    HostingFacts Hosting);
