using System.Security.Cryptography;

namespace OneAuth.Keys;

/// <summary>The result of <see cref="SigningKeySource.GetKeyAsync"/>: a status, and the key when found.</summary>
public readonly struct SigningKeyLookup
{
    private SigningKeyLookup(SigningKeyStatus status, RSA? key, long keySetVersion, string? detail)
    {
        Status = status;
        Key = key;
        KeySetVersion = keySetVersion;
        Detail = detail;
    }

    /// <summary>Found, unknown key, or keys unavailable.</summary>
    public SigningKeyStatus Status { get; }

    /// <summary>The RSA public key (2048-4096 bits, e = 65537) when <see cref="Status"/> is Found.</summary>
    public RSA? Key { get; }

    /// <summary>Identifies the installed key set; changes whenever a different set is installed.</summary>
    public long KeySetVersion { get; }

    /// <summary>A human-readable reason when the key was not found. Never contains key material.</summary>
    public string? Detail { get; }

    /// <summary>A key was found.</summary>
    public static SigningKeyLookup Found(RSA key, long keySetVersion) => new(SigningKeyStatus.Found, key, keySetVersion, null);

    /// <summary>The current set has no key with that id.</summary>
    public static SigningKeyLookup Unknown(long keySetVersion, string? detail = null) => new(SigningKeyStatus.UnknownKey, null, keySetVersion, detail);

    /// <summary>No usable key set.</summary>
    public static SigningKeyLookup Unavailable(string? detail = null) => new(SigningKeyStatus.KeysUnavailable, null, 0, detail);
}
