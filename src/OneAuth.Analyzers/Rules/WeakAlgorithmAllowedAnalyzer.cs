using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0008: the algorithm policy of <c>TokenValidationParameters</c>. <c>ValidAlgorithms</c> containing
/// <c>none</c> (any casing) is always reported; HS256/384/512 only when every signing key visible in the same
/// member is asymmetric (RSA, EC, X.509, a JWKS, or keys from an Authority/MetadataAddress). A parameters object
/// built with asymmetric keys and no <c>ValidAlgorithms</c> at all is reported at Info.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeakAlgorithmAllowedAnalyzer : DiagnosticAnalyzer
{
    internal const string NoneMessage = "allows 'none', the algorithm of an unsigned token";
    internal const string SymmetricMessageFormat = "allows the symmetric algorithm '{0}' next to asymmetric signing keys";
    internal const string NoPinMessage = "is not set although every signing key is asymmetric; pin the algorithms the issuer signs with";

    private static readonly ImmutableHashSet<string> AsymmetricKeyTypes = ImmutableHashSet.Create("RsaSecurityKey", "X509SecurityKey", "ECDsaSecurityKey");

    private static readonly ImmutableHashSet<string> HmacAlgorithms = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "HS256",
        "HS384",
        "HS512",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha512");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.WeakAlgorithmAllowed);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (IdentityModelTypes.ForSecurityRules(start.Compilation, start.Options) is not { } types)
                return;

            start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(c => AnalyzeCreation(c, types), OperationKind.ObjectCreation);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, IdentityModelTypes types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "ValidAlgorithms" } property }
            || !types.IsTokenValidationParameters(property.ContainingType))
            return;

        CancellationToken ct = context.CancellationToken;
        if (!ValueEvaluator.TryGetElements(FallbackList(assignment.Value), ct, out var elements))
            return;

        bool hasHmac = elements.Any(e => IsHmac(e.Value));
        bool asymmetricOnly = hasHmac
            && ConfigurationView.ForAssignment(assignment, types, ct) is { } view
            && KeysAreAsymmetric(view, ct) == true;
        int weakInside = elements.Count(e => (IsNone(e.Value) || (asymmetricOnly && IsHmac(e.Value))) && IsInside(e.Element, assignment));

        foreach ((IOperation element, string? value) in elements)
        {
            string message;
            if (IsNone(value))
                message = NoneMessage;
            else if (asymmetricOnly && IsHmac(value))
                message = string.Format(CultureInfo.InvariantCulture, SymmetricMessageFormat, value);
            else
                continue;

            bool inside = IsInside(element, assignment);
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (inside && weakInside < elements.Length)
                properties = properties.Add(DiagnosticProperties.Removable, "true");
            if (asymmetricOnly)
                properties = properties.Add(DiagnosticProperties.HmacReported, "true");
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.WeakAlgorithmAllowed,
                (inside ? element : assignment).Syntax.GetLocation(),
                properties,
                property.Name,
                message));
        }
    }

    /// <summary>
    /// For <c>configured ?? new[] { ... }</c>, the fallback list: it is what the service accepts whenever the
    /// configured value is missing. Any other value as it is.
    /// </summary>
    private static IOperation FallbackList(IOperation value)
    {
        return value.SkipConversions() is ICoalesceOperation { WhenNull: { } fallback } ? fallback : value;
    }

    internal static bool IsNone(string? value) => value is not null && string.Equals(value.Trim(), "none", StringComparison.OrdinalIgnoreCase);

    internal static bool IsHmac(string? value) => value is not null && HmacAlgorithms.Contains(value.Trim());

    private static void AnalyzeCreation(OperationAnalysisContext context, IdentityModelTypes types)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!types.IsTokenValidationParameters(creation.Type) || creation.Initializer is null || !creation.Arguments.IsEmpty)
            return;

        CancellationToken ct = context.CancellationToken;
        ConfigurationView view = ConfigurationView.ForCreation(creation, types, ct);
        if (view.ParameterAssignments("ValidAlgorithms").Any())
            return;

        // Only keys set in this initializer count: the parameters are then fully in sight.
        ISimpleAssignmentOperation? keys = creation.Initializer.Initializers
            .OfType<ISimpleAssignmentOperation>()
            .FirstOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: "IssuerSigningKey" or "IssuerSigningKeys" });
        if (keys is null || KeysAreAsymmetric(view, ct) != true || view.Bearer.Length > 0 && !BearerLeavesKeysAlone(view))
            return;

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.WeakAlgorithmAllowed,
            keys.Syntax.GetLocation(),
            DiagnosticSeverity.Info,
            additionalLocations: null,
            properties: null,
            "ValidAlgorithms",
            NoPinMessage));
    }

    private static bool BearerLeavesKeysAlone(ConfigurationView view)
        => !view.SetsBearer("ConfigurationManager") && !view.SetsBearer("Configuration");

    /// <summary>
    /// True when at least one key source is visible and every visible key source is asymmetric; null when
    /// something is unknown (a symmetric key, a resolver, a key from a call).
    /// </summary>
    private static bool? KeysAreAsymmetric(ConfigurationView view, CancellationToken ct)
    {
        bool any = false;
        foreach (ISimpleAssignmentOperation assignment in view.Parameters)
        {
            if (assignment.Target is not IPropertyReferenceOperation { Property.Name: var name })
                continue;

            switch (name)
            {
                case "IssuerSigningKey":
                    if (!IsAsymmetricKey(assignment.Value, ct))
                        return null;
                    any = true;
                    break;
                case "IssuerSigningKeys":
                    if (!IsAsymmetricKeySet(assignment.Value, ct))
                        return null;
                    any = true;
                    break;
                case "IssuerSigningKeyResolver":
                case "IssuerSigningKeyResolverUsingConfiguration":
                case "ConfigurationManager":
                    return null;
            }
        }

        if (view.SetsBearer("Authority") || view.SetsBearer("MetadataAddress"))
            any = true;

        return any ? true : null;
    }

    private static bool IsAsymmetricKey(IOperation value, CancellationToken ct)
        => ValueEvaluator.Unwrap(value, ct) is IObjectCreationOperation { Type: { } type }
           && AsymmetricKeyTypes.Contains(type.Name)
           && type.ContainingNamespace?.ToDisplayString() == "Microsoft.IdentityModel.Tokens";

    private static bool IsAsymmetricKeySet(IOperation value, CancellationToken ct)
    {
        IOperation? unwrapped = ValueEvaluator.Unwrap(value, ct);
        if (unwrapped is IInvocationOperation { TargetMethod: { Name: "GetSigningKeys", ContainingType.Name: "JsonWebKeySet" } })
            return true;

        if (!ValueEvaluator.TryGetElements(unwrapped, ct, out var elements) || elements.IsEmpty)
            return false;

        foreach ((IOperation element, _) in elements)
        {
            if (!IsAsymmetricKey(element, ct))
                return false;
        }

        return true;
    }

    private static bool IsInside(IOperation element, IOperation assignment)
        => element.Syntax.SyntaxTree == assignment.Syntax.SyntaxTree && assignment.Syntax.Span.Contains(element.Syntax.Span);
}
