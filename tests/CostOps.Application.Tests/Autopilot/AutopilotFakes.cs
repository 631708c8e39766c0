using System.Collections.Concurrent;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Tests.Autopilot;

/// <summary>What the fakes did, in order, shared by all of them: "record w1", "claim w1", "apply vm-a", "outcome w1".</summary>
internal sealed class EventLog
{
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyList<string> Events => [.. _events];

    public void Add(string text) => _events.Enqueue(text);

    public int IndexOf(string text) => Events.ToList().IndexOf(text);
}

/// <summary>A fleet of VMs and scale sets in memory; writes change it (enforce only) and are logged.</summary>
internal sealed class FakeFleetController(EventLog log, TimeProvider time) : IFleetController
{
    private readonly ConcurrentDictionary<string, FakeResource> _resources = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> UnreadableIds { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes to these ids are refused by ARM (409 Conflict, after the request was sent).</summary>
    public HashSet<string> RefusedIds { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>ARM refuses the read before the write for these ids: nothing is sent.</summary>
    public HashSet<string> UnwritableIds { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ResourceTarget> Applied { get; } = [];

    public int ReadCount;

    public string AddVm(string name, VmPowerState state, bool optedIn = true, string sku = "Standard_NC8as_T4_v3")
    {
        var id = $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/{name}";
        _resources[id] = new FakeResource(ComputeResourceKind.VirtualMachine, Tags(optedIn), sku) { PowerState = state };
        return id;
    }

    public string AddScaleSet(string name, int capacity, bool optedIn = true, string sku = "Standard_NC8as_T4_v3")
    {
        var id = $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachineScaleSets/{name}";
        _resources[id] = new FakeResource(ComputeResourceKind.ScaleSet, Tags(optedIn), sku) { Capacity = capacity };
        return id;
    }

    public VmPowerState PowerStateOf(string id) => _resources[id].PowerState;

    public int? CapacityOf(string id) => _resources[id].Capacity;

    public Task<FleetResourceSnapshot> ReadAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref ReadCount);
        if (UnreadableIds.Contains(resourceId))
        {
            throw new FleetControlException(resourceId, 403, "AuthorizationFailed", $"reading {resourceId} failed: 403 AuthorizationFailed");
        }
        var r = _resources[resourceId];
        return Task.FromResult(new FleetResourceSnapshot(resourceId, r.Kind, r.Kind == ComputeResourceKind.VirtualMachine ? r.PowerState : VmPowerState.Unknown, r.Capacity, r.Sku, r.Tags, time.GetUtcNow()));
    }

    public Task<FleetActionOutcome> ApplyAsync(ResourceTarget target, AutopilotMode mode, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var r = _resources[target.ResourceId];
        var before = r.StateText;
        if (mode != AutopilotMode.Enforce)
        {
            return Task.FromResult(Outcome(target, FleetActionStatus.DryRun, false, before, null, null, now));
        }
        lock (Applied)
        {
            Applied.Add(target);
        }
        log.Add($"apply {target.Resource.Name}");
        if (UnwritableIds.Contains(target.ResourceId))
        {
            return Task.FromResult(Outcome(target, FleetActionStatus.Failed, false, before, null, 500, now));
        }
        if (RefusedIds.Contains(target.ResourceId))
        {
            return Task.FromResult(Outcome(target, FleetActionStatus.Failed, true, before, before, 409, now) with { ErrorCode = "Conflict" });
        }
        switch (target.Operation)
        {
            case TargetOperation.Deallocate:
                r.PowerState = VmPowerState.Deallocated;
                break;
            case TargetOperation.Start:
                r.PowerState = VmPowerState.Running;
                break;
            case TargetOperation.SetCapacity:
                r.Capacity = target.Capacity;
                break;
        }
        return Task.FromResult(Outcome(target, FleetActionStatus.Succeeded, true, before, r.StateText, null, now));
    }

    private static FleetActionOutcome Outcome(ResourceTarget target, FleetActionStatus status, bool sent, string before, string? after, int? http, DateTimeOffset now) =>
        new(target.ResourceId, target.Operation, target.Capacity, status, sent, before, after, http, null, status.ToString(), now, now);

    private static Dictionary<string, string> Tags(bool optedIn) =>
        optedIn ? new() { [AutopilotTags.OptInName] = AutopilotTags.OptInValue } : [];

    private sealed class FakeResource(ComputeResourceKind kind, Dictionary<string, string> tags, string sku)
    {
        public ComputeResourceKind Kind { get; } = kind;

        public Dictionary<string, string> Tags { get; } = tags;

        public string Sku { get; } = sku;

        public VmPowerState PowerState { get; set; }

        public int? Capacity { get; set; }

        public string StateText => Kind == ComputeResourceKind.ScaleSet ? $"capacity {Capacity}" : PowerState.ToString().ToLowerInvariant();
    }
}

/// <summary>The Decisions table in memory, with the same once-only claim semantics as the Table store.</summary>
internal sealed class InMemoryDecisionStore(EventLog log, TimeProvider time) : IDecisionStore
{
    private readonly object _gate = new();

