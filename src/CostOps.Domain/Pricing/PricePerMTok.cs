using System.Globalization;

namespace CostOps.Domain.Pricing;

/// <summary>A token price in USD per million tokens ("per MTok"). Never negative.</summary>
public readonly record struct PricePerMTok
{
    private const decimal TokensPerMillion = 1_000_000m;

    public PricePerMTok(decimal usdPerMillionTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usdPerMillionTokens);
        UsdPerMillionTokens = usdPerMillionTokens;
    }

    public decimal UsdPerMillionTokens { get; }

    public static PricePerMTok FromPerToken(decimal usdPerToken) => new(usdPerToken * TokensPerMillion);

    /// <summary>The cost of <paramref name="tokens"/> tokens at this price.</summary>
    public Money CostOf(decimal tokens) => new(tokens * UsdPerMillionTokens / TokensPerMillion);

    public override string ToString() => UsdPerMillionTokens.ToString("0.####", CultureInfo.InvariantCulture) + " $/MTok";
}
