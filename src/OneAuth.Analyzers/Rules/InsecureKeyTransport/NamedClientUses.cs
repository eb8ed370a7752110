using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// What one compilation says about named <c>IHttpClientFactory</c> clients: the names registered with a primary
/// handler that accepts any server certificate (<c>AddHttpClient("jwks").ConfigurePrimaryHttpMessageHandler(...)</c>),
/// and the names whose <c>CreateClient(name)</c> client fetches signing keys or metadata. The two usually sit in
/// different files, so they are joined at the end of the compilation. Thread-safe; create one per compilation.
/// </summary>
internal sealed class NamedClientUses
{
    /// <summary>The name recorded for <c>ConfigureHttpClientDefaults</c>: the handler of every client (not a valid user name).</summary>
    public const string AllClients = "\0*";

    private const string TypedPrefix = "\0type:";

    /// <summary>The key of a typed client: the class that receives the HttpClient in its constructor.</summary>
    public static string TypedClient(ITypeSymbol implementation) => TypedPrefix + implementation.ToDisplayString();

    /// <summary>How a key reads in a message: the client name, or the typed client's class.</summary>
    public static string Describe(string key)
    {
        if (key == AllClients)
            return "every factory-made HttpClient, including the one that fetches signing keys";
        if (key.StartsWith(TypedPrefix, StringComparison.Ordinal))
        {
            string type = key.Substring(TypedPrefix.Length);
            int dot = type.LastIndexOf('.');
            return $"the HttpClient of the typed client '{(dot < 0 ? type : type.Substring(dot + 1))}' that fetches signing keys";
        }

        return $"the HttpClient '{key}' that fetches signing keys";
    }

    private readonly ConcurrentBag<AcceptingRegistration> _accepting = new();
    private readonly ConcurrentDictionary<string, bool> _fetchingKeys = new(StringComparer.Ordinal);

    /// <summary>A certificate callback that accepts anything, in the primary handler of the client <paramref name="name"/>.</summary>
    public void AddAcceptingHandler(string name, Location callback, string property, bool environmentDependent)
        => _accepting.Add(new AcceptingRegistration(name, callback, property, environmentDependent));

    /// <summary>The client <paramref name="name"/> is used to fetch keys or metadata.</summary>
    public void AddKeyFetch(string name) => _fetchingKeys.TryAdd(name, true);

    /// <summary>The accepting handlers of clients that fetch keys, in source order (deterministic output).</summary>
    public IEnumerable<AcceptingRegistration> AcceptingHandlersOfKeyClients()
    {
        if (_fetchingKeys.IsEmpty)
            return Enumerable.Empty<AcceptingRegistration>();

        return _accepting
            .Where(r => r.Name == AllClients || _fetchingKeys.ContainsKey(r.Name))
            .OrderBy(r => r.Callback.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(r => r.Callback.SourceSpan.Start)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            // One handler factory shared by several key clients is one finding, named after the first client.
            .GroupBy(r => (r.Callback.SourceTree?.FilePath, r.Callback.SourceSpan))
            .Select(g => g.First());
    }

    internal sealed class AcceptingRegistration
    {
        public AcceptingRegistration(string name, Location callback, string property, bool environmentDependent)
        {
            Name = name;
            Callback = callback;
            Property = property;
            EnvironmentDependent = environmentDependent;
        }

        public string Name { get; }

        public Location Callback { get; }

        public string Property { get; }

        public bool EnvironmentDependent { get; }
    }
}
