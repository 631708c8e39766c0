using CostOps.Application.Autopilot;
using CostOps.Application.Catalog;
using CostOps.Domain.Autopilot;
using Spectre.Console;

namespace CostOps.Cli.Output;

/// <summary>What an autopilot run did, per workload: action, mode, outcome, reason and problems.</summary>
internal static class AutopilotRunSummary
{
    public static void Write(TextWriter writer, AutopilotRunReport report)
    {
        var run = report.Run;
        if (report.Skipped)
        {
            writer.WriteLine($"autopilot run {run.RunId}: {AutopilotRunReport.SkippedMessage}");
            return;
        }
        var plan = report.Plan!;
        var table = AutopilotPlanTable.NewTable(
            $"autopilot run {run.RunId}: {run.Status} for {plan.Run.Day:yyyy-MM-dd}, global mode {AutopilotModes.Name(plan.Run.GlobalMode)}, "
            + $"{run.ActionsTaken ?? 0} writes sent, {run.UpstreamCalls} ARM requests");
        table.AddColumn("Workload");
        table.AddColumn("Action");
        table.AddColumn("Mode");
        table.AddColumn("Outcome");
        table.AddColumn("Reason");
        foreach (var workload in report.Workloads)
        {
            var outcome = DecisionRecord.Kebab(workload.Status)
                + string.Concat(workload.Outcomes.Select(o => $"\n{ArmResourceId.Name(o.ResourceId)}: {o.Message}"))
                + string.Concat(workload.Problems.Select(p => $"\nproblem: {p}"));
            table.AddRow(
                Markup.Escape(workload.WorkloadId),
                Markup.Escape(AutopilotPlanTable.ActionText(workload.Decision)),
                Markup.Escape(AutopilotModes.Name(workload.Decision.Mode)),
                Markup.Escape(outcome),
                Markup.Escape(workload.Decision.Reason));
        }
        AutopilotPlanTable.Console(writer).Write(table);
        foreach (var undecided in plan.Undecided)
        {
            writer.WriteLine($"not decided: {undecided}");
        }
    }
}
