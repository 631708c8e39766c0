using CostOps.Domain.Autopilot;

namespace CostOps.Application.Ports;

/// <summary>Carrying out a whole decision.</summary>
public static class FleetControllerExtensions
{
    /// <summary>
    /// Applies the decision's acting targets one after the other, in the decision's order, with
    /// the decision's mode. One after the other on purpose: the run's budget is small and a
    /// failure on one resource is worth seeing before the next write.
    /// </summary>
    /// <returns>One outcome per acting target; empty for a hold.</returns>
    public static async Task<IReadOnlyList<FleetActionOutcome>> ApplyAsync(
        this IFleetController controller,
        Decision decision,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(decision);
        var outcomes = new List<FleetActionOutcome>();
        foreach (var target in decision.ActingTargets)
        {
            outcomes.Add(await controller.ApplyAsync(target, decision.Mode, cancellationToken));
        }
        return outcomes;
    }
}
