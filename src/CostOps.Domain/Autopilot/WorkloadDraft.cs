using CostOps.Domain.Observed;
using CostOps.Domain.Time;

namespace CostOps.Domain.Autopilot;

/// <summary>
/// One workload's decision in the making: the window read, the rule chosen, the targets with their
/// guardrails. The run's budget is applied across drafts before each is finished into a
/// <see cref="Decision"/>.
/// </summary>
internal sealed class WorkloadDraft
{
    private WorkloadDraft(
        AutopilotRun run,
        WorkloadAutopilotInput input,
        AutopilotMode mode,
        IReadOnlyList<WindowNight> nights,
        DecisionRule rule,
        IReadOnlyList<TargetDraft> targets)
    {
        Run = run;
        Input = input;
        Mode = mode;
        Nights = nights;
        Rule = rule;
        Targets = targets;
    }

    public AutopilotRun Run { get; }

    public WorkloadAutopilotInput Input { get; }

    public AutopilotPolicy Policy => Input.Policy;

    public AutopilotMode Mode { get; }

    /// <summary>The consecutiveDays nights ending on the run's day, oldest first.</summary>
    public IReadOnlyList<WindowNight> Nights { get; }

    public WindowNight Latest => Nights[^1];

    public DecisionRule Rule { get; }

    /// <summary>One per resource, ordered by resource id so results do not depend on input order.</summary>
    public IReadOnlyList<TargetDraft> Targets { get; }

    public bool HasIncompleteNight => Nights.Any(n => !n.IsComplete(Policy.MinCompleteness));

    public static WorkloadDraft Evaluate(AutopilotRun run, WorkloadAutopilotInput input)
    {
        var mode = run.GlobalMode.StricterOf(input.Policy.Mode);
        var sizing = new ScaleSizing(
            input.CapacityPerInstance,
            input.MinInstances,
            input.MaxInstances,
            input.Resources.Count(r => r.Kind == ComputeResourceKind.ScaleSet));
        var nights = ReadWindow(run.Day, input.Policy, input.Window, sizing);
        var resources = input.Resources
            .OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var rule = ChooseRule(nights, resources);
        var targets = resources.Select(r => Target(rule, r, nights, input.MinInstances)).ToList();
        var draft = new WorkloadDraft(run, input, mode, nights, rule, targets);
        draft.ApplyGuardrails();
        return draft;
    }

    private static List<WindowNight> ReadWindow(DateOnly day, AutopilotPolicy policy, IReadOnlyList<DailyTco> window, ScaleSizing sizing)
    {
        var byDay = window.ToDictionary(row => row.Day);
        return DayRange.Trailing(day, policy.ConsecutiveDays)
            .EachDay()
            .Select(d => byDay.TryGetValue(d, out var row) ? WindowNight.From(row, policy.Band, sizing) : WindowNight.Missing(d))
            .ToList();
    }

    /// <summary>
    /// Pause beats everything (a workload below break-even night after night is paused whatever
    /// its size); resume needs something paused; scaling concerns running scale sets only, so a
    /// paused workload comes back through the resume rule and its nights, never through a scale-up.
    /// </summary>
    private static DecisionRule ChooseRule(IReadOnlyList<WindowNight> nights, IReadOnlyList<FleetResource> resources)
    {
        if (nights.All(n => n.Signal == NightSignal.Below))
        {
            return nights.All(n => n.NeverBreaksEven) ? DecisionRule.PauseNeverBreaksEven : DecisionRule.PauseBelowBreakEven;
        }
        if (nights.All(n => n.Signal == NightSignal.Above) && resources.Any(IsNotServing))
        {
            return DecisionRule.ResumeAboveBreakEven;
        }
        var running = resources.Where(r => r is { Kind: ComputeResourceKind.ScaleSet, Capacity: > 0 }).ToList();
        if (nights[^1].InstancesNeeded is { } latest && running.Any(s => s.Capacity < latest))
        {
            return DecisionRule.ScaleUpToDemand;
        }
        if (MostNeeded(nights) is { } most && running.Any(s => s.Capacity > most))
        {
            return DecisionRule.ScaleDownToDemand;
        }
        return DecisionRule.None;
    }

    /// <summary>The largest count any night needed; null unless every night's need is known.</summary>
    private static int? MostNeeded(IReadOnlyList<WindowNight> nights) =>
        nights.All(n => n.InstancesNeeded is not null) ? nights.Max(n => n.InstancesNeeded!.Value) : null;

    private static bool IsNotServing(FleetResource resource) => resource.Kind == ComputeResourceKind.ScaleSet
        ? resource.Capacity == 0
        : resource.PowerState is VmPowerState.Deallocated or VmPowerState.Deallocating or VmPowerState.Stopped or VmPowerState.Stopping;

