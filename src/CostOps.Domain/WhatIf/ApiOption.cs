using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>
/// A paid API that could serve the workload instead: a per-token price, the extra prompt a larger
/// base model needs to reach the same quality, and an optional fixed monthly fee (a managed
/// fine-tuned deployment's hosting fee).
/// </summary>
/// <param name="InputPerMTok">Pin: price of input tokens.</param>
/// <param name="OutputPerMTok">Pout: price of output tokens.</param>
/// <param name="CachedInputPerMTok">Pc: price of cached input tokens; the input price when not given.</param>
/// <param name="PromptOverheadTokensPerRequest">p: extra input tokens per request on the API (system prompt, few-shot, RAG).</param>
/// <param name="PriceMultiplier">m: multiplier on the token cost (regional premium, batch discount, ...).</param>
/// <param name="FixedMonthly">Fapi: fixed monthly fee, e.g. an Azure OpenAI fine-tuned deployment's hosting.</param>
public sealed record ApiOption(
    PricePerMTok InputPerMTok,
    PricePerMTok OutputPerMTok,
    PricePerMTok? CachedInputPerMTok = null,
    decimal PromptOverheadTokensPerRequest = 0m,
    decimal PriceMultiplier = 1m,
    Money? FixedMonthly = null)
{
    public PricePerMTok EffectiveCachedInputPerMTok => CachedInputPerMTok ?? InputPerMTok;

    public Money EffectiveFixedMonthly => FixedMonthly ?? Money.Zero;

    /// <summary>a = m * [ (i + p) * ((1 - c) * Pin + c * Pc) + o * Pout ] / 1e6.</summary>
    public Money CostPerRequest(TrafficProfile traffic)
    {
        var inputTokens = traffic.InputTokensPerRequest + PromptOverheadTokensPerRequest;
        var input = InputPerMTok.CostOf(inputTokens * (1m - traffic.CachedInputShare))
            + EffectiveCachedInputPerMTok.CostOf(inputTokens * traffic.CachedInputShare);
        var output = OutputPerMTok.CostOf(traffic.OutputTokensPerRequest);
        return (input + output) * PriceMultiplier;
    }

    public IEnumerable<FieldError> Validate(string path)
    {
        var errors = new FieldErrors();
        errors.NonNegative(PromptOverheadTokensPerRequest, $"{path}.promptOverheadTokensPerRequest");
        errors.NonNegative(PriceMultiplier, $"{path}.priceMultiplier");
        errors.NonNegative(EffectiveFixedMonthly.Usd, $"{path}.fixedMonthly");
        return errors.Errors;
    }
}
