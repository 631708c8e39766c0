namespace CostOps.Application.Telemetry;

/// <summary>
/// Average GPU utilization (DCGM <c>DCGM_FI_DEV_GPU_UTIL</c>) of the selected GPUs on one UTC day.
/// </summary>
/// <param name="LabelSelector">The selector the fact was read with.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="AverageUtilizationPercent">Mean of every sample of every selected GPU, 0..100; null when none arrived.</param>
/// <param name="GpuCount">The number of distinct GPU series seen that day; null when none arrived.</param>
/// <param name="Completeness">Step timestamps with at least one sample / (day / step).</param>
public sealed record GpuUtilizationFact(
    string LabelSelector,
    DateOnly Day,
    double? AverageUtilizationPercent,
    int? GpuCount,
    Completeness Completeness);
