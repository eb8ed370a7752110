using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.CodeFixes;
using OneAuth.Analyzers.Rules;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests;

/// <summary>
/// The rules for JWT.NET, jose-jwt, Google.Apis.Auth and token-info endpoints run over half-typed code with those libraries
/// referenced, and neither they nor the OA0018 code fix may throw.
/// </summary>
public class TokenLibraryRobustnessTests
{
    public static TheoryData<string> BrokenSources() => new()
    {
        "using JWT.Builder; class C { string M(string t) => new JwtBuilder().WithSecret().Decode(; }",
        "using JWT.Builder; class C { string M(string t) { var b = new JwtBuilder(); b.WithVerifySignature(); b = ; return b.Decode(t); } }",
        "using JWT.Builder; class C { string M(string t) { var b = b.MustVerifySignature(); return b.Decode(t); } }",
        "using JWT.Builder; class C { JwtBuilder B() => B(); string M(string t) => B().Decode(t); }",
        "using JWT.Builder; class C { static readonly JwtBuilder F = F; string M(string t) => F.Decode(t); }",
        "using JWT.Builder; class C { string M(string t) => new JwtBuilder().WithSecret(\"x\").Decode<>(t); }",
        "using JWT; class C { string M(IJwtDecoder d, string t) => d.Decode(t, , verify: ) + d.DecodeToObject(t, \"k\", false; }",
        "using JWT; class C { string M(IJwtDecoder d, string t) => d.Decode(token: t, verify: false, key: ); }",
        "using Jose; class C { string M(string t) => JWT.Decode(t, , JwsAlgorithm.) + JWT.Decode(t, null, (JwsAlgorithm)42) + JWT.Verify(; }",
        "using Jose; class C { bool M(string t) { var p = JWT.Payload<System.Collections.Generic.Dictionary<string, object>>(t); if ((string)p[] == ) return ; return JWT.Payload(t) == ; } }",
        "using Jose; class C { string M(string t) => JWT.Decode(t, System.Text.Encoding.UTF8.GetBytes(), JwsAlgorithm.HS256) + JWT.Encode(null, new byte[] { 1, , 3 }, JwsAlgorithm.HS256); }",
        "using Google.Apis.Auth; class C { async System.Threading.Tasks.Task M(string t) { var p = await GoogleJsonWebSignature.ValidateAsync(t, new GoogleJsonWebSignature.ValidationSettings { Audience = }); var q = await GoogleJsonWebSignature.ValidateAsync(; } }",
        "class C { string U = \"https://oauth2.googleapis.com/tokeninfo?id_token=\" + ; }",
        "class C { System.Threading.Tasks.Task<string> M(System.Net.Http.HttpClient h, string t) => h.GetStringAsync($\"https://graph.facebook.com/debug_token?input_token={t}&access_token={\"",
        "struct S { const string U = \"https://www.googleapis.com/oauth2/v3/tokeninfo?access_token=x\"; bool M(string a) => a is ; }",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task No_rule_or_fix_throws_on_incomplete_code(string source)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Broken",
            "Broken",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: TokenLibraryRefs.All));
        Document document = workspace.AddDocument(project.Id, "Broken.cs", Microsoft.CodeAnalysis.Text.SourceText.From(source));

        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        var exceptions = new List<string>();
        ImmutableArray<DiagnosticAnalyzer> analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new UnverifiedTokenDecodedAnalyzer(),
            new ExternalTokenAudienceNotCheckedAnalyzer(),
            new WeakAlgorithmInTokenLibraryAnalyzer(),
            new SecretInTokenLibraryAnalyzer(),
            new UnverifiedTokenTrustedAnalyzer());
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (ex, analyzer, _) => { lock (exceptions) exceptions.Add($"{analyzer.GetType().Name}: {ex}"); },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);

        CodeFixProvider provider = new UnverifiedTokenDecodedCodeFixProvider();
        foreach (Diagnostic diagnostic in diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)))
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
            foreach (CodeAction action in actions)
            {
                foreach (CodeActionOperation operation in await action.GetOperationsAsync(CancellationToken.None))
                {
                    if (operation is ApplyChangesOperation apply)
                        _ = await apply.ChangedSolution.GetDocument(document.Id)!.GetTextAsync();
                }
            }
        }
    }
}
