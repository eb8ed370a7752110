using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// The words a file must contain to name the <c>app_id</c> claim: the literal itself and the names of the string
/// constants equal to it, declared in this project (<c>const string AppId = "app_id";</c>, or a constant copied from
/// another such constant), in a project referenced as source (the IDE's project references), or as a public,
/// protected or internal-visible <c>const</c> field of any class, struct or interface of a referenced library that
/// is not part of .NET or ASP.NET Core. A file without any of them cannot read the claim, so the <c>app_id</c>
/// rules skip it with a text search (<see cref="SourceTextFilter"/>). The words only choose files to look at: the
/// rules recognise the claim by its constant value.
/// </summary>
internal static class AppIdClaimNames
{
    /// <summary>
    /// Computed once per compilation and shared by the rules that need it (OA0014, OA0015), with the answers of its
    /// text search: both rules ask about the same files.
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, SourceTextFilter> Cache = new();

    public static SourceTextFilter FilterFor(Compilation compilation, CancellationToken ct)
        => Cache.GetValue(compilation, c => new SourceTextFilter(c, Compute(c, ct)));

    private static string[] Compute(Compilation compilation, CancellationToken ct)
    {
        var words = new HashSet<string>(StringComparer.Ordinal) { AppIdClaims.ClaimName };
        // Constants of this project and of projects referenced as source, to a fixed point (a constant may copy
        // another one by name). Only a file with the keyword can declare a constant: the rest are neither kept nor walked.
        var texts = new List<(SyntaxTree Tree, string Text)>();
        AddConstTexts(compilation, texts, ct);
        foreach (MetadataReference reference in compilation.References)
        {
            ct.ThrowIfCancellationRequested();
            if (reference is CompilationReference { Compilation: { } referenced })
            {
                if (!IsPlatform(referenced.AssemblyName ?? string.Empty))
                    AddConstTexts(referenced, texts, ct);
                continue;
            }

            switch (compilation.GetAssemblyOrModuleSymbol(reference))
            {
                case IAssemblySymbol assembly when !IsPlatform(assembly.Identity.Name):
                    bool internalsVisible = assembly.GivesAccessTo(compilation.Assembly);
                    foreach (IModuleSymbol module in assembly.Modules)
                        AddFromMetadata(module, internalsVisible, words, ct);
                    break;
                case IModuleSymbol module:
                    AddFromMetadata(module, internalsVisible: true, words, ct);
                    break;
            }
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

    private static void AddConstTexts(Compilation compilation, List<(SyntaxTree Tree, string Text)> texts, CancellationToken ct)
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            string text = tree.GetText(ct).ToString();
            if (text.IndexOf("const", StringComparison.Ordinal) >= 0)
                texts.Add((tree, text));
        }
    }

    /// <summary>
    /// Reads the library's constant table directly: one pass over the rows that hold a constant's value, the string
    /// compared before any name is read, and no symbol created. That is what lets the search cover the constants of
    /// every type (a company's <c>Claims</c> class, a struct, an interface) at the cost of a table scan, where
    /// loading the members of every type of every library would cost more than it finds.
    /// </summary>
    private static void AddFromMetadata(IModuleSymbol module, bool internalsVisible, HashSet<string> words, CancellationToken ct)
    {
        try
        {
            if (module.GetMetadata() is { } metadata)
                AddFromMetadata(metadata.GetMetadataReader(), internalsVisible, words, ct);
        }
        catch (BadImageFormatException)
        {
            // The compiler reports an unreadable reference itself; the search goes on without it.
        }
    }

    private static void AddFromMetadata(MetadataReader reader, bool internalsVisible, HashSet<string> words, CancellationToken ct)
    {
        int rows = reader.GetTableRowCount(TableIndex.Constant);
        for (int row = 1; row <= rows; row++)
        {
            if ((row & 0xFF) == 0)
                ct.ThrowIfCancellationRequested();

            Constant constant = reader.GetConstant(MetadataTokens.ConstantHandle(row));
            if (constant.TypeCode != ConstantTypeCode.String || constant.Parent.Kind != HandleKind.FieldDefinition || !IsClaimName(reader, constant.Value))
                continue;

            FieldDefinition field = reader.GetFieldDefinition((FieldDefinitionHandle)constant.Parent);
            if ((field.Attributes & FieldAttributes.Literal) != 0
                && IsVisible(field.Attributes & FieldAttributes.FieldAccessMask, internalsVisible)
                && IsVisible(reader, field.GetDeclaringType(), internalsVisible))
                words.Add(reader.GetString(field.Name));
        }
    }

    private static bool IsClaimName(MetadataReader reader, BlobHandle value)
    {
        // A string constant is stored as UTF-16 code units without a terminator.
        BlobReader blob = reader.GetBlobReader(value);
        if (blob.Length != AppIdClaims.ClaimName.Length * 2)
            return false;

        foreach (char expected in AppIdClaims.ClaimName)
        {
            if (blob.ReadUInt16() != expected)
                return false;
        }

        return true;
    }

    /// <summary>Public and protected members are visible to this project; internal ones only through InternalsVisibleTo.</summary>
    private static bool IsVisible(FieldAttributes access, bool internalsVisible) => access switch
    {
        FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem => true,
        FieldAttributes.Assembly or FieldAttributes.FamANDAssem => internalsVisible,
        _ => false,
    };

    /// <summary>The declaring type and every type it is nested in must be visible too.</summary>
    private static bool IsVisible(MetadataReader reader, TypeDefinitionHandle handle, bool internalsVisible)
    {
        for (int depth = 0; !handle.IsNil && depth < 16; depth++)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            bool visible = (type.Attributes & TypeAttributes.VisibilityMask) switch
            {
                TypeAttributes.Public or TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem => true,
                TypeAttributes.NotPublic or TypeAttributes.NestedAssembly or TypeAttributes.NestedFamANDAssem => internalsVisible,
                _ => false,
            };
            if (!visible)
                return false;

            handle = type.GetDeclaringType();
        }

        return handle.IsNil;
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
