using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;

namespace CostOps.Application.Requests;

/// <summary>
/// <c>POST /api/tco/recalculate</c> as a command: fills in the defaults (every workload, yesterday UTC), checks the
/// request (catalog ids, whole past days, at most <see cref="MaxDays"/> days and <see cref="MaxWorkloads"/> workloads)
/// and runs <see cref="TcoRecalculation"/>. A run in which every workload failed is an upstream failure naming the
/// telemetry sources (<c>telemetry:&lt;source&gt;</c>) or the store that failed them.
/// </summary>
public sealed class RecalculateTcoCommand(WorkloadCatalog catalog, TcoRecalculation recalculation, TimeProvider time)
{
    /// <summary>Days one recalculation may cover.</summary>
    public const int MaxDays = 31;

    /// <summary>Workloads one recalculation may cover.</summary>
    public const int MaxWorkloads = 50;

    /// <summary>The trigger recorded for recalculations asked for over HTTP.</summary>
    public const string Trigger = "http";

    /// <summary>Checks and runs <paramref name="request"/>.</summary>
    public async Task<RequestOutcome<TcoRunReport>> RunAsync(RecalculateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        WorkloadIdsField.Check(request.WorkloadIds, catalog, "recompute every workload", errors);
        var ids = request.WorkloadIds?.Distinct(StringComparer.Ordinal).ToList();
        // Only whole past UTC days are computed (the use case enforces it too); refused here naming the field.
        var yesterday = DayRange.Yesterday(time);
        var last = request.To ?? request.From ?? yesterday;
        var first = request.From ?? last;
        errors.AddRange(PastDays.Check(new DayRange(first, first > last ? first : last), yesterday, "from", "to"));
        if (first > last)
        {
            errors.Add("from", $"must be on or before to ({last:yyyy-MM-dd}) (was {first:yyyy-MM-dd})");
        }
        if (errors.Any)
        {
            return RequestOutcome<TcoRunReport>.Invalid(errors.Errors);
        }

        var days = new DayRange(first, last);
        if (OverLimits(days, ids) is { Count: > 0 } over)
        {
            return RequestOutcome<TcoRunReport>.OverLimit(over, new Dictionary<string, int> { ["maxDays"] = MaxDays, ["maxWorkloads"] = MaxWorkloads });
        }

        // The run is bounded by the limits above; once started it finishes and records itself even if
        // the caller stops waiting, like the nightly run (a half-written range without a Runs row is worse).
        var report = await recalculation.RunAsync(new TcoRunRequest(ids, days, Trigger, TcoRecalculation.HttpJobName), cancellationToken: CancellationToken.None);
        if (report.Run.Status != JobStatus.Failed)
        {
            return RequestOutcome<TcoRunReport>.Ok(report);
        }
        return RequestOutcome<TcoRunReport>.UpstreamFailed(
            FailedUpstreams(report),
            unavailable: false,
            [.. report.Run.Errors.Select(e => new FieldError("run", e))],
            report);
    }

    private List<FieldError> OverLimits(DayRange days, List<string>? ids)
    {
        var over = new List<FieldError>();
        if (days.Days > MaxDays)
        {
            over.Add(new FieldError("to", $"the range {days} covers {days.Days} days; at most {MaxDays} days per call"));
        }
        var workloadCount = ids?.Count ?? catalog.Workloads.Count;
        if (workloadCount > MaxWorkloads)
        {
            over.Add(new FieldError(WorkloadIdsField.Name, ids is null
                ? $"the catalog holds {workloadCount} workloads; name at most {MaxWorkloads} per call"
                : $"{workloadCount} workloads named; at most {MaxWorkloads} per call"));
        }
        return over;
    }

    /// <summary>
    /// The upstreams behind the failed workloads: each workload's problems begin with the source that failed
    /// ("name: why", as the gatherer words them), matched against the sources its catalog entry binds; a failure to
    /// store is table storage.
    /// </summary>
    private List<string> FailedUpstreams(TcoRunReport report)
    {
        var upstreams = new List<string>();
        foreach (var outcome in report.Workloads.Where(o => !o.Succeeded))
        {
            var sources = catalog.Find(outcome.WorkloadId) is { } workload ? BoundSources(workload.Telemetry) : [];
            foreach (var problem in outcome.Problems)
            {
                var upstream = problem.StartsWith("store:", StringComparison.Ordinal)
                    ? "table-storage"
                    : sources.FirstOrDefault(s => problem.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)) is { } source ? $"telemetry:{source}" : null;
                if (upstream is not null && !upstreams.Contains(upstream, StringComparer.Ordinal))
                {
                    upstreams.Add(upstream);
                }
            }
        }
        return upstreams.Count > 0 ? upstreams : ["telemetry"];
    }

    private static string[] BoundSources(TelemetryBindings bindings) =>
        new[] { bindings.SelfHostedUsage, bindings.GpuUtilization, bindings.Fleet, bindings.GpuCost, bindings.GpuPrice, bindings.ApiUsage, bindings.ApiCost }
            .Where(b => b is not null)
            .Select(b => b!.Source)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            // The longest first, so "prom-eu" is not taken for "prom".
            .OrderByDescending(s => s.Length)
            .ToArray();
}
