using CostOps.Domain.Observed;
using CostOps.Domain.Validation;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Autopilot;

/// <summary>One workload's share of an autopilot run.</summary>
/// <param name="Instances">The workload's self-hosted instance range (<c>WorkloadEconomics.Instances</c>): the
/// [min, max] per scale set unless the policy narrows it.</param>
/// <param name="Window">Stored DailyTco rows, most recent last. Only the policy's consecutiveDays nights ending on the
/// run's day are read; a day without a row counts as incomplete. Passing more history changes nothing.</param>
/// <param name="Resources">The workload's VMs and scale sets with their current state.</param>
/// <param name="PricesFetchedAt">When the oldest price behind the break-even figures was fetched; null = unknown (stale).</param>
/// <param name="CapacityPerInstance">C, requests per month one instance serves (e.g.
/// <c>BreakEvenResult.CapacityPerInstance</c> of the observed profile); null disables scaling.</param>
/// <param name="Throughput">The throughput <paramref name="CapacityPerInstance"/> was computed from and its basis
/// (catalog or measured), so a scaling decision's reason can say which it used; null when not known.</param>
public sealed record WorkloadAutopilotInput(
    string WorkloadId,
    AutopilotPolicy Policy,
    InstanceRange Instances,
    IReadOnlyList<DailyTco> Window,
    IReadOnlyList<FleetResource> Resources,
    DateTimeOffset? PricesFetchedAt,
    decimal? CapacityPerInstance,
    InstanceThroughput? Throughput = null)
{
    public int MinInstances => Policy.MinInstances ?? Instances.Min;

    public int MaxInstances => Policy.MaxInstances ?? Instances.Max;

    public IReadOnlyList<FieldError> Validate(string path = "workload")
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(WorkloadId))
        {
            errors.Add($"{path}.workloadId", "must not be empty");
        }
        errors.AddRange(Policy.Validate($"{path}.autopilot"));
        errors.AddRange(Instances.Validate($"{path}.instances"));
        if (MaxInstances < MinInstances)
        {
            errors.Add($"{path}.autopilot.maxInstances", $"must be at least the minimum instances ({MinInstances}) (was {MaxInstances})");
        }
        if (CapacityPerInstance is <= 0m)
        {
            errors.Add($"{path}.capacityPerInstance", $"must be greater than zero when given (was {CapacityPerInstance})");
        }
        var days = new HashSet<DateOnly>();
        foreach (var row in Window)
        {
            if (!days.Add(row.Day))
            {
                errors.Add($"{path}.window", $"holds two rows for {row.Day:yyyy-MM-dd}");
            }
        }
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Resources.Count; i++)
        {
            var resource = Resources[i];
            if (string.IsNullOrWhiteSpace(resource.Id))
            {
                errors.Add($"{path}.resources[{i}].id", "must not be empty");
            }
            else if (!ids.Add(resource.Id))
            {
                // ARM ids are case-insensitive: the same resource twice would be acted on twice.
                errors.Add($"{path}.resources[{i}].id", $"appears twice ({resource.Id})");
            }
            if (resource.Capacity is < 0)
            {
                errors.Add($"{path}.resources[{i}].capacity", $"must be zero or more (was {resource.Capacity})");
            }
        }
        return errors.Errors;
    }
}
