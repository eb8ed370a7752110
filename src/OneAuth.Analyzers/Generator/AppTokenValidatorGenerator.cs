using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Generator;

/// <summary>
/// Emits <c>AppTokenValidator</c> for the assembly's <c>[assembly: AppScope("...")]</c>. Wiring only: parsing
/// lives in <see cref="Parser"/>, text in <see cref="Emitter"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AppTokenValidatorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<ScopeModel?> scope = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AppScopeReader.AttributeMetadataName,
                predicate: static (node, _) => node is CompilationUnitSyntax,
                transform: static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.ScopeParsed)
            .Collect()
            .Select(static (found, _) => Parser.PickSingle(found))
            .WithTrackingName(TrackingNames.ScopePicked);

        IncrementalValueProvider<BuildSettings> settings = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => Parser.ReadBuildSettings(provider))
            .WithTrackingName(TrackingNames.BuildSettings);

        // One small fact per compilation, so edits elsewhere leave everything downstream cached.
        IncrementalValueProvider<HostingFacts> hosting = context.CompilationProvider
            .Select(static (compilation, _) => Parser.ReadHostingFacts(compilation))
            .WithTrackingName(TrackingNames.HostingFacts);

        IncrementalValueProvider<ValidatorModel?> model = scope
            .Combine(settings)
            .Combine(hosting)
            .Select(static (pair, _) => Parser.Merge(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.ModelBuilt);

        context.RegisterSourceOutput(model, static (spc, m) =>
        {
            if (m is null)
                return;

            spc.AddSource(Emitter.HintName, Emitter.Emit(m));
            if (m.Hosting.HasDependencyInjection)
                spc.AddSource(HostingEmitter.ServicesHintName, HostingEmitter.EmitServices(m));
            if (m.Hosting.HasAuthentication)
                spc.AddSource(HostingEmitter.AuthenticationHintName, HostingEmitter.EmitAuthentication(m));
            if (m.Hosting.HasDependencyInjection && m.Hosting.HasHealthChecks)
                spc.AddSource(HealthCheckEmitter.HintName, HealthCheckEmitter.Emit(m));
        });
    }
}
