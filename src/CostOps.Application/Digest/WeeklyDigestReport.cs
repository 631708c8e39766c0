using CostOps.Application.Results;

namespace CostOps.Application.Digest;

/// <summary>What a weekly digest run did: the digest and transport outcomes, and the <c>Runs</c> row recorded for it.</summary>
/// <param name="Result">The digest built and each transport's outcome.</param>
/// <param name="Run">The run as recorded in <c>Runs</c>.</param>
public sealed record WeeklyDigestReport(DigestRunResult Result, RunRecord Run);
