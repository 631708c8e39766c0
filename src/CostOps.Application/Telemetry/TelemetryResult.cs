namespace CostOps.Application.Telemetry;

/// <summary>
/// Facts from one source plus the issues that made some of them incomplete. A failure of the whole
/// source (unreachable, malformed answer) is a <see cref="TelemetrySourceException"/> instead, so a
/// caller never mistakes a partial answer for a complete one.
/// </summary>
/// <typeparam name="TFact">The fact type.</typeparam>
/// <param name="Facts">The facts, one per selector and UTC day.</param>
/// <param name="Issues">Partial failures; empty when everything was answered.</param>
public sealed record TelemetryResult<TFact>(IReadOnlyList<TFact> Facts, IReadOnlyList<TelemetryIssue> Issues)
{
    /// <summary>
    /// Subjects the source could not answer while it answered the others (one selector of a batched query, say): no
    /// facts are returned for them, and their readers must treat them as failed, not as unknown data.
    /// </summary>
    public IReadOnlyList<TelemetryIssue> Failures { get; init; } = [];

    /// <summary>A result without issues.</summary>
    public static TelemetryResult<TFact> Of(IReadOnlyList<TFact> facts) => new(facts, []);
}
