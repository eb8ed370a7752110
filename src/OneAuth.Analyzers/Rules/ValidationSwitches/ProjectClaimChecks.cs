using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// What the whole project does with the registered claims, read from syntax once per compilation and only when a
/// rule asks (a switch turned off is rare, so most builds never pay for the scan): whether it compares
/// <c>aud</c>, <c>iss</c> or <c>exp</c> itself, and whether it mints tokens.
/// <para>
/// A claim is compared when its name (<c>"aud"</c>, <c>JwtRegisteredClaimNames.Aud</c>, <c>JwtClaimTypes.Audience</c>,
/// <c>Claims.Audience</c>) or a token member that carries it (<c>Audiences</c>, <c>ValidTo</c>, <c>GetAudiences()</c>)
/// is looked up inside a comparison: an equality or ordering, an <c>is</c> pattern, <c>Equals</c>/<c>Contains</c>/
/// <c>Intersect</c>-style calls, <c>HasClaim</c>, or a local that one of those reads. Writing a claim
/// (<c>new Claim("aud", ...)</c>, <c>payload["aud"] = ...</c>), filtering claims by type (<c>c.Type == "aud"</c>) and
/// asking only whether it is there (<c>!= null</c>, <c>is not null</c>, <c>if (claim != null)</c>) are not comparisons
/// of its value: a service that reads <c>exp</c> to set a cookie's expiry still has its lifetime switch reported.
/// </para>
/// </summary>
internal sealed class ProjectClaimChecks
{
    // One scan per compilation, shared by the audience, issuer and lifetime rules (each has its own compilation start).
    private static readonly ConditionalWeakTable<Compilation, ProjectClaimChecks> PerCompilation = new();

    private readonly Compilation _compilation;
    private readonly Lazy<Facts> _facts;

    public static ProjectClaimChecks For(Compilation compilation)
        => PerCompilation.GetValue(compilation, static c => new ProjectClaimChecks(c));

    private ProjectClaimChecks(Compilation compilation)
    {
        _compilation = compilation;
        _facts = new Lazy<Facts>(Scan, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool Compares(ClaimKind claim) => claim switch
    {
        ClaimKind.Audience => _facts.Value.Audience,
        ClaimKind.Issuer => _facts.Value.Issuer,
        ClaimKind.Expiry => _facts.Value.Expiry,
        _ => false,
    };

    /// <summary>The project creates or writes tokens (<c>CreateToken</c>, <c>WriteToken</c>, <c>CreateEncodedJwt</c>).</summary>
    public bool MintsTokens => _facts.Value.Mints;

    private sealed class Facts
    {
        public bool Audience;
        public bool Issuer;
        public bool Expiry;
        public bool Mints;
    }

    /// <summary>
    /// A file can hold a claim lookup or a token creation only if its text spells one of these: searching the text
    /// costs far less than walking the syntax of every file of a large project.
    /// </summary>
    private static readonly string[] TextGate =
    {
        "\"aud\"", "\"iss\"", "\"exp\"", "ClaimNames.", "ClaimTypes.", "Claims.Audience", "Claims.Issuer", "Claims.Expiration",
        "Claims.ExpiresAt", "Audiences", "HasAudience", "ValidTo", "GetExpirationDate", "CreateToken", "WriteToken",
        "CreateEncodedJwt", "CreateJwtSecurityToken",
    };

    private static bool MayMatter(SyntaxTree tree)
    {
        string text = tree.GetText().ToString();
        foreach (string word in TextGate)
        {
            if (text.IndexOf(word, StringComparison.Ordinal) >= 0)
                return true;
        }

        return false;
    }

    private Facts Scan()
    {
        var facts = new Facts();
        foreach (SyntaxTree tree in _compilation.SyntaxTrees)
        {
            if (!MayMatter(tree))
                continue;

            SyntaxNode root = tree.GetRoot();
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                switch (node)
                {
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && IsClaimLookup(literal):
                        Note(facts, ClaimNamed(literal.Token.ValueText), literal);
                        break;
                    case MemberAccessExpressionSyntax access:
                        Note(facts, ClaimOfMember(access), access);
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateToken" or "WriteToken" or "CreateEncodedJwt" or "CreateJwtSecurityToken" } }:
                        facts.Mints = true;
                        break;
                }
            }
        }

        return facts;
    }

    private static void Note(Facts facts, ClaimKind claim, SyntaxNode reference)
    {
        bool known = claim switch
        {
            ClaimKind.Audience => facts.Audience,
            ClaimKind.Issuer => facts.Issuer,
            ClaimKind.Expiry => facts.Expiry,
            _ => true,
        };
        if (known || !IsCompared(reference, 0))
            return;

        switch (claim)
        {
            case ClaimKind.Audience: facts.Audience = true; break;
            case ClaimKind.Issuer: facts.Issuer = true; break;
            case ClaimKind.Expiry: facts.Expiry = true; break;
        }
    }

    /// <summary>
    /// A bare name is a claim only where claims are looked up: an argument (<c>FindFirst("exp")</c>,
    /// <c>payload["exp"]</c>) or the type filter <c>c.Type == "exp"</c>; <c>op == "exp"</c> is something else.
    /// </summary>
    private static bool IsClaimLookup(LiteralExpressionSyntax literal)
        => literal.Parent is ArgumentSyntax
           || literal.Parent is BinaryExpressionSyntax binary && IsComparison(binary) && IsClaimTypeFilter(binary, literal);

    private static ClaimKind ClaimNamed(string text) => text switch
    {
        "aud" => ClaimKind.Audience,
        "iss" => ClaimKind.Issuer,
        "exp" => ClaimKind.Expiry,
        _ => ClaimKind.None,
    };

    private static ClaimKind ClaimOfMember(MemberAccessExpressionSyntax access)
    {
        string member = access.Name.Identifier.ValueText;
        string? owner = access.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax outer => outer.Name.Identifier.ValueText,
            _ => null,
        };

        switch (owner)
        {
            case "JwtRegisteredClaimNames":
                return ClaimNamed(member.ToLowerInvariant());
            case "JwtClaimTypes" or "Claims" or "ClaimNames":
                return member switch
                {
                    "Audience" => ClaimKind.Audience,
                    "Issuer" => ClaimKind.Issuer,
                    "Expiration" or "ExpiresAt" => ClaimKind.Expiry,
                    _ => ClaimKind.None,
                };
        }

        // token.Audiences, token.ValidTo, principal.GetAudiences(): members that read the claim from a token.
        return member switch
        {
            "Audiences" or "GetAudiences" or "HasAudience" => ClaimKind.Audience,
            "ValidTo" or "GetExpirationDate" => ClaimKind.Expiry,
            _ => ClaimKind.None,
        };
    }

