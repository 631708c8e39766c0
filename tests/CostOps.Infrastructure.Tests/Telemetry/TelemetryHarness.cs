using Azure.Core.Pipeline;
using CostOps.Infrastructure.Pipeline;
using CostOps.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CostOps.Infrastructure.Tests.Telemetry;

/// <summary>
/// What every adapter test needs: a clock whose retry delays fire at once (and are recorded), captured logs,
/// a fixed bearer token, and pipelines that talk to a <see cref="LoopbackServer"/> trusting only its certificate.
/// </summary>
internal sealed class TelemetryHarness
{
    public static readonly DateTimeOffset Now = new(2025, 1, 3, 1, 30, 0, TimeSpan.Zero);

    public DelayRecordingTimeProvider Time { get; } = new(Now);

    public FakeLoggerProvider Logs { get; } = new();

    public FixedTokenCredential Credential { get; } = new("loopback-token");

    // Tiny back-off so tests never wait; MaxDelay high enough that every Retry-After in the tests is honoured.
    public RetrySettings Retry { get; } = new() { MaxRetries = 3, InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMinutes(10) };

    public ILogger Logger => Logs.CreateLogger("CostOps.Telemetry");

    public HttpPipeline Pipeline(LoopbackServer server, string sourceName, string? scope = null, params HttpPipelinePolicy[] perRetryPolicies) =>
        TelemetryPipeline.Build(
            new TelemetryPipelineSettings
            {
                SourceName = sourceName,
                Retry = Retry,
                Transport = server.CreateTransport(),
                Credential = scope is null ? null : Credential,
                Scope = scope,
                PerRetryPolicies = perRetryPolicies,
            },
            Time,
            Logger);
}
