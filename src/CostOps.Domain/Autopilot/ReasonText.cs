using System.Globalization;

namespace CostOps.Domain.Autopilot;

/// <summary>
/// The decision in words, for people reading the Decisions table or the digest: what the rule saw
/// ("demand 61,200/month is 16% below break-even 73,000 for 5 nights"), what will be done, what is
/// already done, and one "held: ..." clause per guardrail that blocked something.
/// </summary>
internal static class ReasonText
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    public static string Compose(WorkloadDraft draft, IReadOnlyList<ResourceTarget> targets, DecisionAction action)
    {
        var clauses = new List<string> { RuleClause(draft) };
        if (action != DecisionAction.Hold)
        {
            var writes = string.Join(", ", targets.Where(t => t.Status == TargetStatus.Act).Select(Write));
            clauses.Add(draft.Mode == AutopilotMode.Enforce ? writes : $"dry run: would {writes}");
        }
        clauses.AddRange(targets.Where(t => t.Status == TargetStatus.AlreadyInState).Select(t => $"{t.Resource.Name} already {AlreadyState(t)}"));
        clauses.AddRange(HeldClauses(draft, targets).Select(h => $"held: {h}"));
        return string.Join("; ", clauses);
    }

    private static string RuleClause(WorkloadDraft draft)
    {
        var latest = draft.Latest;
        var nights = Nights(draft.Policy.ConsecutiveDays);
        switch (draft.Rule)
        {
            case DecisionRule.PauseNeverBreaksEven:
                return $"self-hosting never breaks even at current prices for {nights}";
            case DecisionRule.PauseBelowBreakEven when latest.NeverBreaksEven:
                return $"demand was below break-even or never broke even on each of the last {nights} (latest: never breaks even)";
            case DecisionRule.PauseBelowBreakEven:
            case DecisionRule.ResumeAboveBreakEven:
                return $"{Comparison(latest)} for {nights}";
            case DecisionRule.ScaleUpToDemand:
                return $"projected demand {Count(latest.ProjectedRequestsPerMonth)}/month needs {Instances(latest.InstancesNeeded)} per scale set "
                    + $"at {Count(draft.Input.CapacityPerInstance)} requests/month each{Basis(draft.Input.Throughput)}";
            case DecisionRule.ScaleDownToDemand:
                var most = draft.Nights.Max(n => n.InstancesNeeded);
                return $"projected demand needed at most {Instances(most)} per scale set on each of the last {nights}{Basis(draft.Input.Throughput)}";
            default:
                return NoRuleClause(draft);
        }
    }

    /// <summary>Which throughput sized the scale set: the catalog's planned figure or the measured p95.</summary>
    private static string Basis(InstanceThroughput? throughput) => throughput is null ? "" : $", sized from {throughput.Describe()}";

    private static string NoRuleClause(WorkloadDraft draft)
    {
        var latest = draft.Latest;
        if (latest.Signal == NightSignal.Unknown)
        {
            return latest.Present
                ? $"demand ratio unknown on {Day(latest.Day)}"
                : $"no TCO row for {Day(latest.Day)}";
        }
        var streak = draft.Nights.Reverse().TakeWhile(n => n.Signal == latest.Signal).Count();
        var needed = draft.Policy.ConsecutiveDays;
        return latest.Signal switch
        {
            NightSignal.Within => $"{Comparison(latest)}, inside the ±{Percent(draft.Policy.Band)}% band",
            NightSignal.Below => $"{Comparison(latest)}; {streak} of {needed} nights below the band so far",
            _ when streak < needed => $"{Comparison(latest)}; {streak} of {needed} nights above the band so far",
            _ => $"{Comparison(latest)} for {Nights(needed)}; nothing is paused",
        };
    }

    /// <summary>"demand 61,200/month is 16% below break-even 73,000", or the never / always cases.</summary>
    private static string Comparison(WindowNight night)
    {
        if (night.NeverBreaksEven)
        {
            return "self-hosting never breaks even at current prices";
        }
        if (night.BreakEvenRequestsPerMonth == 0m)
        {
            return $"demand {Count(night.ProjectedRequestsPerMonth)}/month; self-hosting is cheaper at any volume (break-even 0)";
        }
        var ratio = night.DemandRatio ?? 1m;
        var side = ratio < 1m ? "below" : "above";
        return $"demand {Count(night.ProjectedRequestsPerMonth)}/month is {Percent(Math.Abs(1m - ratio))}% {side} break-even {Count(night.BreakEvenRequestsPerMonth)}";
    }

    private static string Write(ResourceTarget target) => target.Operation switch
    {
        TargetOperation.Deallocate => $"deallocate {target.Resource.Name}",
        TargetOperation.Start => $"start {target.Resource.Name}",
        _ => $"set {target.Resource.Name} to capacity {target.Capacity} (from {target.Resource.Capacity})",
    };

    private static string AlreadyState(ResourceTarget target) => target.Kind == ComputeResourceKind.ScaleSet
        ? $"at capacity {target.Resource.Capacity}"
        : target.Resource.StateText;

    private static IEnumerable<string> HeldClauses(WorkloadDraft draft, IReadOnlyList<ResourceTarget> targets)
    {
        var blocked = targets.Where(t => t.Status == TargetStatus.Blocked).ToList();
        bool Any(Guardrail g) => blocked.Any(t => t.BlockedBy.Contains(g));

        if (Any(Guardrail.ModeOff))
        {
            yield return draft.Policy.Mode == AutopilotMode.Off ? "autopilot is off for this workload" : "autopilot is off (global mode)";
        }
        if (draft.HasIncompleteNight)
        {
            yield return Incomplete(draft);
        }
        if (Any(Guardrail.StalePrices))
        {
            yield return draft.Input.PricesFetchedAt is { } fetched
                ? $"prices fetched {Day(DateOnly.FromDateTime(fetched.UtcDateTime))} are {(int)(draft.Run.Now - fetched).TotalDays} days old (max {Number(draft.Policy.MaxPriceAge.TotalDays)})"
                : "the prices' age is unknown";
        }
        foreach (var target in blocked)
        {
            var resource = target.Resource;
            foreach (var guard in target.BlockedBy)
            {
                switch (guard)
                {
                    case Guardrail.OptInMissing:
                        yield return $"{resource.Name} is not opted in (tag {AutopilotTags.OptInName}={AutopilotTags.OptInValue} missing)";
                        break;
                    case Guardrail.Excluded:
                        var value = AutopilotTags.ExclusionOf(resource.Tags);
                        yield return $"{resource.Name} is excluded (tag {AutopilotTags.ExcludeName}{(string.IsNullOrEmpty(value) ? "" : "=" + value)})";
                        break;
                    case Guardrail.Cooldown:
                        var since = draft.Run.Now - resource.LastActionAt!.Value;
                        yield return $"{resource.Name} was changed {Number(since.TotalHours)} h ago; cooldown is {Number(draft.Policy.Cooldown.TotalHours)} h";
                        break;
                    case Guardrail.ScarceSku:
                        yield return $"{resource.Name} ({resource.Sku ?? "size unknown"}) is a scarce GPU size and allowDeallocateScarceSku is off";
                        break;
                    case Guardrail.StateUnsettled:
                        yield return $"{resource.Name} is {resource.StateText}; waiting for a settled state";
                        break;
                    default:
                        // Workload-wide guardrails are stated once above; the budget once below.
                        break;
                }
            }
        }
        var overBudget = blocked.Where(t => t.BlockedBy.Contains(Guardrail.MaxActionsPerRun)).Select(t => t.Resource.Name).ToList();
        if (overBudget.Count > 0)
        {
            yield return $"max {draft.Run.MaxActionsPerRun} actions per run reached ({string.Join(", ", overBudget)})";
        }
    }

    /// <summary>"completeness 0.62 on 2026-11-20 is below 0.9", naming the first bad night and counting the others.</summary>
    private static string Incomplete(WorkloadDraft draft)
    {
        var bad = draft.Nights.Where(n => !n.IsComplete(draft.Policy.MinCompleteness)).ToList();
        var first = bad[0];
        var clause = first.Present
            ? $"completeness {Number(first.Completeness ?? 0m)} on {Day(first.Day)} is below {Number(draft.Policy.MinCompleteness)}"
            : $"no TCO row for {Day(first.Day)}";
        return bad.Count > 1 ? $"{clause} (and {bad.Count - 1} more of the last {Nights(draft.Nights.Count)})" : clause;
    }

    private static string Nights(int count) => count == 1 ? "1 night" : $"{count} nights";

    private static string Instances(int? count) => count == 1 ? "1 instance" : $"{count} instances";

    private static string Count(decimal? value) =>
        value is { } v ? Math.Round(v, 0, MidpointRounding.AwayFromZero).ToString("#,##0", s_invariant) : "unknown";

    private static string Percent(decimal share) => Math.Round(share * 100m, 0, MidpointRounding.AwayFromZero).ToString("0", s_invariant);

    private static string Number(decimal value) => value.ToString("0.##", s_invariant);

    private static string Number(double value) => value.ToString("0.#", s_invariant);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", s_invariant);
}
