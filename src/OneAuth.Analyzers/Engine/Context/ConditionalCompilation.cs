using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Recognises code that exists only in some build configurations: inside an <c>#if</c>/<c>#elif</c>/<c>#else</c>
/// branch whose condition mentions <c>DEBUG</c>. Such a finding holds in Debug builds only and is reported with
/// the "in some environments" message, like <c>env.IsDevelopment()</c>.
/// </summary>
internal static class ConditionalCompilation
{
    public static bool IsInsideDebugOnlyRegion(SyntaxNode node)
    {
        if (node.SyntaxTree.GetRoot() is not CompilationUnitSyntax { ContainsDirectives: true } root)
            return false;

        int position = node.SpanStart;

        // Each open #if keeps whether any of its conditions so far names DEBUG.
        var open = new Stack<bool>();
        for (DirectiveTriviaSyntax? directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
        {
            if (directive.SpanStart >= position)
                break;

            switch (directive)
            {
                case IfDirectiveTriviaSyntax @if:
                    open.Push(MentionsDebug(@if.Condition));
                    break;
                case ElifDirectiveTriviaSyntax elif when open.Count > 0:
                    open.Push(open.Pop() || MentionsDebug(elif.Condition));
                    break;
                case EndIfDirectiveTriviaSyntax when open.Count > 0:
                    open.Pop();
                    break;
            }
        }

        foreach (bool debug in open)
        {
            if (debug)
                return true;
        }

        return false;
    }

    private static bool MentionsDebug(ExpressionSyntax condition)
    {
        foreach (SyntaxNode node in condition.DescendantNodesAndSelf())
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: var name } && string.Equals(name, "DEBUG", StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}
