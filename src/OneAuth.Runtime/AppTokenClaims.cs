using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Threading;
using OneAuth.Validation;

namespace OneAuth;

/// <summary>
/// The claims of a verified token. The checked values (<see cref="AppId"/>, <see cref="Issuer"/>, times) are
/// ready at once; the rest is read from the verified payload the first time it is asked for.
/// </summary>
public sealed class AppTokenClaims
{
    private static readonly ReadOnlyCollection<string> Empty = new(Array.Empty<string>());

    private readonly string _token;
    private readonly int _payloadStart;
    private readonly int _payloadLength;
    private Materialized? _materialized;

    internal AppTokenClaims(string token, int payloadStart, int payloadLength, string appId, string issuer, DateTimeOffset expiresAt, DateTimeOffset? issuedAt)
    {
        _token = token;
        _payloadStart = payloadStart;
        _payloadLength = payloadLength;
        AppId = appId;
        Issuer = issuer;
        ExpiresAt = expiresAt;
        IssuedAt = issuedAt;
    }

    /// <summary>The <c>sub</c> claim, when present.</summary>
    public string? Subject => Materialize().Subject;

    /// <summary>The <c>app_id</c> claim (equal to the policy's app id).</summary>
    public string AppId { get; }

    /// <summary>The <c>iss</c> claim (equal to the expected issuer).</summary>
    public string Issuer { get; }

    /// <summary>The <c>aud</c> claim: one entry for a string, every entry for an array.</summary>
    public IReadOnlyList<string> Audiences => Materialize().Audiences;

    /// <summary>The <c>exp</c> claim.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The <c>iat</c> claim, when present.</summary>
    public DateTimeOffset? IssuedAt { get; }

    /// <summary>The scopes: the space-separated <c>scope</c> claim, else <c>scp</c> (a space-separated string or an array of strings).</summary>
    public IReadOnlyList<string> Scopes => Materialize().Scopes;

    /// <summary>The whole verified payload, a JSON object.</summary>
    public JsonElement Raw => Materialize().Raw;

    /// <summary>
    /// A principal with one claim per payload member (one per element for arrays; nested objects as JSON text).
    /// The name claim type is <c>sub</c> and the role claim type is <c>role</c>.
    /// </summary>
    public ClaimsPrincipal ToClaimsPrincipal(string authenticationType = "OneAuth")
    {
        if (string.IsNullOrEmpty(authenticationType))
            throw new ArgumentException("The authentication type must not be empty.", nameof(authenticationType));

        var identity = new ClaimsIdentity(authenticationType, "sub", "role");
        foreach (JsonProperty property in Raw.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in property.Value.EnumerateArray())
                    AddClaim(identity, property.Name, item);
            }
            else
            {
                AddClaim(identity, property.Name, property.Value);
            }
        }

        return new ClaimsPrincipal(identity);
    }

    private void AddClaim(ClaimsIdentity identity, string type, JsonElement value)
    {
        string? text;
        string valueType;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                text = value.GetString();
                valueType = ClaimValueTypes.String;
                break;
            case JsonValueKind.Number:
                text = value.GetRawText();
                valueType = value.TryGetInt64(out _) ? ClaimValueTypes.Integer64 : ClaimValueTypes.Double;
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                text = value.ValueKind == JsonValueKind.True ? "true" : "false";
                valueType = ClaimValueTypes.Boolean;
                break;
            case JsonValueKind.Object:
            case JsonValueKind.Array:
                text = value.GetRawText();
                valueType = "JSON";
                break;
            default:
                return; // null carries no claim
        }

        identity.AddClaim(new Claim(type, text ?? string.Empty, valueType, Issuer, Issuer));
    }

    private Materialized Materialize()
    {
        Materialized? current = Volatile.Read(ref _materialized);
        if (current is not null)
            return current;

        var created = new Materialized(ParsePayload(_token.AsSpan(_payloadStart, _payloadLength)));
        return Interlocked.CompareExchange(ref _materialized, created, null) ?? created;
    }

    private static JsonElement ParsePayload(ReadOnlySpan<char> encoded)
    {
        // The payload was decoded and checked during validation; decoding it again cannot fail.
        var bytes = new byte[Base64Url.DecodedLength(encoded.Length)];
        if (!Base64Url.TryDecode(encoded, bytes, out _))
            throw new InvalidOperationException("The verified payload could not be decoded again.");

        var reader = new Utf8JsonReader(bytes);
        return JsonElement.ParseValue(ref reader);
    }

    private sealed class Materialized
    {
        public Materialized(JsonElement raw)
        {
            Raw = raw;
            if (raw.TryGetProperty("sub", out JsonElement sub) && sub.ValueKind == JsonValueKind.String)
                Subject = sub.GetString();

            Audiences = raw.TryGetProperty("aud", out JsonElement aud) ? Strings(aud, split: false) : Empty;

            if (raw.TryGetProperty("scope", out JsonElement scope) && scope.ValueKind == JsonValueKind.String)
                Scopes = Strings(scope, split: true);
            else if (raw.TryGetProperty("scp", out JsonElement scp))
                Scopes = Strings(scp, split: true);
            else
                Scopes = Empty;
        }

        public JsonElement Raw { get; }

        public string? Subject { get; }

        public ReadOnlyCollection<string> Audiences { get; }

        public ReadOnlyCollection<string> Scopes { get; }

        private static ReadOnlyCollection<string> Strings(JsonElement value, bool split)
        {
            var list = new List<string>();
            if (value.ValueKind == JsonValueKind.String)
            {
                Add(list, value.GetString()!, split);
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                        Add(list, item.GetString()!, split: false);
                }
            }

            return list.Count == 0 ? Empty : list.AsReadOnly();
        }

        private static void Add(List<string> list, string value, bool split)
        {
            if (!split)
            {
                list.Add(value);
                return;
            }

            foreach (string part in value.Split(' '))
            {
                if (part.Length != 0)
                    list.Add(part);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => "app_id=" + AppId + ", exp=" + ExpiresAt.ToString("O", CultureInfo.InvariantCulture);
}
