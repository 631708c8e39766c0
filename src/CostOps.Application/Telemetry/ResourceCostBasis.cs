namespace CostOps.Application.Telemetry;

/// <summary>Which kind of cost a <see cref="ResourceCostFact"/> carries.</summary>
public enum ResourceCostBasis
{
    /// <summary>Reservations and savings plans spread over the days they cover (Cost Management <c>AmortizedCost</c>, FOCUS <c>EffectiveCost</c>).</summary>
    Amortized = 0,

    /// <summary>What was invoiced (FOCUS <c>BilledCost</c>, used when a file has no <c>EffectiveCost</c>).</summary>
    Billed,
}
