using System.Collections.Concurrent;
using CostOps.Application.Catalog;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Application.Verdicts;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Application.Autopilot;

/// <summary>
/// What the autopilot would do now: reads each workload's stored DailyTco window, its fleet's
/// current state (ARM) and its past actions (Decisions), and runs the domain rules
/// (<see cref="AutopilotRules.Decide(AutopilotRun, IReadOnlyList{WorkloadAutopilotInput})"/>).
/// It never acts and never writes, not even a Decisions row, so it is safe to call at any time
/// (<c>POST /api/autopilot/plan</c>, <c>costops autopilot plan</c>); <see cref="AutopilotRunner"/>
/// uses it to decide before it records and acts.
/// </summary>
/// <remarks>
/// A fleet named by <c>tagSelector</c> is resolved to resource ids through <see cref="IFleetResolver"/> (once per
/// selector and run) and then treated like listed ids; without a resolver, or without subscriptions to search, the
/// selector stays unresolved and the decision says so in a note.
/// The evaluated day is yesterday (UTC) of the clock reading. One workload whose inputs cannot be
/// read is held, with the failure in its reason and <see cref="WorkloadPlan.Problems"/>; it never
/// stops the others. A plan for some workloads gives them the whole remaining budget of the night;
/// the nightly run shares it across every workload.
/// </remarks>
public sealed partial class AutopilotPlanner(
    WorkloadCatalog catalog,
    Domain.Pricing.PriceBook priceBook,
    IDailyTcoStore dailyTco,
    IFleetController fleet,
    IDecisionStore decisions,
    TimeProvider time,
    IOptions<AutopilotOptions> options,
    ILogger<AutopilotPlanner> logger,
    IFleetResolver? fleetResolver = null)
{
    /// <summary>What the autopilot would do now with the configured global mode.</summary>
    /// <param name="workloadIds">Only these workloads (in this order); null or empty for every workload of the catalog.</param>
    /// <exception cref="DomainValidationException">An id is not in the catalog (field <c>workloadIds</c>).</exception>
    public Task<AutopilotPlan> PlanAsync(IReadOnlyList<string>? workloadIds = null, CancellationToken cancellationToken = default) =>
        PlanAsync(workloadIds, modeCap: null, cancellationToken);

    /// <summary>What the autopilot would do now, with the global mode capped by <paramref name="modeCap"/>.</summary>
    /// <param name="workloadIds">Only these workloads (in this order); null or empty for every workload of the catalog.</param>
    /// <param name="modeCap">A caller's limit (e.g. the CLI's <c>--mode</c>): the stricter of it, the configured global mode
    /// and each workload's own mode applies. Null: the configured global mode alone.</param>
    /// <exception cref="DomainValidationException">An id is not in the catalog (field <c>workloadIds</c>).</exception>
    public async Task<AutopilotPlan> PlanAsync(IReadOnlyList<string>? workloadIds, AutopilotMode? modeCap, CancellationToken cancellationToken = default)
    {
        var workloads = catalog.Select(workloadIds);
        var settings = options.Value;
        var globalMode = modeCap is { } cap ? settings.GlobalMode.StricterOf(cap) : settings.GlobalMode;
        var now = time.GetUtcNow();
        var day = DayRange.YesterdayAt(now);

        var gathered = new WorkloadInputs[workloads.Count];
        var resolutions = new ResolutionCache();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, workloads.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallelism), CancellationToken = cancellationToken },
            async (index, token) => gathered[index] = await GatherAsync(workloads[index], day, resolutions, token));

        var run = new AutopilotRun(day, now, globalMode, settings.MaxActionsPerRun, gathered.Sum(g => g.History.WritesFor(day)));
        var undecided = new List<string>();
        var decidable = new List<WorkloadInputs>();
        foreach (var inputs in gathered)
        {
            var errors = inputs.Input.Validate($"workloads[{inputs.Input.WorkloadId}]");
            if (errors.Count == 0)
            {
                decidable.Add(inputs);
            }
            else
            {
                undecided.AddRange(errors.Select(e => $"{inputs.Input.WorkloadId}: {e.Field}: {e.Message}"));
            }
        }
        var decided = AutopilotRules.Decide(run, decidable.Select(d => d.Input).ToList());
        var plans = decidable.Zip(decided, (inputs, decision) => new WorkloadPlan(WithNotes(decision, inputs), inputs.Problems, inputs.Verdict)).ToList();
        return new AutopilotPlan(run, plans, undecided);
    }

    private async Task<WorkloadInputs> GatherAsync(WorkloadDefinition workload, DateOnly day, ResolutionCache resolutions, CancellationToken cancellationToken)
    {
        var policy = AutopilotPolicies.From(workload.Autopilot);
        var problems = new List<string>();
        var notes = new List<string>();

        IReadOnlyList<DailyTcoRecord> rows = [];
        var verdictNights = WorkloadVerdictQuery.Window(day);
        // One night more than the rules read, so the record shows the night before the window too.
        var ruleNights = DayRange.Trailing(day, policy.ConsecutiveDays + 1);
        try
        {
            // One read serves the rules' window and the latest verdict the plan reports (as the workloads endpoint does).
            var read = new DayRange(ruleNights.From < verdictNights.From ? ruleNights.From : verdictNights.From, day);
            rows = await dailyTco.GetRangeAsync(workload.Id, read, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // An empty window makes every night incomplete: the rules hold and say so.
            problems.Add($"reading DailyTco failed: {Describe(ex)}");
        }

        var history = ActionHistory.None;
        var settled = true;
        try
        {
            history = new ActionHistory(await decisions.ListClaimsAsync(workload.Id, cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            problems.Add($"reading past actions failed, so the cooldown cannot be checked: {Describe(ex)}");
            settled = false;
        }

        var listed = workload.Resources.ResourceIds.ToList();
        if (workload.Resources.TagSelector.Count > 0)
        {
            var (resolved, unresolved) = await ResolveAsync(workload, resolutions, cancellationToken);
            if (resolved is null && unresolved is not null)
            {
                problems.Add(unresolved);
                settled = false;
            }
            else if (unresolved is not null)
            {
                notes.Add(unresolved);
            }
            listed.AddRange(resolved ?? []);
        }
        // ARM ids are case-insensitive: the same resource listed twice (or listed and tagged) must be one target, not two writes.
        var ids = listed.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var snapshots = new List<(string Id, FleetResourceSnapshot? Snapshot)>();
        foreach (var id in ids)
        {
            try
            {
                snapshots.Add((id, await fleet.ReadAsync(id, cancellationToken)));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                problems.Add($"reading {ArmResourceId.Name(id)} failed: {Describe(ex)}");
                snapshots.Add((id, null));
                settled = false;
            }
        }
        if (problems.Count > 0)
        {
            LogInputsUnreadable(logger, workload.Id, problems.Count);
        }

        var resources = snapshots.Select(s => Resource(workload, s.Id, s.Snapshot, history, settled)).ToList();
        var verdict = WorkloadVerdict.Of(workload.Id, rows, verdictNights);
        rows = [.. rows.Where(r => ruleNights.Contains(r.Tco.Day))];
        var window = rows.Select(r => r.Tco).ToList();
        var capacity = CapacityEstimate.PerInstance(workload.Economics, window);
        var input = new WorkloadAutopilotInput(
            workload.Id,
            policy,
            workload.Economics.Instances,
            window,
            resources,
            PricesFetchedAt(rows, day),
            capacity?.RequestsPerMonth,
            capacity?.Throughput);
        return new WorkloadInputs(input, history, problems, notes, verdict);
    }

    /// <summary>
    /// The ids the workload's tag selector stands for, or why there are none: a note when the selector cannot be
    /// resolved here (no resolver, no subscriptions) or matches nothing; a problem (and no ids) when resolving failed,
    /// so the workload is held rather than planned on a part of its fleet.
    /// </summary>
    private async Task<(IReadOnlyList<string>? Ids, string? Why)> ResolveAsync(WorkloadDefinition workload, ResolutionCache resolutions, CancellationToken cancellationToken)
    {
        var selector = workload.Resources.TagSelector;
        if (fleetResolver is null)
        {
            return ([], $"{Unlisted(workload)}tagSelector not resolved: no fleet resolver is configured, so the autopilot acts only on listed ids");
        }
        var subscriptions = fleetResolver.SubscriptionsFor(workload.Resources.Subscriptions);
        if (subscriptions.Count == 0)
        {
            return ([], $"{Unlisted(workload)}tagSelector not resolved: no subscriptions to search in {fleetResolver.SourceName} (set selfHosted.subscriptions or CostOps:Autopilot:ResourceGraph:Subscriptions)");
        }
        try
        {
            var ids = await resolutions.GetOrAdd(selector, subscriptions, () => fleetResolver.ResolveAsync(selector, subscriptions, cancellationToken));
            LogResolved(logger, workload.Id, ids.Count, fleetResolver.SourceName);
            return (ids, ids.Count == 0 ? $"tagSelector {Describe(selector)} matched no VM or scale set in {fleetResolver.SourceName}" : null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"resolving tagSelector {Describe(selector)} through {fleetResolver.SourceName} failed: {Describe(ex)}");
        }
    }

    /// <summary>Said first when the selector was the only way the fleet was named, so the note explains the empty plan.</summary>
    private static string Unlisted(WorkloadDefinition workload) => workload.Resources.ResourceIds.Count == 0 ? "no resource ids listed and " : "";

    private static string Describe(IReadOnlyDictionary<string, string> selector) =>
        string.Join(", ", selector.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase).Select(t => $"{t.Key}={t.Value}"));

    /// <summary>
    /// The domain's view of one resource. When anything about the workload could not be read, every
    /// resource goes in with an unknown state: the rules then hold each change as "state unsettled",
    /// so an unreadable workload is held whole (its readable resources keep their tags and size for the record).
    /// </summary>
    private FleetResource Resource(WorkloadDefinition workload, string id, FleetResourceSnapshot? snapshot, ActionHistory history, bool settled)
    {
        var lastAction = history.LastActionAt(id);
        var scarce = IsScarce(snapshot?.Sku, workload) || IsScarce(workload.GpuSku, workload);
        if (snapshot is not null && settled)
        {
            return snapshot.ToFleetResource(scarce, lastAction);
        }
        var kind = snapshot?.Kind ?? (ArmResourceId.IsScaleSet(id) ? ComputeResourceKind.ScaleSet : ComputeResourceKind.VirtualMachine);
        return new FleetResource(
            id, kind, snapshot?.Tags ?? new Dictionary<string, string>(), VmPowerState.Unknown, null, snapshot?.Sku ?? workload.GpuSku, scarce, lastAction);
    }

    /// <summary>Scarcity belongs to the size, so a price for the size in another region still tells; an unknown size is not flagged.</summary>
    private bool IsScarce(string? sku, WorkloadDefinition workload) =>
        sku is not null && (priceBook.FindGpu(sku, workload.Region) ?? priceBook.FindGpu(sku))?.Scarce == true;

    /// <summary>
    /// When the prices behind the evaluated night's break-even were fetched: the row's
    /// <c>PricesAsOf</c>, or, for an actual-cost basis (billed cost, no list price), when the row was
    /// computed. The evaluated night is the one that counts: older nights were priced when they were
    /// computed, and holding them to today's age limit would block every window longer than the limit.
    /// Null (no row, or no date) blocks as stale prices.
    /// </summary>
    internal static DateTimeOffset? PricesFetchedAt(IReadOnlyList<DailyTcoRecord> rows, DateOnly day)
    {
        var row = rows.FirstOrDefault(r => r.Tco.Day == day);
        return row switch
        {
            null => null,
            { PricesAsOf: { } asOf } => asOf,
            { PriceSource: PriceSource.ActualCost } => row.ComputedAt,
            _ => null,
        };
    }

    private static Decision WithNotes(Decision decision, WorkloadInputs inputs)
    {
        var clauses = inputs.Problems.Select(p => $"held: {p}").Concat(inputs.Notes.Select(n => $"note: {n}")).ToList();
        return clauses.Count == 0 ? decision : decision with { Reason = decision.Reason + "; " + string.Join("; ", clauses) };
    }

    /// <summary>A failure in one line: ARM's status and code when it answered, else the first line of the message.</summary>
    internal static string Describe(Exception exception) => exception switch
    {
        FleetControlException arm => $"ARM {arm.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unreachable"}{(arm.ErrorCode is null ? "" : " " + arm.ErrorCode)}",
        _ => $"{exception.GetType().Name}: {exception.Message.Split('\n', 2)[0].Trim()}",
    };

    /// <summary>
    /// One resolution per selector and subscriptions for the run: workloads sharing a selector share the query, and a
    /// failed query fails each of them (none is retried within the run, so they all see the same answer).
    /// </summary>
    private sealed class ResolutionCache
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>>>> _byKey = new(StringComparer.Ordinal);

        public Task<IReadOnlyList<string>> GetOrAdd(IReadOnlyDictionary<string, string> selector, IReadOnlyList<string> subscriptions, Func<Task<IReadOnlyList<string>>> resolve)
        {
            // Tag names and values and subscription ids all compare case-insensitively.
            var key = string.Join('\n', subscriptions.Select(s => s.ToUpperInvariant()).Order(StringComparer.Ordinal))
                + "\n|" + string.Join('\n', selector.Select(t => $"{t.Key.ToUpperInvariant()}\u0000{t.Value.ToUpperInvariant()}").Order(StringComparer.Ordinal));
            return _byKey.GetOrAdd(key, _ => new Lazy<Task<IReadOnlyList<string>>>(resolve)).Value;
        }
    }

    private sealed record WorkloadInputs(
        WorkloadAutopilotInput Input, ActionHistory History, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes, WorkloadVerdict Verdict);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Autopilot inputs of workload {WorkloadId} could not all be read ({Problems} problems): the workload is held")]
    private static partial void LogInputsUnreadable(ILogger logger, string workloadId, int problems);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Autopilot resolved the tagSelector of workload {WorkloadId} to {Count} resources through {Source}")]
    private static partial void LogResolved(ILogger logger, string workloadId, int count, string source);
}
