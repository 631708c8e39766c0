using System.CommandLine;
using System.Globalization;
using CostOps.Application.Autopilot;
using CostOps.Application.Catalog;
using CostOps.Application.Nightly;
using CostOps.Application.Ports;
using CostOps.Cli.Hosting;
using CostOps.Cli.Output;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Cli.Commands;

/// <summary>
/// <c>costops demo</c>: everything on the embedded default. Azurite (local, under .costops/) plus the
/// bundled samples/demo (a catalog of three workloads and 96 days of telemetry exports): backfill 90
/// nights, then print the last 30 days per workload with a verdict each, and write the week's digest and a
/// FOCUS 1.2 export of the 90 days.
/// </summary>
internal static class DemoCommand
{
    private const string SettingsRelativePath = "samples/demo/costops.settings.json";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var settings = new Option<FileInfo?>("--settings")
        {
            Description = $"The demo's settings (default: {SettingsRelativePath}, found from the working directory upwards).",
        };
        var show = new Option<int>("--show-days")
        {
            Description = "How many of the latest days to print per workload.",
            DefaultValueFactory = _ => 30,
        };
        var storage = CommonOptions.Storage();
        var command = new Command("demo", "Run CostOps end to end on the bundled sample data and local Azurite: backfill 90 nights and show the result.")
        {
            settings, show, storage,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(stderr, async () =>
        {
            var file = parse.GetValue(settings)?.FullName ?? FindDemoSettings();
            var (lastDay, nights) = DemoPeriod(file);
            // The demo runs "the night after its data ends", so yesterday, the autopilot's window and the digest's week follow the data.
            var clock = new ShiftedClock(new DateTimeOffset(lastDay.AddDays(1).ToDateTime(new TimeOnly(2, 30)), TimeSpan.Zero));
            await stdout.WriteLineAsync(
                $"demo: the clock reads {clock.GetUtcNow():yyyy-MM-dd} (UTC), the night after the bundled data ends ({lastDay:yyyy-MM-dd}), " +
                $"so yesterday is the data's last day; the dates below follow the data, not today.");
            await using var host = await CliHost.StartAsync(file, CommonOptions.Overrides(null, parse.GetValue(storage)), stderr, cancellationToken, clock);
            var days = DayRange.Trailing(lastDay, nights);

            await stderr.WriteLineAsync($"demo: backfilling {nights} nights ({days}) for the bundled workloads");
            var recalculation = host.Services.GetRequiredService<TcoRecalculation>();
            var report = await ProgressDisplay.RunAsync(stderr, $"Nightly TCO {days}", progress =>
                recalculation.RunAsync(new TcoRunRequest(null, days, "demo"), progress, cancellationToken));
            RunSummary.Write(stdout, report);
            stdout.WriteLine();

            var catalog = host.Services.GetRequiredService<WorkloadCatalog>();
            var store = host.Services.GetRequiredService<IDailyTcoStore>();
            var shown = DayRange.Trailing(lastDay, Math.Clamp(parse.GetValue(show), 1, nights));
            foreach (var workload in catalog.Workloads)
            {
                WorkloadTcoReport.Write(stdout, workload, await store.GetRangeAsync(workload.Id, shown, cancellationToken), shown);
            }
            // What the autopilot would do tonight, from the stored rows and the demo's fleet file: a dry run that never
            // acts but records its decisions, so the digest reports the same planned actions this table shows.
            var autopilot = await host.Services.GetRequiredService<AutopilotRunner>().RunAsync(new AutopilotRunRequest("demo", AutopilotMode.DryRun), cancellationToken);
            var plan = autopilot.Plan ?? await host.Services.GetRequiredService<AutopilotPlanner>().PlanAsync(null, cancellationToken);
            AutopilotPlanTable.Write(stdout, plan);
            stdout.WriteLine();
            await DigestCommand.WriteDemoDigestAsync(host.Services, lastDay, Path.Combine(Directory.GetCurrentDirectory(), DigestCommand.DefaultOutput), stdout, cancellationToken);
            await ExportCommand.WriteDemoExportAsync(host.Services, days.From, days.To, FocusExportPath(days), stdout, cancellationToken);
            stdout.WriteLine($"Rows are stored in the DailyTco, Decisions and Runs tables of the local Azurite (data under {Path.Combine(Directory.GetCurrentDirectory(), ".costops")}).");
            return report.Run.Status == Application.Jobs.JobStatus.Succeeded ? CliApp.Ok : CliApp.Failed;
        }));
        return command;
    }

    /// <summary>Where the demo writes its FOCUS export: next to its table data, under .costops/export/.</summary>
    internal static string FocusExportPath(DayRange days) =>
        Path.Combine(Directory.GetCurrentDirectory(), ".costops", "export", $"focus-{days.From:yyyy-MM-dd}_{days.To:yyyy-MM-dd}.csv");

    private static (DateOnly LastDay, int Nights) DemoPeriod(string settingsFile)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(settingsFile, optional: false).Build();
        var lastDay = configuration["CostOps:Demo:LastDay"] is { } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new DomainValidationException("CostOps:Demo:LastDay", $"is required in {settingsFile} as yyyy-MM-dd");
        var nights = int.TryParse(configuration["CostOps:Demo:Days"] ?? "90", NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 366
            ? n
            : throw new DomainValidationException("CostOps:Demo:Days", "must be a whole number from 1 to 366");
        return (lastDay, nights);
    }

    /// <summary>The bundled demo settings, from the working directory or the program's folder upwards.</summary>
    private static string FindDemoSettings()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, SettingsRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new DomainValidationException("--settings", $"{SettingsRelativePath} was not found from {Directory.GetCurrentDirectory()} upwards; run from the repository or pass --settings");
    }
}
