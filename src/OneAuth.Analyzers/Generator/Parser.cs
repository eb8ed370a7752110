using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Generator.Models;
using OneAuth.Shared;

namespace OneAuth.Analyzers.Generator;

/// <summary>Turns the attribute and build settings into models. No text is produced here.</summary>
internal static class Parser
{
    /// <summary>Null when the attribute is incomplete or invalid (the analyzers say why).</summary>
    public static ScopeModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in context.Attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ScopeArguments args = AppScopeReader.Read(attribute);
            if (!args.IsComplete || args.AppId is null)
                return null;

            ImmutableArray<AppScopeProblem> problems = AppScopeRules.Validate(
                args.AppId, args.Issuer, args.Audience, args.JwksUri, args.TokenType, args.Namespace);
            if (!problems.IsEmpty)
                return null;

            return new ScopeModel(args.AppId, args.Issuer, args.Audience, args.JwksUri, args.TokenType, args.Namespace);
        }

        return null;
    }

    /// <summary>One scope per assembly: more than one (an error the compiler also reports) yields none.</summary>
    public static ScopeModel? PickSingle(ImmutableArray<ScopeModel?> found)
        => found.Length == 1 ? found[0] : null;

    public static BuildSettings ReadBuildSettings(AnalyzerConfigOptionsProvider provider)
    {
        AnalyzerConfigOptions options = provider.GlobalOptions;
        return new BuildSettings(
            BuildProperties.Read(options, "RootNamespace"),
            BuildProperties.Read(options, "OneAuthIssuer"),
            BuildProperties.Read(options, "OneAuthAudience"),
            BuildProperties.Read(options, "OneAuthJwksUri"));
    }

    /// <summary>Merges attribute and MSBuild values; null when a merged value is invalid.</summary>
    public static ValidatorModel? Merge(ScopeModel? scope, BuildSettings settings, HostingFacts hosting)
    {
        if (scope is null)
            return null;

        string? issuer = scope.Issuer ?? settings.Issuer;
        string audience = scope.Audience ?? settings.Audience ?? scope.AppId;
        string? jwksUri = scope.JwksUri ?? settings.JwksUri;
        bool jwksUriIsFixed = jwksUri is not null;
        if (jwksUri is null && issuer is not null)
            jwksUri = AppScopeValues.DeriveJwksUri(issuer);

        // MSBuild values are not checked by the attribute rules: check the merged result again.
        if (!AppScopeRules.Validate(scope.AppId, issuer, audience, jwksUri, scope.TokenType, null).IsEmpty)
            return null;

        string? ns = scope.Namespace ?? settings.RootNamespace;
        if (ns is not null && !AppScopeRules.IsNamespace(ns))
            ns = null; // an unusual RootNamespace: fall back to the global namespace

        return new ValidatorModel(ns, scope.AppId, issuer, audience, jwksUri, jwksUriIsFixed, scope.TokenType, hosting);
    }

    /// <summary>
    /// The facts the hosting integrations depend on, read once per compilation from the referenced assembly
    /// identities only: looking types up by name would load the type tables of every reference, a cost a fresh
    /// compiler process pays in full before binding starts.
    /// </summary>
    public static HostingFacts ReadHostingFacts(Compilation compilation)
    {
        bool di = false;
        bool auth = false;
        bool configuration = false;
        bool lifecycle = false;
        bool health = false;
        foreach (AssemblyIdentity identity in compilation.ReferencedAssemblyNames)
        {
            switch (identity.Name)
            {
                case "Microsoft.Extensions.DependencyInjection.Abstractions":
                    di = true;
                    break;

                // The handler uses the (options, loggerFactory, encoder) constructor that ASP.NET Core 8 introduced.
                case "Microsoft.AspNetCore.Authentication":
                    auth |= identity.Version.Major >= 8;
                    break;

                case "Microsoft.Extensions.Configuration.Abstractions":
                    configuration = true;
                    break;

                // IHostedLifecycleService (StartingAsync runs before the server listens) arrived in 8.0.
                case "Microsoft.Extensions.Hosting.Abstractions":
                    lifecycle |= identity.Version.Major >= 8;
                    break;

                // IHealthChecksBuilder lives here, not in the abstractions (which it brings along).
                case "Microsoft.Extensions.Diagnostics.HealthChecks":
                    health = true;
                    break;
            }
        }

        return di ? new HostingFacts(true, auth, configuration, lifecycle, health) : HostingFacts.None;
    }
}
