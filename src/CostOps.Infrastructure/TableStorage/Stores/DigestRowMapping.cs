using CostOps.Application.Digest.Inputs;
using CostOps.Application.Jobs;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>Stored rows as the digest reads them: Domain money becomes USD decimals, run errors one short summary.</summary>
internal static class DigestRowMapping
{
    /// <summary>Longest run error summary the digest shows (the full list stays in <c>Runs</c>).</summary>
    public const int MaxErrorSummary = 240;

    /// <summary>
    /// One <c>DailyTco</c> row for the digest. The digest sums known figures: an unknown one (an absent property, e.g.
    /// no GPU cost because no telemetry arrived) adds nothing, and the day's completeness below the threshold is what
    /// the digest warns about. An unknown break-even (no profile yet) is kept apart from "never breaks even".
    /// </summary>
    /// <exception cref="InvalidDataException">The row holds a value no digest row can (e.g. a negative count), naming the row.</exception>
    public static DigestDailyRow ToDailyRow(DailyTcoRecord record)
    {
        var tco = record.Tco;
        try
        {
            return new DigestDailyRow(
                record.WorkloadId,
                tco.Day,
                Count(tco.Requests),
                Count(tco.ApiRequests),
                Usd(tco.SelfHostedCost),
                Usd(tco.ApiEquivalentCost),
                Usd(tco.ApiActualCost),
                Usd(tco.Savings),
                tco.NeverBreaksEven ? null : tco.BreakEvenRequestsPerMonth,
                tco.DemandRatio,
                (double)tco.Completeness,
                tco.CapacityExceeded,
                tco.CostBasis == CostBasis.AmortizedActual ? DailyCostBasis.AmortizedActual : DailyCostBasis.Estimated,
                // Actual cost has no price date; the prices then were those current when the row was computed.
                record.PricesAsOf ?? record.ComputedAt)
            {
                BreakEvenUnknown = !tco.NeverBreaksEven && tco.BreakEvenRequestsPerMonth is null,
            };
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException(
                $"DailyTco row (PartitionKey '{record.WorkloadId}', RowKey '{tco.Day:yyyy-MM-dd}') cannot be summarized: {exception.Message}", exception);
        }
    }

    /// <summary>One <c>Runs</c> row for the digest.</summary>
    public static DigestRunRow ToRunRow(RunRecord run)
    {
        var status = run.Status switch
        {
            JobStatus.Succeeded => RunStatus.Succeeded,
            JobStatus.Partial => RunStatus.Partial,
            JobStatus.Running => RunStatus.Running,
            JobStatus.Abandoned => RunStatus.Abandoned,
            _ => RunStatus.Failed,
        };
        return new DigestRunRow(run.Job, run.StartedAt, status, ErrorSummary(run.Errors));
    }

    private static string? ErrorSummary(IReadOnlyList<string> errors)
    {
        var lines = errors.Where(e => !string.IsNullOrWhiteSpace(e)).ToList();
        if (lines.Count == 0)
        {
            return null;
        }
        var first = lines[0].Trim();
        if (first.Length > MaxErrorSummary)
        {
            first = first[..(MaxErrorSummary - 1)] + "…";
        }
        return lines.Count == 1 ? first : $"{first} (and {lines.Count - 1} more)";
    }

    private static long Count(decimal? count) => count is { } n ? (long)Math.Round(n, MidpointRounding.AwayFromZero) : 0;

    private static decimal Usd(Money? money) => money?.Usd ?? 0m;
}
