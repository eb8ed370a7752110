using Microsoft.CodeAnalysis;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// Where unverified token data comes from: the decoding call (as the diagnostic names it) and the token string that
/// was decoded, as the analysed method sees it (null when it cannot be told, such as a token kept in a field).
/// </summary>
internal sealed class UnverifiedOrigin
{
    public UnverifiedOrigin(string call, IOperation? input)
    {
        Call = call;
        Input = input;
    }

    public string Call { get; }

    public IOperation? Input { get; }
}