    public Dictionary<(string WorkloadId, DateTimeOffset EvaluatedAt, string DecisionId), StoredDecision> Rows { get; } = [];

    public Dictionary<(string WorkloadId, string DecisionId), DecisionClaim> Claims { get; } = [];

    /// <summary>Writes of decisions for these workloads fail (as a storage outage would).</summary>
    public HashSet<string> FailingWorkloads { get; } = [];

    public int Writes;

    public Task RecordAsync(IReadOnlyList<StoredDecision> decisions, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var decision in decisions)
            {
                Fail(decision.WorkloadId);
                Writes++;
                Rows[(decision.WorkloadId, decision.Decision.EvaluatedAt, decision.DecisionId)] = decision;
                log.Add($"record {decision.WorkloadId} {decision.OutcomeStatus}");
            }
        }
        return Task.CompletedTask;
    }

    public Task<bool> TryClaimAsync(StoredDecision decision, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Fail(decision.WorkloadId);
            Writes++;
            var key = (decision.WorkloadId, decision.DecisionId);
            if (Claims.ContainsKey(key))
            {
                log.Add($"claim refused {decision.WorkloadId}");
                return Task.FromResult(false);
            }
            Claims[key] = new DecisionClaim(decision.WorkloadId, decision.DecisionId, DateOnly.Parse(decision.Decision.Day, System.Globalization.CultureInfo.InvariantCulture),
                decision.RunId, time.GetUtcNow(), ActingIds(decision), null);
            log.Add($"claim {decision.WorkloadId}");
            return Task.FromResult(true);
        }
    }

    public Task RecordOutcomeAsync(StoredDecision decision, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Fail(decision.WorkloadId);
            Writes++;
            Rows[(decision.WorkloadId, decision.Decision.EvaluatedAt, decision.DecisionId)] = decision;
            var key = (decision.WorkloadId, decision.DecisionId);
            Claims[key] = Claims[key] with { Outcomes = decision.Outcomes };
            log.Add($"outcome {decision.WorkloadId} {decision.OutcomeStatus}");
        }
        return Task.CompletedTask;
    }

    public Task<DecisionClaim?> FindClaimAsync(string workloadId, string decisionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Claims.GetValueOrDefault((workloadId, decisionId)));
        }
    }

    public Task<IReadOnlyList<DecisionClaim>> ListClaimsAsync(string workloadId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Fail(workloadId);
            return Task.FromResult<IReadOnlyList<DecisionClaim>>(Claims.Values.Where(c => c.WorkloadId == workloadId).ToList());
        }
    }

    public Task<IReadOnlyList<StoredDecision>> ListAsync(string? workloadId, DateTimeOffset? since, int top, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredDecision>>(Rows.Values
                .Where(r => (workloadId is null || r.WorkloadId == workloadId) && (since is null || r.Decision.EvaluatedAt >= since))
                .OrderByDescending(r => r.Decision.EvaluatedAt)
                .Take(top)
                .ToList());
        }
    }

    public StoredDecision Latest(string workloadId)
    {
        lock (_gate)
        {
            return Rows.Values.Where(r => r.WorkloadId == workloadId).OrderByDescending(r => r.Decision.EvaluatedAt).First();
        }
    }

    private static IReadOnlyList<string> ActingIds(StoredDecision decision)
    {
        using var targets = System.Text.Json.JsonDocument.Parse(decision.Decision.TargetsJson);
        return targets.RootElement.EnumerateArray()
            .Where(t => t.GetProperty("status").GetString() == "act")
            .Select(t => t.GetProperty("resourceId").GetString()!)
            .ToList();
    }

    private void Fail(string workloadId)
    {
        if (FailingWorkloads.Contains(workloadId))
        {
            throw new IOException($"storage unavailable for {workloadId}");
        }
    }
}

