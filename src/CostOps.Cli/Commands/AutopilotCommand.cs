using System.CommandLine;
using CostOps.Application.Autopilot;
using CostOps.Application.Jobs;
using CostOps.Cli.Hosting;
using CostOps.Cli.Output;
using CostOps.Domain.Autopilot;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Cli.Commands;

/// <summary>
/// <c>costops autopilot plan [--workload ID]...</c>: what the autopilot would do now (reads, never acts or writes).
/// <c>costops autopilot run [--mode off|dry-run|enforce]</c>: one autopilot run, recorded like the timer's.
/// </summary>
/// <remarks>
/// The mode of a run is the stricter of <c>--mode</c>, <c>CostOps:Autopilot:Mode</c> and each
/// workload's catalog mode, so the command line can only narrow what configuration allows, and
/// <c>--mode</c> defaults to dry-run: touching Azure from a laptop takes an explicit <c>--mode enforce</c>
/// on top of enforce in configuration and catalog.
/// </remarks>
internal static class AutopilotCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) => new("autopilot", "Plan or run the autopilot that pauses, resumes and scales GPU VMs on break-even.")
    {
        Plan(stdout, stderr),
        Run(stdout, stderr),
    };

    private static Command Plan(TextWriter stdout, TextWriter stderr)
    {
        var settings = CommonOptions.Settings();
        var catalog = CommonOptions.Catalog();
        var workloads = CommonOptions.Workloads();
        var command = new Command("plan", "Show what the autopilot would do now, per workload (reads DailyTco, the fleet and past actions; acts on nothing, writes nothing).")
        {
            settings, catalog, workloads,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(stderr, async () =>
        {
            await using var host = await CliHost.StartAsync(parse.GetValue(settings)?.FullName, CommonOptions.Overrides(parse.GetValue(catalog)), stderr, cancellationToken);
            var ids = parse.GetValue(workloads) is { Length: > 0 } selected ? selected : null;
            var plan = await host.Services.GetRequiredService<AutopilotPlanner>().PlanAsync(ids, cancellationToken);
            AutopilotPlanTable.Write(stdout, plan);
            foreach (var undecided in plan.Undecided)
            {
                await stderr.WriteLineAsync($"not decided: {undecided}");
            }
            return CliApp.Ok;
        }));
        return command;
    }

    private static Command Run(TextWriter stdout, TextWriter stderr)
    {
        var settings = CommonOptions.Settings();
        var catalog = CommonOptions.Catalog();
        var mode = ModeOption();
        var command = new Command("run", "Run the autopilot once, as the Autopilot timer does: record every decision, then act within the mode allowed.")
        {
            settings, catalog, mode,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(stderr, async () =>
        {
            await using var host = await CliHost.StartAsync(parse.GetValue(settings)?.FullName, CommonOptions.Overrides(parse.GetValue(catalog)), stderr, cancellationToken);
            var runner = host.Services.GetRequiredService<AutopilotRunner>();
            var report = await runner.RunAsync(new AutopilotRunRequest("cli", Mode(parse.GetValue(mode))), cancellationToken);
            AutopilotRunSummary.Write(stdout, report);
            return report.Run.Status == JobStatus.Succeeded ? CliApp.Ok : CliApp.Failed;
        }));
        return command;
    }

    /// <summary>
    /// <c>--mode off|dry-run|enforce</c>: a string option rather than the enum, so the help lists and the parser accepts
    /// the spellings of the configuration and the catalog (the enum's member names would show as DryRun).
    /// </summary>
    internal static Option<string> ModeOption() => CommonOptions.OneOf(
        "--mode",
        "The most this run may do: off, dry-run (default) or enforce. The stricter of this, CostOps:Autopilot:Mode and each workload's mode applies.",
        AutopilotModes.All,
        AutopilotModes.DryRun);

    /// <summary>The mode an accepted <c>--mode</c> spelling names.</summary>
    internal static AutopilotMode Mode(string? text) =>
        AutopilotModes.TryParse(text ?? AutopilotModes.DryRun, out var mode) ? mode : AutopilotMode.DryRun;
}
