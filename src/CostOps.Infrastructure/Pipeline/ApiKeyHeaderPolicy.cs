using Azure.Core;
using Azure.Core.Pipeline;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>
/// Adds a credential header (OpenAI <c>Authorization: Bearer</c>, Anthropic <c>x-api-key</c>) to each attempt.
/// Azure.Core's logging redacts both header names; the value is never part of any message we build.
/// </summary>
public sealed class ApiKeyHeaderPolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _headerName;
    private readonly string _headerValue;

    public ApiKeyHeaderPolicy(string headerName, string headerValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headerName);
        ArgumentException.ThrowIfNullOrWhiteSpace(headerValue);
        _headerName = headerName;
        _headerValue = headerValue;
    }

    public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue(_headerName, _headerValue);

    // Keep the secret out of debugger displays and accidental string formatting.
    public override string ToString() => $"{nameof(ApiKeyHeaderPolicy)}({_headerName})";
}
