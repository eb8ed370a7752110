using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Switches of the claim checks (audience, issuer, lifetime) that are off for a reason the token or the project
/// gives, not by mistake:
/// <list type="bullet">
/// <item>the project compares that same claim itself (a framework that turns the library check off because
/// its own handlers compare <c>aud</c>, <c>iss</c> or <c>exp</c> later; see <see cref="ProjectClaimChecks"/>);</item>
/// <item>the token carries no such claim by protocol: a DPoP proof (RFC 9449, <c>typ</c> <c>dpop+jwt</c>,
/// checked on <c>htm</c>/<c>htu</c>/<c>iat</c>/<c>jti</c>), a signed license or attestation document whose expiry
/// its own logic handles;</item>
/// <item>an identity server that validates the tokens it issues itself and turns the audience check off only
/// on the branch where its caller asked for no audience.</item>
/// </list>
/// Signature switches are never exempt.
/// </summary>
internal static class SwitchExemptions
{
    public static bool IsExempt(IOperation site, string switchName, ProjectClaimChecks project, CancellationToken ct)
    {
        ClaimKind claim = ClaimOf(switchName);
        if (claim == ClaimKind.None)
            return false;

        if (IsClaimlessTokenSite(site.Syntax))
            return true;

        if (claim == ClaimKind.Audience && IsNoAudienceRequestedBranch(site, ct) && project.MintsTokens)
            return true;

        return project.Compares(claim);
    }

    public static ClaimKind ClaimOf(string switchName) => switchName switch
    {
        "ValidateAudience" or "RequireAudience" => ClaimKind.Audience,
        "ValidateIssuer" => ClaimKind.Issuer,
        "ValidateLifetime" or "RequireExpirationTime" => ClaimKind.Expiry,
        _ => ClaimKind.None,
    };

    /// <summary>
    /// Inside a type or member about DPoP proofs, licenses or attestations: its name says so (a DPoP name must
    /// also say proof: DPoP-bound access tokens do carry an audience), or the type spells the DPoP proof type
    /// <c>dpop+jwt</c>.
    /// </summary>
    private static bool IsClaimlessTokenSite(SyntaxNode site)
    {
        foreach (SyntaxNode ancestor in site.Ancestors())
        {
            string? name = ancestor switch
            {
                BaseMethodDeclarationSyntax method => (method as MethodDeclarationSyntax)?.Identifier.ValueText,
                LocalFunctionStatementSyntax local => local.Identifier.ValueText,
                BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                _ => null,
            };
            if (name is not null && NamesClaimlessToken(name))
                return true;

            if (ancestor is TypeDeclarationSyntax declaration && SpellsDPoPProofType(declaration))
                return true;
        }

        return false;
    }

    private static bool NamesClaimlessToken(string name)
        => (name.IndexOf("DPoP", StringComparison.OrdinalIgnoreCase) >= 0 && name.IndexOf("Proof", StringComparison.OrdinalIgnoreCase) >= 0)
           || name.IndexOf("License", StringComparison.OrdinalIgnoreCase) >= 0
           || name.IndexOf("Licence", StringComparison.OrdinalIgnoreCase) >= 0
           || name.IndexOf("Attestation", StringComparison.OrdinalIgnoreCase) >= 0;

    private static bool SpellsDPoPProofType(TypeDeclarationSyntax type)
    {
        foreach (SyntaxToken token in type.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.StringLiteralToken) && string.Equals(token.ValueText, "dpop+jwt", StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    /// <summary>
    /// The site sits in the branch of <c>if (audience.IsPresent()) ... else ...</c> (or of a conditional
    /// expression) where a parameter of the enclosing method, the audience its caller asked for, is missing.
    /// </summary>
    private static bool IsNoAudienceRequestedBranch(IOperation site, CancellationToken ct)
    {
        IOperation current = site;
        for (IOperation? parent = site.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            ct.ThrowIfCancellationRequested();
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return false;
            if (parent is IConditionalOperation conditional && conditional.Condition != current
                && PresenceTest(conditional.Condition) is { } present
                && (current == conditional.WhenTrue ? !present : present))
                return true;
        }

        // ValidateAudience = audience is null ? false : true
        return site is ISimpleAssignmentOperation { Value: var value }
            && value.SkipConversions() is IConditionalOperation inline
            && PresenceTest(inline.Condition) is { } inlinePresent
            && ValueEvaluator.EvaluateBool(inlinePresent ? inline.WhenFalse : inline.WhenTrue, ct) == BoolValue.False
            && ValueEvaluator.EvaluateBool(inlinePresent ? inline.WhenTrue : inline.WhenFalse, ct) == BoolValue.True;
    }

    /// <summary>
    /// True when <paramref name="condition"/> holds if a method parameter (or a member of one) has a value, false
    /// when it holds if the value is missing, null when it is no such test.
    /// </summary>
    private static bool? PresenceTest(IOperation? condition)
    {
        bool negated = false;
        condition = condition.SkipConversions();
        while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            negated = !negated;
            condition = not.Operand.SkipConversions();
        }

        bool? present = condition switch
        {
            IInvocationOperation { TargetMethod.Name: "IsNullOrEmpty" or "IsNullOrWhiteSpace" or "IsMissing" } missing when TestsParameter(missing) => false,
            IInvocationOperation { TargetMethod.Name: "IsPresent" or "HasValue" or "Any" or "IsNotNullOrEmpty" } has when TestsParameter(has) => true,
            IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } instance } when IsParameterValue(instance) => true,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when (IsNull(comparison.RightOperand) && IsParameterValue(comparison.LeftOperand)) || (IsNull(comparison.LeftOperand) && IsParameterValue(comparison.RightOperand))
                => comparison.OperatorKind == BinaryOperatorKind.NotEquals,
            IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } pattern when IsNull(constant) && IsParameterValue(pattern.Value) => false,
            IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } } pattern when IsNull(constant) && IsParameterValue(pattern.Value) => true,
            _ => null,
        };
        return present is { } p ? p != negated : null;
    }

    private static bool TestsParameter(IInvocationOperation invocation)
    {
        if (invocation.Instance is { } instance)
            return IsParameterValue(instance);
        return invocation.Arguments.Length == 1 && IsParameterValue(invocation.Arguments[0].Value);
    }

    private static bool IsParameterValue(IOperation operation)
    {
        operation = operation.SkipConversions()!;
        return operation is IParameterReferenceOperation
            || operation is IPropertyReferenceOperation { Instance: { } instance } && instance.SkipConversions() is IParameterReferenceOperation;
    }

    private static bool IsNull(IOperation operation)
        => operation.SkipConversions()?.ConstantValue is { HasValue: true, Value: null };
}
