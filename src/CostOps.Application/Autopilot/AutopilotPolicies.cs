using CostOps.Application.Catalog;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Autopilot;

/// <summary>The catalog's autopilot settings as the domain's policy.</summary>
public static class AutopilotPolicies
{
    /// <summary>The workload's policy; an unknown mode name becomes Off (the catalog reader rejects those anyway).</summary>
    public static AutopilotPolicy From(AutopilotSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AutopilotPolicy
        {
            Mode = AutopilotModes.ParseOrOff(settings.Mode),
            Band = settings.Band,
            ConsecutiveDays = settings.ConsecutiveDays,
            Cooldown = TimeSpan.FromHours(settings.CooldownHours),
            MinCompleteness = settings.MinCompleteness,
            MaxPriceAge = TimeSpan.FromDays(settings.MaxPriceAgeDays),
            AllowDeallocateScarceSku = settings.AllowDeallocateScarceSku,
        };
    }
}
