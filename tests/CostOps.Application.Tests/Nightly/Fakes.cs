using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Application.Telemetry;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Time;

namespace CostOps.Application.Tests.Nightly;

/// <summary>Port fakes for unit tests of the use case (the Table store itself is tested against Azurite).</summary>
internal sealed class FakeSources : ITelemetrySourceCatalog
{
    private readonly Dictionary<string, object> _sources = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _sources.Keys;

    public FakeSources Add(string name, object source)
    {
        _sources[name] = source;
        return this;
    }

    public bool TryGet<TPort>(string name, [NotNullWhen(true)] out TPort? port)
        where TPort : class
    {
        port = _sources.GetValueOrDefault(name) as TPort;
        return port is not null;
    }

    public TPort Get<TPort>(string name)
        where TPort : class =>
        TryGet<TPort>(name, out var port) ? port : throw new KeyNotFoundException(name);
}

/// <summary>vLLM counters per day: a fixed daily volume, or gaps, or a failure.</summary>
internal sealed class FakeSelfHostedUsage(Func<string, DateOnly, SelfHostedUsageFact?> day, string? failWith = null) : ISelfHostedUsageSource
{
    public int Calls { get; private set; }

    public Task<TelemetryResult<SelfHostedUsageFact>> GetDailyUsageAsync(SelfHostedQuery query, CancellationToken cancellationToken = default)
    {
        Calls++;
        if (failWith is not null)
        {
            throw new TelemetrySourceException("prometheus", failWith, 503);
        }
        var facts = query.Selectors.SelectMany(s => query.Days.EachDay()
            .Select(d => day(s.LabelSelector, d) ?? new SelfHostedUsageFact(s.LabelSelector, d, null, null, null, null, null, Completeness.Missing(288))))
            .ToList();
        return Task.FromResult(TelemetryResult<SelfHostedUsageFact>.Of(facts));
    }

    public static SelfHostedUsageFact Full(string selector, DateOnly day, long requests) =>
        new(selector, day, requests * 1000, requests * 500, requests, 300, 800, Completeness.Full(288));
}

/// <summary>Running hours: every listed resource ran 24 h every day.</summary>
internal sealed class FakeFleet : IFleetStateSource
{
    public List<IReadOnlyList<string>> Queries { get; } = [];

    /// <summary>When set, reads fail the way an HTTP source does: after an await, as a faulted task (not a synchronous throw).</summary>
    public string? FailWith { get; set; }

    /// <summary>When set, the source answers with no facts at all (monitoring had nothing for the resources).</summary>
    public bool Silent { get; set; }

    public async Task<TelemetryResult<RunningHoursFact>> GetDailyRunningHoursAsync(FleetQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query.ResourceIds);
        await Task.Yield();
        if (FailWith is not null)
        {
            throw new TelemetrySourceException("arm", FailWith, 503);
        }
        var facts = Silent ? new List<RunningHoursFact>() : query.ResourceIds
            .SelectMany(id => query.Days.EachDay().Select(d => new RunningHoursFact(id, ComputeResourceKind.VirtualMachine, d, 24, Completeness.Full(24))))
            .ToList();
        return TelemetryResult<RunningHoursFact>.Of(facts);
    }
}

internal sealed class InMemoryDailyTcoStore : IDailyTcoStore
{
    public ConcurrentDictionary<(string WorkloadId, DateOnly Day), DailyTcoRecord> Rows { get; } = new();

    public Task UpsertAsync(IReadOnlyList<DailyTcoRecord> rows, CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            Rows[(row.WorkloadId, row.Tco.Day)] = row;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DailyTcoRecord>> GetRangeAsync(string workloadId, DayRange days, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DailyTcoRecord>>(Rows.Values.Where(r => r.WorkloadId == workloadId && days.Contains(r.Tco.Day)).OrderBy(r => r.Tco.Day).ToList());
}

internal sealed class InMemoryRunStore : IRunStore
{
    public List<RunRecord> Runs { get; } = [];

    /// <summary>Every write, in order (a run writes its Running row first, then how it ended).</summary>
    public List<RunRecord> Writes { get; } = [];

    /// <summary>As the table: one row per job and run, replaced by a later write of the same run.</summary>
    public Task WriteAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        lock (Runs)
        {
            Writes.Add(run);
            var index = Runs.FindIndex(r => r.Job == run.Job && r.RunId == run.RunId);
            if (index >= 0)
            {
                Runs[index] = run;
            }
            else
            {
                Runs.Add(run);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunRecord>> ListAsync(string? job, int top, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RunRecord>>(Runs.Where(r => job is null || r.Job == job).Reverse().Take(top).ToList());

    public Task<IReadOnlyList<RunRecord>> ListStartedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RunRecord>>(Runs.Where(r => r.StartedAt >= from && r.StartedAt < to).OrderBy(r => r.StartedAt).ToList());
}
