namespace OneAuth.Analyzers.Generator.Models
{
    /// <summary>Which hosting integrations the consuming compilation can compile against.</summary>
    /// <param name="HasDependencyInjection">Microsoft.Extensions.DependencyInjection abstractions are referenced.</param>
    /// <param name="HasAuthentication">ASP.NET Core authentication (8.0 or later) is referenced.</param>
    /// <param name="HasHealthChecks">Microsoft.Extensions.Diagnostics.HealthChecks (<c>IHealthChecksBuilder</c>) is referenced.</param>
    internal sealed record HostingFacts(bool HasDependencyInjection, bool HasAuthentication, bool HasHealthChecks = false)
    {
        public static readonly HostingFacts None = new(false, false);
    }
}
