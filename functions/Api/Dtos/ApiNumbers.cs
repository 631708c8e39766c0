using CostOps.Application.Json;

namespace CostOps.Functions.Api.Dtos;

/// <summary>
/// Rounding for API figures: how many decimals each kind of figure keeps, rounded as the what-if JSON is
/// (<see cref="JsonNumbers"/>).
/// </summary>
internal static class ApiNumbers
{
    /// <summary>Money in USD: 4 decimals (a hundredth of a cent), enough to add daily rows up exactly to the cent.</summary>
    public const int Money = 4;

    /// <summary>Requests per month and other volumes that are averages.</summary>
    public const int Volume = 2;

    /// <summary>Ratios and shares (demand ratio, completeness, relative changes).</summary>
    public const int Ratio = 4;

    public static decimal? Round(decimal? value, int decimals) => JsonNumbers.Round(value, decimals);

    public static decimal Round(decimal value, int decimals) => JsonNumbers.Round(value, decimals);
}