    private static readonly HashSet<string> ComparingCalls = new(StringComparer.Ordinal)
    {
        "Equals", "Contains", "Any", "All", "Intersect", "SequenceEqual", "StartsWith", "EndsWith", "CompareTo", "Compare",
        "IsSubsetOf", "IsSupersetOf", "Overlaps", "Except", "HasClaim", "HasAudience",
    };

    /// <summary>Whether the value the reference reads ends up compared (see the class summary).</summary>
    private static bool IsCompared(SyntaxNode reference, int depth)
    {
        SyntaxNode current = reference;
        for (SyntaxNode? parent = reference.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case BinaryExpressionSyntax binary when IsComparison(binary):
                    // c.Type == "aud" picks the claim; its value is compared further out, if anywhere. A test for
                    // null only asks whether the claim is there.
                    if (IsClaimTypeFilter(binary, current) || IsNullLiteral(binary.Left == current ? binary.Right : binary.Left))
                        continue;
                    return true;
                case IsPatternExpressionSyntax pattern:
                    // exp is null, exp is not null, exp is { }: presence, not a comparison of the value.
                    if (IsPresencePattern(pattern.Pattern))
                        continue;
                    return true;
                case SwitchExpressionSyntax switchExpression when switchExpression.GoverningExpression == current:
                    return true;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } }
                    when ComparingCalls.Contains(name):
                    return true;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var name } }
                    when ComparingCalls.Contains(name):
                    return true;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    return depth < 2 && IsLocalCompared(declarator, declarator.Identifier.ValueText, depth);
                case ArgumentSyntax { Expression: DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax variable } } argument
                    when argument.Parent is ArgumentListSyntax:
                    // TryGetValue("exp", out var exp)
                    return depth < 2 && IsLocalCompared(argument, variable.Identifier.ValueText, depth);
                case ArgumentListSyntax { Parent: InvocationExpressionSyntax } list when current is ArgumentSyntax:
                    // An out variable declared next to the claim name: TryGetPayloadValue("exp", out long exp)
                    foreach (ArgumentSyntax sibling in list.Arguments)
                    {
                        if (sibling.Expression is DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax outVariable })
                            return depth < 2 && IsLocalCompared(sibling, outVariable.Identifier.ValueText, depth);
                    }

                    continue;
                case StatementSyntax or MemberDeclarationSyntax or AssignmentExpressionSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool IsNullLiteral(ExpressionSyntax expression)
        => expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.DefaultLiteralExpression);

    private static bool IsPresencePattern(PatternSyntax pattern) => pattern switch
    {
        ConstantPatternSyntax constant => IsNullLiteral(constant.Expression),
        UnaryPatternSyntax { Pattern: var inner } => IsPresencePattern(inner),
        RecursivePatternSyntax { PositionalPatternClause: null, PropertyPatternClause: { Subpatterns.Count: 0 } } => true,
        DeclarationPatternSyntax or VarPatternSyntax or TypePatternSyntax => true,
        _ => false,
    };

    private static bool IsComparison(BinaryExpressionSyntax binary)
        => binary.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression or SyntaxKind.LessThanExpression
            or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression;

    private static bool IsClaimTypeFilter(BinaryExpressionSyntax binary, SyntaxNode side)
    {
        ExpressionSyntax other = binary.Left == side ? binary.Right : binary.Left;
        return other is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Type" or "ClaimType" };
    }

    /// <summary>A local declared from the claim (or as the out variable that receives it) is read in a comparison.</summary>
    private static bool IsLocalCompared(SyntaxNode declaration, string name, int depth)
    {
        SyntaxNode? body = null;
        foreach (SyntaxNode ancestor in declaration.Ancestors())
        {
            if (ancestor is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
            {
                body = ancestor;
                break;
            }
        }

        if (body is null)
            return false;

        foreach (IdentifierNameSyntax use in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (use.Identifier.ValueText == name && use.SpanStart > declaration.Span.End && IsCompared(use, depth + 1))
                return true;
        }

        return false;
    }
}
