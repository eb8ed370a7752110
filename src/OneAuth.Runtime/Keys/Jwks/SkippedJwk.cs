namespace OneAuth.Keys;

/// <summary>A JWK that failed a rule. <see cref="Kid"/> is safe to log (well-formed, or a placeholder).</summary>
internal readonly struct SkippedJwk
{
    public SkippedJwk(int index, string kid, string tag, string reason)
    {
        Index = index;
        Kid = kid;
        Tag = tag;
        Reason = reason;
    }

    public int Index { get; }

    public string Kid { get; }

    public string Tag { get; }

    public string Reason { get; }
}
