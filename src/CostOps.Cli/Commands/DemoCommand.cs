using System.CommandLine;
using System.Globalization;
using CostOps.Application.Catalog;
using CostOps.Application.Nightly;
using CostOps.Application.Ports;
using CostOps.Cli.Hosting;
using CostOps.Cli.Output;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Cli.Commands;

/// <summary>
/// <c>costops demo</c>: everything on the embedded default. Azurite (local, under .costops/) plus the
/// bundled samples/demo (a catalog of three workloads and 96 days of telemetry exports): backfill 90
/// nights, then print the last 30 days per workload with a verdict each.
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
            await using var host = await CliHost.StartAsync(file, CommonOptions.Overrides(null, parse.GetValue(storage)), stderr, cancellationToken);
            var configuration = host.Services.GetRequiredService<IConfiguration>();
            var lastDay = DateOnly.ParseExact(configuration["CostOps:Demo:LastDay"] ?? throw new DomainValidationException("CostOps:Demo:LastDay", "is required in the demo settings"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var nights = int.Parse(configuration["CostOps:Demo:Days"] ?? "90", CultureInfo.InvariantCulture);
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
                WorkloadTcoReport.Write(stdout, workload, await store.GetRangeAsync(workload.Id, shown, cancellationToken));
            }
            await DigestCommand.WriteDemoDigestAsync(host.Services, lastDay, Path.Combine(Directory.GetCurrentDirectory(), DigestCommand.DefaultOutput), stdout, cancellationToken);
            stdout.WriteLine($"Rows are stored in the DailyTco and Runs tables of the local Azurite (data under {Path.Combine(Directory.GetCurrentDirectory(), ".costops")}).");
            return report.Run.Status == Application.Jobs.JobStatus.Succeeded ? CliApp.Ok : CliApp.Failed;
        }));
        return command;
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
