using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>How much a workload asks for, and in what shape.</summary>
/// <param name="RequestsPerMonth">R: average requests per month.</param>
/// <param name="InputTokensPerRequest">i: input tokens of the self-hosted prompt, per request.</param>
/// <param name="OutputTokensPerRequest">o: output tokens per request.</param>
/// <param name="CachedInputShare">c: share of API input tokens billed at the cached price (0..1).</param>
/// <param name="PeakToAverage">k: peak load over average load (at least 1); capacity is sized for the peak.</param>
/// <param name="GrowthPerMonth">g: monthly growth of R, used for the 36-month TCO only (e.g. 0.05 = +5%/month).</param>
public sealed record TrafficProfile(
    decimal RequestsPerMonth,
    decimal InputTokensPerRequest,
    decimal OutputTokensPerRequest,
    decimal CachedInputShare = 0m,
    decimal PeakToAverage = 1m,
    decimal GrowthPerMonth = 0m)
{
    public decimal TokensPerRequest => InputTokensPerRequest + OutputTokensPerRequest;

    public IEnumerable<FieldError> Validate(string path)
    {
        var errors = new FieldErrors();
        errors.NonNegative(RequestsPerMonth, $"{path}.requestsPerMonth");
        errors.NonNegative(InputTokensPerRequest, $"{path}.inputTokensPerRequest");
        errors.NonNegative(OutputTokensPerRequest, $"{path}.outputTokensPerRequest");
        if (InputTokensPerRequest >= 0 && OutputTokensPerRequest >= 0 && TokensPerRequest == 0)
        {
            errors.Add($"{path}.outputTokensPerRequest", "a request must have at least one input or output token");
        }
        errors.InRange(CachedInputShare, 0m, 1m, $"{path}.cachedInputShare");
        if (PeakToAverage < 1m)
        {
            errors.Add($"{path}.peakToAverage", $"must be 1 or more (was {PeakToAverage})");
        }
        if (GrowthPerMonth <= -1m)
        {
            errors.Add($"{path}.growthPerMonth", $"must be greater than -1 (was {GrowthPerMonth})");
        }
        return errors.Errors;
    }
}
