namespace CostOps.Application.Json;

/// <summary>
/// How figures are rounded for JSON: away from zero, then stripped of trailing zeros (decimal keeps its scale, so
/// 1493.00 would otherwise print as such). The what-if JSON and the HTTP API's figures both round through here,
/// so the same figure prints the same in both.
/// </summary>
public static class JsonNumbers
{
    private const decimal TrailingZeroStripper = 1.000000000000000000000000000000000m;

    public static decimal Round(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero) / TrailingZeroStripper;

    public static decimal? Round(decimal? value, int decimals) =>
        value is { } v ? Round(v, decimals) : null;
}
