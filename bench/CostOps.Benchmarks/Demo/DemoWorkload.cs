namespace CostOps.Benchmarks.Demo;

/// <summary>The shape of one demo workload's traffic and fleet.</summary>
internal sealed record DemoWorkload(
    string Id,
    string ModelLabel,
    string Host,
    string ResourceId,
    double RequestsPerDay,
    double WeekendFactor,
    double InputTokens,
    double OutputTokens,
    double DailyGpuCost,
    double PeakTokensPerSecond,
    double NoisePercent,
    Func<int, double> Trend);
