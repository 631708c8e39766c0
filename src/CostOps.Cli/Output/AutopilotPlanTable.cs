using CostOps.Application.Autopilot;
using CostOps.Domain.Autopilot;
using Spectre.Console;

namespace CostOps.Cli.Output;

/// <summary>An autopilot plan as a table: workload, its latest verdict (as the workloads endpoint says it), action, mode, targets, reason.</summary>
internal static class AutopilotPlanTable
{
    public static void Write(TextWriter writer, AutopilotPlan plan)
    {
        var run = plan.Run;
        var table = NewTable(
            $"autopilot plan for {run.Day:yyyy-MM-dd}: global mode {AutopilotModes.Name(run.GlobalMode)}, "
            + $"budget {run.MaxActionsPerRun} writes ({run.ActionsAlreadyTaken} already sent tonight), {plan.PlannedWrites} planned");
        table.AddColumn("Workload");
        table.AddColumn("Verdict");
        table.AddColumn("Action");
        table.AddColumn("Mode");
        table.AddColumn("Targets");
        table.AddColumn("Reason");
        foreach (var workload in plan.Workloads)
        {
            var decision = workload.Decision;
            table.AddRow(
                Markup.Escape(workload.WorkloadId),
                Markup.Escape(workload.Verdict.Describe()),
                Markup.Escape(ActionText(decision)),
                Markup.Escape(AutopilotModes.Name(decision.Mode)),
                Markup.Escape(TargetsText(decision)),
                Markup.Escape(decision.Reason));
        }
        Console(writer).Write(table);
    }

    /// <summary>"pause", "would pause" in dry-run, "hold (pause blocked)" when guardrails stopped the rule.</summary>
    internal static string ActionText(Decision decision) => decision switch
    {
        { Action: DecisionAction.Hold, ProposedAction: not DecisionAction.Hold, Targets.Count: 0 } => $"hold ({Kebab(decision.ProposedAction)}: no resources)",
        { Action: DecisionAction.Hold, ProposedAction: not DecisionAction.Hold } when decision.IsNoOp => $"hold ({Kebab(decision.ProposedAction)} already done)",
        { Action: DecisionAction.Hold, ProposedAction: not DecisionAction.Hold } => $"hold ({Kebab(decision.ProposedAction)} blocked)",
        { Action: not DecisionAction.Hold, Mode: not AutopilotMode.Enforce } => $"would {Kebab(decision.Action)}",
        _ => Kebab(decision.Action),
    };

    /// <summary>One line per resource: "vm-a: deallocate (act)", "vm-b: deallocate (blocked: opt-in-missing)".</summary>
    internal static string TargetsText(Decision decision) =>
        decision.Targets.Count == 0
            ? "none listed"
            : string.Join("\n", decision.Targets.Select(t => t.Status switch
            {
                TargetStatus.NoChange => $"{t.Resource.Name}: {t.Resource.StateText}, no change",
                TargetStatus.AlreadyInState => $"{t.Resource.Name}: already {t.TargetStateText}",
                TargetStatus.Blocked => $"{t.Resource.Name}: {Operation(t)} (blocked: {string.Join(", ", t.BlockedBy.Select(Kebab))})",
                _ => $"{t.Resource.Name}: {Operation(t)}",
            }));

    internal static Table NewTable(string title) => new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));

    /// <summary>Redirected output (files, CI logs, tests) gets room for the reasons instead of a terminal's 80 columns.</summary>
    internal static IAnsiConsole Console(TextWriter writer)
    {
        var console = BreakEvenTable.ConsoleFor(writer);
        if (!ReferenceEquals(writer, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }
        return console;
    }

    private static string Operation(ResourceTarget target) => target.Operation == TargetOperation.SetCapacity
        ? $"set capacity {target.Capacity}"
        : Kebab(target.Operation);

    private static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum => DecisionRecord.Kebab(value);
}
