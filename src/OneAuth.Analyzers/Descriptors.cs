using Microsoft.CodeAnalysis;

namespace OneAuth.Analyzers
{
    /// <summary>The descriptors of every rule. Constructed with constant ids so release tracking can read them.</summary>
    internal static class Descriptors
    {
        public static readonly DiagnosticDescriptor AudienceValidationDisabled = new(
            id: DiagnosticIds.AudienceValidationDisabled,
            title: "Audience validation must stay enabled",
            messageFormat: "'{0}' is {1}, so tokens minted for other audiences are accepted",
            category: DiagnosticCategories.Security,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A token issued for another service must be rejected. Leave ValidateAudience and RequireAudience on and name the expected audience.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AudienceValidationDisabled));

        public static readonly DiagnosticDescriptor AppScopeInvalid = new(
            id: DiagnosticIds.AppScopeInvalid,
            title: "AppScope must name a valid application id",
            messageFormat: "The AppScope application id {0}, so no AppTokenValidator is generated",
            category: DiagnosticCategories.Usage,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The application id is a compile-time constant of 1 to 64 characters: lowercase letters, digits, '-', '_' and '.'. While it is invalid the generator emits no AppTokenValidator.",
            helpLinkUri: HelpLinks.ForRule(DiagnosticIds.AppScopeInvalid));
    }
}
