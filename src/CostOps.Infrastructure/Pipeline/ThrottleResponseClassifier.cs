using Azure.Core;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>
/// Azure.Core's classifier (408, 429, 500, 502, 503, 504) plus 529, which the metrics batch API and
/// Anthropic use for "overloaded".
/// </summary>
public sealed class ThrottleResponseClassifier : ResponseClassifier
{
    public static ThrottleResponseClassifier Instance { get; } = new();

    public override bool IsRetriableResponse(HttpMessage message) =>
        message.Response.Status is 429 or 529 || base.IsRetriableResponse(message);
}
