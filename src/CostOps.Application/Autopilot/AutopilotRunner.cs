using CostOps.Application.Catalog;
using CostOps.Application.Diagnostics;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Application.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Application.Autopilot;

/// <summary>
/// The autopilot use case behind the <c>Autopilot</c> timer and <c>costops autopilot run</c>
/// (docs/economics.md, "Autopilot rules"; ADR 0004/0005). In order:
/// <list type="number">
/// <item>take the <c>autopilot</c> lease (one actor at a time; without it, record a skipped run and stop);</item>
/// <item>decide every workload with <see cref="AutopilotPlanner"/>;</item>
/// <item>write every decision to <c>Decisions</c>, before any ARM request;</item>
/// <item>for each decision that will act: renew the lease, claim the decision id (a decision acted on
/// once, by this or any run, is never acted on again), apply it, write its outcome;</item>
/// <item>write the <c>Runs</c> row and give the lease up.</item>
/// </list>
/// One workload's unreadable inputs or refused ARM write is recorded with its decision and never
/// stops the others.
/// </summary>
public sealed partial class AutopilotRunner(
    AutopilotPlanner planner,
    IDecisionStore decisions,
    IFleetController fleet,
    ILeaseStore leases,
    IRunStore runs,
    UpstreamCallCounter upstreamCalls,
    TimeProvider time,
    IOptions<AutopilotOptions> options,
    ILogger<AutopilotRunner> logger,
    IOptions<RunsOptions>? runsOptions = null)
{
    private readonly RunJournal _journal = new(runs, new RunLiveness(time, runsOptions ?? Options.Create(new RunsOptions())), logger);

    /// <summary>The lease every autopilot run takes before deciding (table <c>Leases</c>).</summary>
    public const string LeaseName = "autopilot";

    /// <summary>Runs the autopilot once. Only the caller's cancellation and failures before any decision is recorded throw.</summary>
    public async Task<AutopilotRunReport> RunAsync(AutopilotRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var startedAt = time.GetUtcNow();
        var runId = RunIds.New(startedAt);
        var callsBefore = upstreamCalls.Count;
        var leaseDuration = options.Value.LeaseDuration;
        using var telemetry = CostOpsTelemetry.StartRun(AutopilotJob.Name, runId, request.Trigger);
        // On record before the lease is taken: a run that dies holding it (or between a claim and its action) stays visible.
        var found = await _journal.BeginAsync(RunRecord.Started(AutopilotJob.Name, runId, request.Trigger, startedAt, null, null), cancellationToken);

        var lease = await leases.TryAcquireAsync(LeaseName, runId, leaseDuration, cancellationToken);
        if (lease is null)
        {
            LogSkipped(logger, runId);
            var skipped = Record(request, runId, startedAt, JobStatus.Succeeded, [], 0, callsBefore, null, [AutopilotRunReport.SkippedMessage]) with { Outcomes = found };
            telemetry.Finish(skipped);
            await _journal.FinishAsync(skipped, cancellationToken);
            return new AutopilotRunReport(skipped, null, []);
        }

        var holder = new LeaseHolder(lease);
        try
        {
            return await RunHoldingLeaseAsync(request, runId, startedAt, callsBefore, holder, telemetry, found, cancellationToken);
        }
        finally
        {
            await ReleaseAsync(holder);
        }
    }

    private async Task<AutopilotRunReport> RunHoldingLeaseAsync(
        AutopilotRunRequest request, string runId, DateTimeOffset startedAt, long callsBefore, LeaseHolder holder, CostOpsTelemetry.JobRun telemetry,
        IReadOnlyList<string> found, CancellationToken cancellationToken)
    {
        AutopilotPlan plan;
        try
        {
            plan = await planner.PlanAsync(null, request.ModeCap, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failed = Record(request, runId, startedAt, JobStatus.Failed, [], 0, callsBefore, null, [$"run: {ex.Message}"]) with { Outcomes = found };
            telemetry.Finish(failed);
            await _journal.FinishAsync(failed, CancellationToken.None);
            throw;
        }
        LogRunStarted(logger, runId, plan.Run.Day, plan.Run.GlobalMode, plan.Workloads.Count, plan.Run.MaxActionsPerRun - plan.Run.ActionsAlreadyTaken);

        var states = plan.Workloads.Select(w => new WorkloadState(w, StoredDecision.BeforeActing(w.Decision, runId))).ToList();

        // Every decision is on record before the first write goes to ARM: if the run dies while acting,
        // the table still says what it was about to do and why.
        var rowsWritten = 0;
        foreach (var state in states)
        {
            if (await TryWriteAsync(state, s => decisions.RecordAsync([s.Stored], cancellationToken), "recording the decision", cancellationToken))
            {
                state.Recorded = true;
                rowsWritten++;
                CostOpsTelemetry.DecisionRecorded(state.Plan.Decision.Action, state.Plan.Decision.Mode);
            }
        }

        foreach (var state in states.Where(s => s.Recorded && s.Plan.Decision.WillAct))
        {
            await ActAsync(state, holder, cancellationToken);
        }

        var results = states.Select(s => new WorkloadRunResult(s.Plan.Decision, s.Stored, [.. s.Problems])).ToList();
        var failedCount = results.Count(r => r.Failed);
        var status = failedCount == 0 ? JobStatus.Succeeded : failedCount < results.Count ? JobStatus.Partial : JobStatus.Failed;
        var errors = results.Where(r => r.Failed).Select(ErrorLine).Concat(plan.Undecided).ToList();
        if (plan.Undecided.Count > 0 && status == JobStatus.Succeeded)
        {
            status = JobStatus.Partial;
        }
        var run = Record(request, runId, startedAt, status, results, rowsWritten, callsBefore, plan.Run.Day, errors) with { Outcomes = found };
        telemetry.Finish(run);
        await _journal.FinishAsync(run, cancellationToken);
        LogRunFinished(logger, runId, status, run.WorkloadsOk, run.WorkloadsFailed, run.ActionsTaken ?? 0);
        return new AutopilotRunReport(run, plan, results);
    }

    private async Task ActAsync(WorkloadState state, LeaseHolder holder, CancellationToken cancellationToken)
    {
        var decision = state.Plan.Decision;
        if (!holder.Lost)
        {
            // Renewed before every decision, so the lease outlasts the writes of the one in hand.
            Lease? renewed;
            try
            {
                renewed = await leases.TryRenewAsync(holder.Lease, options.Value.LeaseDuration, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A lease we cannot confirm is a lease we may not hold.
                LogWriteFailed(logger, decision.WorkloadId, "renewing the lease", ex.GetType().Name);
                renewed = null;
            }
            if (renewed is null)
            {
                holder.Lost = true;
                LogLeaseLost(logger, holder.Lease.Owner);
            }
            else
            {
                holder.Lease = renewed;
            }
        }
        if (holder.Lost)
        {
            await SettleWithoutActingAsync(state, DecisionOutcomeStatus.NotActed, "the autopilot lease was lost before acting: nothing sent", cancellationToken);
            return;
        }

        bool claimed;
        try
        {
            claimed = await decisions.TryClaimAsync(state.Stored, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await SettleWithoutActingAsync(state, DecisionOutcomeStatus.NotActed, $"claiming the decision failed, so nothing was sent: {AutopilotPlanner.Describe(ex)}", cancellationToken);
            return;
        }
        if (!claimed)
        {
            LogAlreadyActed(logger, decision.WorkloadId, decision.Id);
            await SettleWithoutActingAsync(state, DecisionOutcomeStatus.AlreadyActed, null, cancellationToken);
            return;
        }

        IReadOnlyList<FleetActionOutcome> outcomes;
        try
        {
            outcomes = await fleet.ApplyAsync(decision, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The controller reports ARM failures as outcomes; anything else leaves it unknown what was sent, so assume a write was.
            var at = time.GetUtcNow();
            outcomes = decision.ActingTargets
                .Select(t => new FleetActionOutcome(
                    t.ResourceId, t.Operation, t.Capacity, FleetActionStatus.Failed, true, null, null, null, null,
                    $"the actuator failed, a write may have been sent: {AutopilotPlanner.Describe(ex)}", at, at))
                .ToList();
        }
        state.Stored = state.Stored.WithOutcomes(outcomes, time.GetUtcNow());
        foreach (var outcome in outcomes)
        {
            LogActed(logger, decision.WorkloadId, decision.Id, outcome.ResourceId, outcome.Status, outcome.WriteSent);
        }
        await TryWriteAsync(state, s => decisions.RecordOutcomeAsync(s.Stored, cancellationToken), "recording the outcome", cancellationToken);
    }

    /// <summary>Re-writes the decision's row with a status saying why nothing was sent (the claim, if any, is left as it is).</summary>
    private async Task SettleWithoutActingAsync(WorkloadState state, DecisionOutcomeStatus status, string? problem, CancellationToken cancellationToken)
    {
        state.Stored = state.Stored with { OutcomeStatus = status };
        if (problem is not null)
        {
            state.Problems.Add(problem);
        }
        await TryWriteAsync(state, s => decisions.RecordAsync([s.Stored], cancellationToken), "recording the decision's status", cancellationToken);
    }

    private async Task<bool> TryWriteAsync(WorkloadState state, Func<WorkloadState, Task> write, string what, CancellationToken cancellationToken)
    {
        try
        {
            await write(state);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogWriteFailed(logger, state.Plan.WorkloadId, what, ex.GetType().Name);
            state.Problems.Add($"{what} failed: {AutopilotPlanner.Describe(ex)}");
            return false;
        }
    }

    private async Task ReleaseAsync(LeaseHolder holder)
    {
        if (holder.Lost)
        {
            return;
        }
        try
        {
            await leases.ReleaseAsync(holder.Lease, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The lease expires on its own; failing to give it up early only delays the next run.
            LogReleaseFailed(logger, holder.Lease.Owner, ex.GetType().Name);
        }
    }

    private static string ErrorLine(WorkloadRunResult result)
    {
        var causes = result.Problems.ToList();
        causes.AddRange(result.Outcomes.Where(o => !o.ReachedTarget).Select(o =>
            $"{ArmResourceId.Name(o.ResourceId)}: {o.Status}{(o.HttpStatus is { } status ? $" {status}" : "")}{(o.ErrorCode is { } code ? $" {code}" : "")}"));
        return $"{result.WorkloadId}: {(causes.Count > 0 ? string.Join("; ", causes) : Domain.Autopilot.DecisionRecord.Kebab(result.Status))}";
    }

    private RunRecord Record(
        AutopilotRunRequest request, string runId, DateTimeOffset startedAt, JobStatus status, IReadOnlyList<WorkloadRunResult> results,
        int rowsWritten, long callsBefore, DateOnly? day, IReadOnlyList<string> errors) =>
        new(
            AutopilotJob.Name, runId, request.Trigger, startedAt, time.GetUtcNow(), status,
            results.Count(r => !r.Failed), results.Count(r => r.Failed), rowsWritten,
            upstreamCalls.Count - callsBefore, day, day, errors, results.Sum(r => r.WritesSent));

    /// <summary>One workload's progress through the run.</summary>
    private sealed class WorkloadState(WorkloadPlan plan, StoredDecision stored)
    {
        public WorkloadPlan Plan { get; } = plan;

        public StoredDecision Stored { get; set; } = stored;

        public bool Recorded { get; set; }

        public List<string> Problems { get; } = [.. plan.Problems];
    }

    /// <summary>The lease as last renewed, or lost.</summary>
    private sealed class LeaseHolder(Lease lease)
    {
        public Lease Lease { get; set; } = lease;

        public bool Lost { get; set; }
    }

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "Autopilot run {RunId} started for {Day}: global mode {Mode}, {Workloads} workloads, budget {Budget} writes")]
    private static partial void LogRunStarted(ILogger logger, string runId, DateOnly day, Domain.Autopilot.AutopilotMode mode, int workloads, int budget);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Information, Message = "Autopilot run {RunId} skipped: another run holds the lease")]
    private static partial void LogSkipped(ILogger logger, string runId);

    [LoggerMessage(EventId = 7113, Level = LogLevel.Information, Message = "Autopilot acted on {WorkloadId} (decision {DecisionId}): {ResourceId} {Status}, write sent {WriteSent}")]
    private static partial void LogActed(ILogger logger, string workloadId, string decisionId, string resourceId, FleetActionStatus status, bool writeSent);

    [LoggerMessage(EventId = 7114, Level = LogLevel.Information, Message = "Autopilot decision {DecisionId} of {WorkloadId} was already acted on by an earlier run: nothing sent")]
    private static partial void LogAlreadyActed(ILogger logger, string workloadId, string decisionId);

    [LoggerMessage(EventId = 7115, Level = LogLevel.Warning, Message = "Autopilot run {RunId} lost its lease: no further action is taken")]
    private static partial void LogLeaseLost(ILogger logger, string runId);

    [LoggerMessage(EventId = 7116, Level = LogLevel.Warning, Message = "Autopilot could not store {What} for workload {WorkloadId} ({Error})")]
    private static partial void LogWriteFailed(ILogger logger, string workloadId, string what, string error);

    [LoggerMessage(EventId = 7117, Level = LogLevel.Warning, Message = "Autopilot run {RunId} could not release its lease ({Error}); it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, string runId, string error);

    [LoggerMessage(EventId = 7118, Level = LogLevel.Information, Message = "Autopilot run {RunId} {Status}: {Ok} workloads ok, {Failed} failed, {Writes} writes sent")]
    private static partial void LogRunFinished(ILogger logger, string runId, JobStatus status, int ok, int failed, int writes);
}
