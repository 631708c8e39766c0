using Azure.Core;
using Azure.Core.Pipeline;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>Adds fixed, non-secret headers (e.g. <c>anthropic-version</c>) to each attempt.</summary>
public sealed class StaticHeadersPolicy(IReadOnlyDictionary<string, string> headers) : HttpPipelineSynchronousPolicy
{
    private readonly IReadOnlyDictionary<string, string> _headers = headers ?? throw new ArgumentNullException(nameof(headers));

    public override void OnSendingRequest(HttpMessage message)
    {
        foreach (var (name, value) in _headers)
        {
            message.Request.Headers.SetValue(name, value);
        }
    }
}
