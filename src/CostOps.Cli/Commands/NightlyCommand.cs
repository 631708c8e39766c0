using System.CommandLine;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Cli.Hosting;
using CostOps.Cli.Output;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Cli.Commands;

/// <summary><c>costops nightly [--date D | --from D --to D]</c>: the NightlyTco job, run here.</summary>
internal static class NightlyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        var settings = CommonOptions.Settings();
        var catalog = CommonOptions.Catalog();
        var workloads = CommonOptions.Workloads();
        var storage = CommonOptions.Storage();
        var date = CommonOptions.Date("--date", "The UTC day to compute, yyyy-MM-dd (default: yesterday; only whole past days).");
        var from = CommonOptions.Date("--from", "First UTC day of a backfill (with --to).");
        var to = CommonOptions.Date("--to", "Last UTC day of a backfill (with --from).");
        var command = new Command("nightly", "Recompute the observed TCO per workload and day and store it (the NightlyTco job, run locally).")
        {
            settings, catalog, storage, workloads, date, from, to,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(stderr, async () =>
        {
            var ids = parse.GetValue(workloads) is { Length: > 0 } selected ? selected : null;
            var request = Request(ids, parse.GetValue(date), parse.GetValue(from), parse.GetValue(to), time);
            var days = request.Days;
            // The use case refuses unfinished days too; asking first spares starting storage for a request it would refuse.
            if (request.CheckDays(time) is { Count: > 0 } unfinished)
            {
                throw new DomainValidationException(unfinished);
            }
            await using var host = await CliHost.StartAsync(parse.GetValue(settings)?.FullName, CommonOptions.Overrides(parse.GetValue(catalog), parse.GetValue(storage)), stderr, cancellationToken);
            var recalculation = host.Services.GetRequiredService<TcoRecalculation>();
            var report = await ProgressDisplay.RunAsync(stderr, $"TCO {days}", progress =>
                recalculation.RunAsync(request, progress, cancellationToken));
            RunSummary.Write(stdout, report);
            return report.Run.Status == JobStatus.Succeeded ? CliApp.Ok : CliApp.Failed;
        }));
        return command;
    }

    /// <summary>The run request of the options, with the options' names for the refusal of unfinished days.</summary>
    internal static TcoRunRequest Request(IReadOnlyList<string>? ids, DateOnly? date, DateOnly? from, DateOnly? to, TimeProvider time)
    {
        var days = Days(date, from, to, time);
        return from is not null
            ? new TcoRunRequest(ids, days, "cli", FromField: "--from", ToField: "--to")
            : new TcoRunRequest(ids, days, "cli", FromField: "--date", ToField: "--date");
    }

    internal static DayRange Days(DateOnly? date, DateOnly? from, DateOnly? to, TimeProvider time)
    {
        if (date is not null && (from is not null || to is not null))
        {
            throw new DomainValidationException("--date", "give --date, or --from with --to, not both");
        }
        if ((from is null) != (to is null))
        {
            throw new DomainValidationException(from is null ? "--from" : "--to", "--from and --to go together");
        }
        if (from is { } first && to is { } last)
        {
            if (last < first)
            {
                throw new DomainValidationException("--to", $"{last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}");
            }
            if (last.DayNumber - first.DayNumber >= 366)
            {
                throw new DomainValidationException("--from", "a backfill covers at most 366 days");
            }
            return new DayRange(first, last);
        }
        return DayRange.OneDay(date ?? DayRange.Yesterday(time));
    }
}
