namespace CostOps.Domain.Time;

/// <summary>Azure's billing conventions, which every monthly figure in CostOps follows.</summary>
public static class BillingCalendar
{
    /// <summary>A month is 730 hours ($0.36/h x 730 = $262.80).</summary>
    public const decimal HoursPerMonth = 730m;

    /// <summary>730 / 24 = 30.416667 days: turns monthly amounts into daily ones and back.</summary>
    public const decimal DaysPerMonth = HoursPerMonth / 24m;

    public const decimal SecondsPerHour = 3600m;
}
