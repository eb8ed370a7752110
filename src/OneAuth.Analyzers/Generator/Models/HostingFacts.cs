namespace OneAuth.Analyzers.Generator.Models;

/// <summary>Which hosting integrations the consuming compilation can compile against.</summary>
/// <param name="HasDependencyInjection">Microsoft.Extensions.DependencyInjection abstractions are referenced.</param>
/// <param name="HasAuthentication">ASP.NET Core authentication (8.0 or later) is referenced.</param>
/// <param name="HasConfiguration">Microsoft.Extensions.Configuration abstractions are referenced: the registration reads the <c>OneAuth</c> section.</param>
/// <param name="HasHostLifecycle">Microsoft.Extensions.Hosting abstractions 8.0 or later are referenced: the registration checks the settings and loads the keys when the host starts.</param>
/// <param name="HasHealthChecks">Microsoft.Extensions.Diagnostics.HealthChecks (<c>IHealthChecksBuilder</c>) is referenced.</param>
internal sealed record HostingFacts(bool HasDependencyInjection, bool HasAuthentication, bool HasConfiguration = false, bool HasHostLifecycle = false, bool HasHealthChecks = false)
{
    public static readonly HostingFacts None = new(false, false);
}
