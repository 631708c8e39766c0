namespace CostOps.Application.Telemetry;

/// <summary>
/// A problem with part of a telemetry answer (one resource, one metric) that did not stop the rest:
/// the affected facts are reported as missing, and the issue says why.
/// </summary>
/// <param name="Source">The configured source name.</param>
/// <param name="Subject">What the issue is about (a resource id, a metric, a selector).</param>
/// <param name="Message">What went wrong, safe to log (never contains secrets).</param>
public sealed record TelemetryIssue(string Source, string Subject, string Message);