/// <summary>One lease in memory: free, held by another run, or lost at the next renewal.</summary>
internal sealed class InMemoryLeaseStore(TimeProvider time) : ILeaseStore
{
    private readonly object _gate = new();
    private Lease? _held;

    public bool HeldByAnotherRun { get; set; }

    public bool LoseOnRenew { get; set; }

    /// <summary>Renewing throws, as when storage cannot be reached.</summary>
    public bool FailOnRenew { get; set; }

    public int Acquired;

    public int Released;

    public Task<Lease?> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (HeldByAnotherRun || (_held is { } held && held.Owner != owner && held.ExpiresAt > time.GetUtcNow()))
            {
                return Task.FromResult<Lease?>(null);
            }
            Acquired++;
            _held = new Lease(name, owner, time.GetUtcNow() + duration, Guid.NewGuid().ToString());
            return Task.FromResult<Lease?>(_held);
        }
    }

    public Task<Lease?> TryRenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (FailOnRenew)
        {
            throw new IOException("storage unavailable");
        }
        lock (_gate)
        {
            if (LoseOnRenew || _held?.Version != lease.Version)
            {
                return Task.FromResult<Lease?>(null);
            }
            _held = lease with { ExpiresAt = time.GetUtcNow() + duration, Version = Guid.NewGuid().ToString() };
            return Task.FromResult<Lease?>(_held);
        }
    }

    public Task<bool> ReleaseAsync(Lease lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_held?.Version != lease.Version)
            {
                return Task.FromResult(false);
            }
            Released++;
            _held = null;
            return Task.FromResult(true);
        }
    }
}

/// <summary>A tag resolver in memory: selectors (as "name=value" joined by ",") to ids, counting queries; failing on demand.</summary>
internal sealed class FakeFleetResolver : IFleetResolver
{
    public Dictionary<string, List<string>> Fleets { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> DefaultSubscriptions { get; } = ["00000000-0000-0000-0000-000000000001"];

    public List<IReadOnlyList<string>> Queried { get; } = [];

    public Exception? Failure { get; set; }

    public string SourceName => "Fake Graph";

    public IReadOnlyList<string> SubscriptionsFor(IReadOnlyList<string> listed) => listed.Count > 0 ? listed : DefaultSubscriptions;

    public Task<IReadOnlyList<string>> ResolveAsync(IReadOnlyDictionary<string, string> tagSelector, IReadOnlyList<string> subscriptions, CancellationToken cancellationToken = default)
    {
        lock (Queried)
        {
            Queried.Add(subscriptions);
        }
        if (Failure is not null)
        {
            return Task.FromException<IReadOnlyList<string>>(Failure);
        }
        var key = string.Join(",", tagSelector.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
        return Task.FromResult<IReadOnlyList<string>>(Fleets.TryGetValue(key, out var ids) ? ids : []);
    }
}