    private static TargetDraft Target(DecisionRule rule, FleetResource resource, IReadOnlyList<WindowNight> nights, int minInstances)
    {
        var vm = resource.Kind == ComputeResourceKind.VirtualMachine;
        switch (rule.ProposedAction())
        {
            case DecisionAction.Pause when vm:
                return resource.PowerState switch
                {
                    VmPowerState.Deallocated or VmPowerState.Deallocating => new(resource, TargetOperation.Deallocate, null, TargetStatus.AlreadyInState),
                    // Stopped is still allocated and billed: deallocating it is the point.
                    VmPowerState.Running or VmPowerState.Stopped => new(resource, TargetOperation.Deallocate, null, TargetStatus.Act),
                    _ => TargetDraft.Unsettled(resource, TargetOperation.Deallocate, null),
                };
            case DecisionAction.Pause:
                return resource.Capacity switch
                {
                    null => TargetDraft.Unsettled(resource, TargetOperation.SetCapacity, 0),
                    0 => new(resource, TargetOperation.SetCapacity, 0, TargetStatus.AlreadyInState),
                    _ => new(resource, TargetOperation.SetCapacity, 0, TargetStatus.Act),
                };
            case DecisionAction.Resume when vm:
                return resource.PowerState switch
                {
                    VmPowerState.Running or VmPowerState.Starting => new(resource, TargetOperation.Start, null, TargetStatus.AlreadyInState),
                    VmPowerState.Deallocated or VmPowerState.Stopped => new(resource, TargetOperation.Start, null, TargetStatus.Act),
                    _ => TargetDraft.Unsettled(resource, TargetOperation.Start, null),
                };
            case DecisionAction.Resume:
                var wanted = nights[^1].InstancesNeeded ?? minInstances;
                return resource.Capacity switch
                {
                    null => TargetDraft.Unsettled(resource, TargetOperation.SetCapacity, wanted),
                    { } current when current >= wanted => new(resource, TargetOperation.SetCapacity, current, TargetStatus.AlreadyInState),
                    _ => new(resource, TargetOperation.SetCapacity, wanted, TargetStatus.Act),
                };
            case DecisionAction.ScaleUp when !vm && resource.Capacity > 0 && resource.Capacity < nights[^1].InstancesNeeded:
                return new(resource, TargetOperation.SetCapacity, nights[^1].InstancesNeeded, TargetStatus.Act);
            case DecisionAction.ScaleDown when !vm && resource.Capacity > MostNeeded(nights):
                return new(resource, TargetOperation.SetCapacity, MostNeeded(nights), TargetStatus.Act);
            default:
                return TargetDraft.Unchanged(resource);
        }
    }

    /// <summary>Every guardrail is checked for every target that needs a change, so the record lists them all, not the first.</summary>
    private void ApplyGuardrails()
    {
        var workloadGuards = new List<Guardrail>();
        if (Mode == AutopilotMode.Off)
        {
            workloadGuards.Add(Guardrail.ModeOff);
        }
        if (HasIncompleteNight)
        {
            workloadGuards.Add(Guardrail.IncompleteData);
        }
        if (PricesAreStale)
        {
            workloadGuards.Add(Guardrail.StalePrices);
        }
        foreach (var target in Targets.Where(t => t.NeedsChange))
        {
            var resource = target.Resource;
            if (!AutopilotTags.IsOptedIn(resource.Tags))
            {
                target.Block(Guardrail.OptInMissing);
            }
            if (AutopilotTags.ExclusionOf(resource.Tags) is not null)
            {
                target.Block(Guardrail.Excluded);
            }
            if (IsCoolingDown(resource))
            {
                target.Block(Guardrail.Cooldown);
            }
            if (resource.ScarceSku && !Policy.AllowDeallocateScarceSku && target.ReleasesCapacity)
            {
                target.Block(Guardrail.ScarceSku);
            }
            foreach (var guard in workloadGuards)
            {
                target.Block(guard);
            }
        }
    }

    public bool PricesAreStale => Input.PricesFetchedAt is not { } fetched || Run.Now - fetched > Policy.MaxPriceAge;

    /// <summary>A last action in the future (clock skew) counts as recent: holding is the safe side.</summary>
    public bool IsCoolingDown(FleetResource resource) => resource.LastActionAt is { } last && Run.Now - last < Policy.Cooldown;

    public Decision Finish()
    {
        var targets = Targets.Select(t => t.ToTarget()).ToList();
        var acting = targets.Where(t => t.Status == TargetStatus.Act).ToList();
        var action = acting.Count > 0 ? Rule.ProposedAction() : DecisionAction.Hold;
        var blockedBy = targets
            .Where(t => t.Status == TargetStatus.Blocked)
            .SelectMany(t => t.BlockedBy)
            .Concat(HasIncompleteNight ? [Guardrail.IncompleteData] : [])
            .Distinct()
            .Order()
            .ToList();
        var inputs = new DecisionInputs(
            Policy,
            Run.GlobalMode,
            Run.MaxActionsPerRun,
            Run.ActionsAlreadyTaken,
            Input.MinInstances,
            Input.MaxInstances,
            Input.CapacityPerInstance,
            Input.PricesFetchedAt,
            Nights);
        return new Decision(
            DecisionIds.Compute(Input.WorkloadId, Run.Day, action, acting),
            Input.WorkloadId,
            Run.Day,
            Run.Now,
            Mode,
            action,
            Rule,
            blockedBy,
            targets,
            ReasonText.Compose(this, targets, action),
            inputs);
    }
}
