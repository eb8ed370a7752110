using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OneAuth.Analyzers.Analysis
{
    /// <summary>
    /// The words a file must contain to name the <c>app_id</c> claim: the literal itself and the names of the string
    /// constants equal to it, declared in this project (<c>const string AppId = "app_id";</c>, or a constant copied from
    /// another such constant) or in a static class of a referenced library that is not part of .NET or ASP.NET Core. A file without any of
    /// them cannot read the claim, so the <c>app_id</c> rules skip it with a text search (<see cref="SourceTextFilter"/>).
    /// </summary>
    internal static class AppIdClaimNames
    {
        /// <summary>Types looked at per referenced library, at most: a safety cap for very large libraries.</summary>
        private const int MaxTypesPerAssembly = 20000;

        /// <summary>Computed once per compilation and shared by the rules that need it (OA0014, OA0015).</summary>
        private static readonly ConditionalWeakTable<Compilation, string[]> Cache = new();

        public static SourceTextFilter CreateFilter(Compilation compilation, CancellationToken ct)
            => new(Find(compilation, ct));

        public static string[] Find(Compilation compilation, CancellationToken ct)
            => Cache.GetValue(compilation, c => Compute(c, ct));

        private static string[] Compute(Compilation compilation, CancellationToken ct)
        {
            var words = new HashSet<string>(StringComparer.Ordinal) { AppIdClaims.ClaimName };
            foreach (MetadataReference reference in compilation.References)
            {
                if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly && !IsPlatform(assembly.Identity.Name))
                    AddFromMetadata(assembly, words, ct);
            }

            // Constants of this project, to a fixed point (a constant may copy another one by name).
            // Only a file with the keyword can declare a constant: the rest are neither kept nor walked.
            var texts = new List<(SyntaxTree Tree, string Text)>();
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                string text = tree.GetText(ct).ToString();
                if (text.IndexOf("const", StringComparison.Ordinal) >= 0)
                    texts.Add((tree, text));
            }

            var searched = new HashSet<SyntaxTree>();
            for (bool grew = true; grew;)
            {
                grew = false;
                foreach ((SyntaxTree tree, string text) in texts)
                {
                    if (searched.Contains(tree) || !MentionsAny(text, words))
                        continue;
                    searched.Add(tree);
                    foreach (string name in ConstantsNamingTheClaim(tree, words, ct))
                        grew |= words.Add(name);
                }

                if (grew)
                    searched.Clear(); // a new name may make another declaration in a searched file qualify
            }

            var result = new string[words.Count];
            words.CopyTo(result);
            return result;
        }

        private static bool IsPlatform(string name)
            => name.StartsWith("System", StringComparison.Ordinal)
               || name.StartsWith("Microsoft.", StringComparison.Ordinal)
               || name is "mscorlib" or "netstandard" or "OneAuth.Runtime";

        private static void AddFromMetadata(IAssemblySymbol assembly, HashSet<string> words, CancellationToken ct)
        {
            int seen = 0;
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(assembly.GlobalNamespace);
            while (pending.Count > 0 && seen < MaxTypesPerAssembly)
            {
                ct.ThrowIfCancellationRequested();
                INamespaceOrTypeSymbol current = pending.Pop();
                if (current is INamespaceSymbol ns)
                {
                    foreach (INamespaceOrTypeSymbol member in ns.GetMembers())
                        pending.Push(member);
                    continue;
                }

                var type = (INamedTypeSymbol)current;
                seen++;
                // Claim-name constants live in static classes (ClaimTypes, JwtClaimTypes, a company's Claims class);
                // loading the members of every other type of every library would cost more than it finds.
                if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                    continue;

                foreach (INamedTypeSymbol nested in type.GetTypeMembers())
                    pending.Push(nested);

                if (!type.IsStatic)
                    continue;

                foreach (ISymbol member in type.GetMembers())
                {
                    if (member is IFieldSymbol { IsConst: true, ConstantValue: AppIdClaims.ClaimName } field)
                        words.Add(field.Name);
                }
            }
        }

        /// <summary>Names declared as <c>const</c> strings whose value is the literal or another known name.</summary>
        private static IEnumerable<string> ConstantsNamingTheClaim(SyntaxTree tree, HashSet<string> words, CancellationToken ct)
        {
            foreach (SyntaxNode node in tree.GetRoot(ct).DescendantNodes())
            {
                if (node is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator)
                    continue;
                SyntaxTokenList modifiers = declarator.Parent?.Parent switch
                {
                    FieldDeclarationSyntax field => field.Modifiers,
                    LocalDeclarationStatementSyntax local => local.Modifiers,
                    _ => default,
                };
                if (!modifiers.Any(SyntaxKind.ConstKeyword))
                    continue;

                bool names = value switch
                {
                    LiteralExpressionSyntax literal => literal.Token.ValueText == AppIdClaims.ClaimName,
                    IdentifierNameSyntax identifier => words.Contains(identifier.Identifier.ValueText),
                    MemberAccessExpressionSyntax member => words.Contains(member.Name.Identifier.ValueText),
                    _ => false,
                };
                if (names)
                    yield return declarator.Identifier.ValueText;
            }
        }

        private static bool MentionsAny(string text, HashSet<string> words)
        {
            foreach (string word in words)
            {
                if (text.IndexOf(word, StringComparison.Ordinal) >= 0)
                    return true;
            }

            return false;
        }
    }
}
