using Azure.Core;
using Azure.Core.Pipeline;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>What one source's HTTP pipeline needs: retries, transport, and how it authenticates.</summary>
public sealed record TelemetryPipelineSettings
{
    /// <summary>The configured source name (used in logs and errors).</summary>
    public required string SourceName { get; init; }

    public RetrySettings Retry { get; init; } = new();

    /// <summary>The transport; null uses Azure.Core's shared HttpClient transport.</summary>
    public HttpPipelineTransport? Transport { get; init; }

    /// <summary>An Entra ID credential for bearer tokens (requires HTTPS), or null for none.</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>The token scope, required with <see cref="Credential"/>.</summary>
    public string? Scope { get; init; }

    /// <summary>Header policies run once per attempt (API keys, version headers).</summary>
    public IReadOnlyList<HttpPipelinePolicy> PerRetryPolicies { get; init; } = [];
}
