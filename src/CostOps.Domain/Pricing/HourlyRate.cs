using System.Globalization;

namespace CostOps.Domain.Pricing;

/// <summary>A price per hour of one instance (a GPU VM or a hosted deployment). Never negative.</summary>
public readonly record struct HourlyRate
{
    public HourlyRate(decimal usdPerHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usdPerHour);
        UsdPerHour = usdPerHour;
    }

    public decimal UsdPerHour { get; }

    public Money For(decimal hours) => new(UsdPerHour * hours);

    public override string ToString() => UsdPerHour.ToString("0.####", CultureInfo.InvariantCulture) + " $/h";
}
