using System.Globalization;
using CostOps.Application.Nightly;
using Spectre.Console;

namespace CostOps.Cli.Output;

/// <summary>What a TCO run did, per workload.</summary>
internal static class RunSummary
{
    public static void Write(TextWriter writer, TcoRunReport report)
    {
        var console = BreakEvenTable.ConsoleFor(writer);
        var run = report.Run;
        writer.WriteLine($"run {run.RunId}: {run.Status}, {run.FirstDay:yyyy-MM-dd}..{run.LastDay:yyyy-MM-dd}, {run.RowsWritten} rows, {run.UpstreamCalls} upstream calls, {run.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Workload");
        table.AddColumn(new TableColumn("Rows").RightAligned());
        table.AddColumn("Outcome");
        foreach (var workload in report.Workloads)
        {
            var outcome = workload.Succeeded
                ? workload.Problems.Count == 0 ? "ok" : $"ok, {workload.Problems.Count} issue(s): {workload.Problems[0]}"
                : $"FAILED: {string.Join("; ", workload.Problems)}";
            table.AddRow(Markup.Escape(workload.WorkloadId), workload.RowsWritten.ToString(CultureInfo.InvariantCulture), Markup.Escape(outcome));
        }
        console.Write(table);
    }
}
