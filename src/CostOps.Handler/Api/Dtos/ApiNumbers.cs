namespace CostOps.Handler.Api.Dtos;

/// <summary>
/// Rounding for API figures, the same way <c>BreakEvenJson</c> rounds the what-if: away from zero,
/// then stripped of trailing zeros (decimal keeps its scale, so 12.50 would otherwise print as such).
/// </summary>
internal static class ApiNumbers
{
    /// <summary>Money in USD: 4 decimals (a hundredth of a cent), enough to add daily rows up exactly to the cent.</summary>
    public const int Money = 4;

    /// <summary>Requests per month and other volumes that are averages.</summary>
    public const int Volume = 2;

    /// <summary>Ratios and shares (demand ratio, completeness, relative changes).</summary>
    public const int Ratio = 4;

    private const decimal TrailingZeroStripper = 1.000000000000000000000000000000000m;

    public static decimal? Round(decimal? value, int decimals) =>
        value is { } v ? Round(v, decimals) : null;

    public static decimal Round(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero) / TrailingZeroStripper;
}
