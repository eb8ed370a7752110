using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;
using OneAuth.Shared;

namespace OneAuth.Analyzers.Rules;

// OA0010, keys or metadata fetched over plain HTTP: ConfigurationManager addresses and key documents parsed from a plain-HTTP download.
public sealed partial class InsecureKeyTransportAnalyzer
{
    // What ends the host of a URL after the scheme, and what ends its authority (a port stays in the authority).
    private static readonly char[] HostEnd = { '/', '?', '#', ':' };
    private static readonly char[] AuthorityEnd = { '/', '?', '#' };

    /// <summary><c>new ConfigurationManager&lt;T&gt;("http://...", ...)</c>: the metadata or JWKS address.</summary>
    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is not { ContainingType: { Name: "ConfigurationManager" } owner } constructor
            || !WellKnownTypes.For(context.Compilation).Is(owner, WellKnownType.ConfigurationManager)
            || creation.Arguments.IsEmpty
            || constructor.Parameters[0].Type.SpecialType != SpecialType.System_String)
            return;

        IArgumentOperation address = creation.Arguments[0];
        CheckUrl(context, address, address.Value, "metadataAddress");
    }

    /// <summary>
    /// Keys or metadata fetched by hand over plain HTTP: <c>new JsonWebKeySet(json)</c>, <c>JsonWebKeySet.Create(json)</c>,
    /// <c>OpenIdConnectConfiguration.Create(json)</c> (or their constructors) over a string downloaded with
    /// <c>HttpClient.GetStringAsync("http://...")</c> (or read from the content of <c>GetAsync("http://...")</c>, or
    /// <c>WebClient.DownloadString("http://...")</c>), and <c>GetFromJsonAsync&lt;JsonWebKeySet&gt;("http://...")</c>.
    /// </summary>
    private static void AnalyzeKeySetParse(OperationAnalysisContext context)
    {
        CancellationToken ct = context.CancellationToken;
        switch (context.Operation)
        {
            case IObjectCreationOperation { Type: { } type, Arguments.Length: 1 } creation when IsKeyDocument(type):
                CheckDownload(context, creation.Arguments[0].Value, ct);
                break;
            case IInvocationOperation { TargetMethod: { Name: "Create", IsStatic: true } method, Arguments.Length: 1 } create when IsKeyDocument(method.ContainingType):
                CheckDownload(context, create.Arguments[0].Value, ct);
                break;
            case IInvocationOperation { TargetMethod: { Name: "GetFromJsonAsync", TypeArguments.Length: 1 } method } fetch
                when IsKeyDocument(method.TypeArguments[0]) && UrlArgument(fetch) is { } url:
                CheckUrl(context, url, url.Value, method.Name);
                break;
        }
    }

    private static bool IsKeyDocument(ITypeSymbol? type)
        => type is { Name: "JsonWebKeySet" or "OpenIdConnectConfiguration", ContainingNamespace: { } ns }
           && ns.ToDisplayString() is "Microsoft.IdentityModel.Tokens" or "Microsoft.IdentityModel.Protocols.OpenIdConnect";

    /// <summary>
    /// The JSON came from <c>HttpClient.Get...Async(url)</c> (awaited or waited on, directly or through the response
    /// content) or <c>WebClient.DownloadString(url)</c> with a plain-HTTP URL.
    /// </summary>
    private static void CheckDownload(OperationAnalysisContext context, IOperation json, CancellationToken ct)
    {
        WellKnownTypes known = WellKnownTypes.For(context.Compilation);
        IOperation? source = json;
        for (int depth = 0; source is not null && depth < 8; depth++)
        {
            source = ValueEvaluator.Unwrap(source, ct);
            switch (source)
            {
                case IAwaitOperation awaited:
                    source = awaited.Operation;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } task }:
                    source = task;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "GetResult", Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitedTask } }:
                    source = awaitedTask;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured }:
                    source = configured;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "ReadAsStringAsync" or "ReadAsStreamAsync" or "ReadAsByteArrayAsync" } read, Instance: { } content }
                    when known.Is(read.ContainingType, WellKnownType.HttpContent):
                    // (await http.GetAsync(url)).Content.ReadAsStringAsync()
                    source = content;
                    continue;
                case IPropertyReferenceOperation { Property: { Name: "Content" } property, Instance: { } response }
                    when known.Is(property.ContainingType, WellKnownType.HttpResponseMessage):
                    source = response;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "EnsureSuccessStatusCode" } ensure, Instance: { } checkedResponse }
                    when known.Is(ensure.ContainingType, WellKnownType.HttpResponseMessage):
                    source = checkedResponse;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "GetStringAsync" or "GetStreamAsync" or "GetByteArrayAsync" or "GetAsync" } method } download
                    when known.Is(method.ContainingType, WellKnownType.HttpClient) && UrlArgument(download) is { } url:
                    CheckUrl(context, url, url.Value, method.Name);
                    return;
                case IInvocationOperation { TargetMethod: { Name: "DownloadString" or "DownloadStringTaskAsync" or "DownloadData" or "DownloadDataTaskAsync" } method } legacy
                    when known.Is(method.ContainingType, WellKnownType.WebClient) && UrlArgument(legacy) is { } url:
                    CheckUrl(context, url, url.Value, method.Name);
                    return;
                default:
                    return;
            }
        }
    }

    private static IArgumentOperation? UrlArgument(IInvocationOperation invocation)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is { Name: "requestUri" or "address" })
                return argument;
        }

        return null;
    }

    private static void CheckUrl(OperationAnalysisContext context, IOperation site, IOperation value, string name)
    {
        CancellationToken ct = context.CancellationToken;
        string? url = RemotePlainHttp(ValueEvaluator.EvaluateString(value, ct)) ?? RemotePlainHttpTemplate(value, ct);

        // The fix rewrites the literal; offer it only when the literal is written at this site.
        bool literalHere = url is not null && (value is ILiteralOperation || value is IConversionOperation { Operand: ILiteralOperation });
        bool environmentDependent = false;
        if (url is null && ValueEvaluator.Unwrap(value, ct) is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
        {
            // isDev ? "http://keycloak:8080/realms/dev" : "https://auth.example.com"
            string? whenTrueUrl = RemotePlainHttp(ValueEvaluator.EvaluateString(conditional.WhenTrue, ct));
            string? whenFalseUrl = RemotePlainHttp(ValueEvaluator.EvaluateString(whenFalse, ct));
            if (whenTrueUrl is not null && whenFalseUrl is not null)
            {
                url = whenTrueUrl;
            }
            else if ((whenTrueUrl ?? whenFalseUrl) is { } one
                     && ValueEvaluator.EvaluateBool(conditional.Condition, ct) == BoolValue.FalseInSomeEnvironments)
            {
                url = one;
                environmentDependent = true;
            }
        }

        if (url is null)
            return;

        environmentDependent |= EnvironmentChecks.IsEnvironmentOnlySite(site, ct);
        Report(context, site, environmentDependent, literalHere ? FixHttps : null, name, $"uses the plain-HTTP URL '{url}'" + (environmentDependent ? " in some environments" : string.Empty));
    }

    /// <summary>The URL when it is plain HTTP to a host other than this machine, else null.</summary>
    private static string? RemotePlainHttp(string? url)
        => url is not null && IsPlainHttp(url, out string host) && !AppScopeValues.IsLoopbackHostName(host) ? url : null;

    /// <summary>
    /// An interpolated or concatenated URL whose constant start is plain HTTP (<c>$"http://{host}/.well-known/..."</c>):
    /// the scheme is fixed whatever the holes hold. Its text, holes shown as <c>{...}</c>, unless the host is a
    /// constant loopback host or may still become one (<c>$"http://localhost:{port}"</c>, <c>$"http://127.0.0.{n}"</c>).
    /// </summary>
    private static string? RemotePlainHttpTemplate(IOperation value, CancellationToken ct)
    {
        var parts = new List<(string? Text, string Shown)>();
        if (!CollectTemplate(ValueEvaluator.Unwrap(value, ct), parts, 0, ct) || !parts.Any(p => p.Text is null))
            return null;

        var prefix = new StringBuilder();
        foreach ((string? text, _) in parts)
        {
            if (text is null)
                break;
            prefix.Append(text);
        }

        const string Scheme = "http://";
        string start = prefix.ToString().TrimStart();
        if (!start.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return null;

        string shown = string.Concat(parts.Select(p => p.Shown));
        string rest = start.Substring(Scheme.Length);
        if (rest.IndexOfAny(HostEnd) >= 0)
            return IsPlainHttp(start, out string host) && !AppScopeValues.IsLoopbackHostName(host) ? shown : null;

        // The host is still being written when the first hole comes.
        bool mayBeLoopback = rest.Length > 0
            && ("localhost".StartsWith(rest, StringComparison.OrdinalIgnoreCase)
                || rest.StartsWith("localhost", StringComparison.OrdinalIgnoreCase)
                || "127.".StartsWith(rest, StringComparison.Ordinal)
                || rest.StartsWith("127.", StringComparison.Ordinal)
                || rest.StartsWith("[", StringComparison.Ordinal));
        return mayBeLoopback ? null : shown;
    }

    /// <summary>The parts of an interpolation or a string concatenation: constant text, or null text for a hole.</summary>
    private static bool CollectTemplate(IOperation? operation, List<(string? Text, string Shown)> parts, int depth, CancellationToken ct)
    {
        if (operation is null || depth > 8)
            return false;

        switch (operation)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } })
                    {
                        parts.Add((text, text));
                    }
                    else if (part is IInterpolationOperation hole)
                    {
                        string? constant = ValueEvaluator.EvaluateString(hole.Expression, ct);
                        parts.Add((constant, constant ?? "{" + hole.Expression.Syntax + "}"));
                    }
                    else
                    {
                        return false;
                    }
                }

                return true;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                return CollectTemplate(ValueEvaluator.Unwrap(concatenation.LeftOperand, ct), parts, depth + 1, ct)
                    && CollectTemplate(ValueEvaluator.Unwrap(concatenation.RightOperand, ct), parts, depth + 1, ct);

            default:
                string? value = ValueEvaluator.EvaluateString(operation, ct);
                parts.Add((value, value ?? "{" + operation.Syntax + "}"));
                return true;
        }
    }

    internal static bool IsPlainHttp(string url, out string host)
    {
        host = string.Empty;
        const string Scheme = "http://";
        string trimmed = url.Trim();
        if (!trimmed.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;

        string rest = trimmed.Substring(Scheme.Length);
        int end = rest.IndexOfAny(AuthorityEnd);
        string authority = end < 0 ? rest : rest.Substring(0, end);
        int at = authority.LastIndexOf('@');
        if (at >= 0)
            authority = authority.Substring(at + 1);

        if (authority.StartsWith("[", StringComparison.Ordinal))
        {
            int close = authority.IndexOf(']');
            host = close < 0 ? authority : authority.Substring(0, close + 1);
        }
        else
        {
            int colon = authority.IndexOf(':');
            host = colon < 0 ? authority : authority.Substring(0, colon);
        }

        return true;
    }
}
