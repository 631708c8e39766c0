namespace CostOps.Infrastructure.Prometheus;

/// <summary>One sample of a range-query series.</summary>
public readonly record struct PrometheusSample(DateTimeOffset At, double Value);
