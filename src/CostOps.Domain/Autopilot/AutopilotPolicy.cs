using CostOps.Domain.Validation;

namespace CostOps.Domain.Autopilot;

/// <summary>
/// One workload's autopilot settings (docs/economics.md, "Autopilot rules"). Every default is
/// the documented one, so <c>new AutopilotPolicy()</c> is the safe starting point: dry-run.
/// </summary>
public sealed record AutopilotPolicy
{
    public static AutopilotPolicy Default { get; } = new();

    /// <summary>The workload's own mode; the run's global mode can only make it stricter.</summary>
    public AutopilotMode Mode { get; init; } = AutopilotMode.DryRun;

    /// <summary>Hysteresis band around break-even: pause below 1 - band, resume above 1 + band.</summary>
    public decimal Band { get; init; } = 0.15m;

    /// <summary>Nights in a row a signal must hold before a pause, resume or scale-down.</summary>
    public int ConsecutiveDays { get; init; } = 5;

    /// <summary>Minimum time between two actions on the same resource.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromHours(72);

    /// <summary>Every night in the window needs at least this completeness (0..1) for any action.</summary>
    public decimal MinCompleteness { get; init; } = 0.9m;

    /// <summary>Prices older than this block every action.</summary>
    public TimeSpan MaxPriceAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Release capacity of GPU sizes flagged scarce (hard to re-allocate) only when true.</summary>
    public bool AllowDeallocateScarceSku { get; init; }

    /// <summary>Fewest instances per scale set while running; null = the workload's own instance range.</summary>
    public int? MinInstances { get; init; }

    /// <summary>Most instances per scale set; null = the workload's own instance range.</summary>
    public int? MaxInstances { get; init; }

    public IReadOnlyList<FieldError> Validate(string path = "autopilot")
    {
        var errors = new FieldErrors();
        if (!Enum.IsDefined(Mode))
        {
            errors.Add($"{path}.mode", $"must be off, dry-run or enforce (was {Mode})");
        }
        if (Band < 0m || Band >= 1m)
        {
            errors.Add($"{path}.band", $"must be at least 0 and below 1 (was {Band})");
        }
        if (ConsecutiveDays is < 1 or > 60)
        {
            errors.Add($"{path}.consecutiveDays", $"must be between 1 and 60 (was {ConsecutiveDays})");
        }
        if (Cooldown < TimeSpan.Zero)
        {
            errors.Add($"{path}.cooldown", $"must be zero or more (was {Cooldown})");
        }
        errors.InRange(MinCompleteness, 0m, 1m, $"{path}.minCompleteness");
        if (MaxPriceAge <= TimeSpan.Zero)
        {
            errors.Add($"{path}.maxPriceAge", $"must be greater than zero (was {MaxPriceAge})");
        }
        if (MinInstances is < 1)
        {
            // Zero would let "scale to demand" pause a scale set without the pause rule's nights.
            errors.Add($"{path}.minInstances", $"must be 1 or more (was {MinInstances})");
        }
        if (MaxInstances is < 1 or > 10_000)
        {
            errors.Add($"{path}.maxInstances", $"must be between 1 and 10000 (was {MaxInstances})");
        }
        if (MinInstances is { } min && MaxInstances is { } max && max < min)
        {
            errors.Add($"{path}.maxInstances", $"must be at least minInstances ({min}) (was {max})");
        }
        return errors.Errors;
    }
}
