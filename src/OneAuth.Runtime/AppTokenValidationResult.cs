using System;

namespace OneAuth;

/// <summary>The outcome of validating one token: accepted with its claims, or rejected with a reason.</summary>
public sealed class AppTokenValidationResult
{
    internal AppTokenValidationResult(AppTokenClaims claims)
    {
        Failure = AppTokenFailure.None;
        Claims = claims;
    }

    internal AppTokenValidationResult(AppTokenFailure failure, string detail)
    {
        if (failure == AppTokenFailure.None)
            throw new ArgumentOutOfRangeException(nameof(failure));

        Failure = failure;
        Detail = detail;
    }

    /// <summary>True when the token passed every check.</summary>
    public bool IsValid => Failure == AppTokenFailure.None;

    /// <summary>Why the token was rejected; <see cref="AppTokenFailure.None"/> when it was accepted.</summary>
    public AppTokenFailure Failure { get; }

    /// <summary>The verified claims when the token was accepted; otherwise null.</summary>
    public AppTokenClaims? Claims { get; }

    /// <summary>A human-readable reason for a rejection. It never contains the token, secrets or key material.</summary>
    public string? Detail { get; }

    /// <inheritdoc />
    public override string ToString() => IsValid ? "Valid" : $"{Failure}: {Detail}";
}
