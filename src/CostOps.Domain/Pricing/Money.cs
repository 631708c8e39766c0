using System.Globalization;

namespace CostOps.Domain.Pricing;

/// <summary>
/// An amount of US dollars. Signed, because savings and differences can be negative; exact
/// (<see cref="decimal"/>), because cost figures are added up over thousands of rows.
/// </summary>
public readonly record struct Money(decimal Usd) : IComparable<Money>
{
    public static readonly Money Zero = new(0m);

    public static Money FromUsd(decimal usd) => new(usd);

    public static Money operator +(Money a, Money b) => new(a.Usd + b.Usd);

    public static Money operator -(Money a, Money b) => new(a.Usd - b.Usd);

    public static Money operator -(Money a) => new(-a.Usd);

    public static Money operator *(Money a, decimal factor) => new(a.Usd * factor);

    public static Money operator *(decimal factor, Money a) => new(a.Usd * factor);

    public static Money operator /(Money a, decimal divisor) => new(a.Usd / divisor);

    public static bool operator <(Money a, Money b) => a.Usd < b.Usd;

    public static bool operator >(Money a, Money b) => a.Usd > b.Usd;

    public static bool operator <=(Money a, Money b) => a.Usd <= b.Usd;

    public static bool operator >=(Money a, Money b) => a.Usd >= b.Usd;

    public bool IsNegative => Usd < 0;

    public int CompareTo(Money other) => Usd.CompareTo(other.Usd);

    /// <summary>Rounded to cents, away from zero, as accountants expect.</summary>
    public Money RoundToCents() => new(Math.Round(Usd, 2, MidpointRounding.AwayFromZero));

    public override string ToString() => Usd.ToString("$#,##0.00;-$#,##0.00", CultureInfo.InvariantCulture);
}
