using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Generator;
using OneAuth.Analyzers.Generator.Models;
using OneAuth.Shared;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA1002: AppScope <c>Issuer</c>/<c>JwksUri</c> (or the MSBuild properties <c>OneAuthIssuer</c>/<c>OneAuthJwksUri</c>
/// that stand in for them) is not an absolute https URI, so no validator is generated. Plain http on a loopback
/// host is accepted by the generator and reported at Info severity.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppScopeUriInvalidAnalyzer : DiagnosticAnalyzer
{
    private const string Skipped = ", so no AppTokenValidator is generated";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AppScopeUriInvalid);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        AppScopeSites.RegisterScopeAction(context, Analyze);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, AttributeSyntax syntax, ScopeArguments args)
    {
        AnalyzerConfigOptions options = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        Check(context, "AppScope Issuer", args.Issuer, isIssuer: true, AppScopeSites.LocateNamedArgument(syntax, "Issuer"));
        Check(context, "AppScope JwksUri", args.JwksUri, isIssuer: false, AppScopeSites.LocateNamedArgument(syntax, "JwksUri"));

        // MSBuild values count only where the attribute leaves the value open (the attribute wins).
        if (args.Issuer is null)
            Check(context, "The MSBuild property OneAuthIssuer", BuildProperties.Read(options, "OneAuthIssuer"), isIssuer: true, syntax.GetLocation());
        if (args.JwksUri is null)
            Check(context, "The MSBuild property OneAuthJwksUri", BuildProperties.Read(options, "OneAuthJwksUri"), isIssuer: false, syntax.GetLocation());
    }

    private static void Check(SyntaxNodeAnalysisContext context, string source, string? value, bool isIssuer, Location location)
    {
        if (value is null)
            return;

        if ((isIssuer ? AppScopeValues.DescribeIssuerProblem(value) : AppScopeValues.DescribeJwksUriProblem(value)) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AppScopeUriInvalid, location, source, problem + Skipped));
        }
        else if (AppScopeValues.IsLoopbackHttp(value))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AppScopeUriInvalid,
                location,
                DiagnosticSeverity.Info,
                additionalLocations: null,
                properties: null,
                source,
                $"'{value}' uses plain http on a loopback host; that is accepted for local development only, use https everywhere else"));
        }
    }
}
