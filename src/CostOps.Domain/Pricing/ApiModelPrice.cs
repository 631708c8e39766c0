namespace CostOps.Domain.Pricing;

/// <summary>A paid API model's token prices, with where they came from and when.</summary>
/// <param name="Id">The name scenarios and workloads use (e.g. <c>gpt-5.4</c>), case-insensitive.</param>
/// <param name="FixedMonthly">A fixed monthly fee, e.g. a managed fine-tuned deployment's hosting.</param>
public sealed record ApiModelPrice(
    string Id,
    string Provider,
    PricePerMTok Input,
    PricePerMTok Output,
    PricePerMTok? CachedInput,
    Money FixedMonthly,
    string Source,
    DateOnly? AsOf);
