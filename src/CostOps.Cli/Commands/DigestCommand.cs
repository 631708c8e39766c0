using System.CommandLine;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using CostOps.Application.Jobs;
using CostOps.Cli.Hosting;
using CostOps.Domain.Validation;
using CostOps.Infrastructure.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Cli.Commands;

/// <summary>
/// <c>costops digest [--week YYYY-Www] [--out DIR] [--force]</c>: the WeeklyDigest job for one week, run here. Writes
/// the card JSON, HTML and text into <c>--out</c> every time, and posts through the transports <c>CostOps:Digest</c>
/// configures (once per week unless <c>--force</c>); the run is recorded in <c>Runs</c> like the timer's.
/// </summary>
internal static class DigestCommand
{
    public const string DefaultOutput = "digest";

    public static Command Create(TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        var settings = CommonOptions.Settings();
        var catalog = CommonOptions.Catalog();
        var week = new Option<IsoWeek?>("--week")
        {
            Description = "The ISO week, YYYY-Www (default: the last completed week). It must have ended.",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (IsoWeek.TryParse(text, out var parsed))
                {
                    return parsed;
                }
                result.AddError($"--week must be an ISO week as YYYY-Www, e.g. 2026-W47 (was '{text}')");
                return null;
            },
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Where to write digest-YYYY-Www.card.json, .html and .txt (default: ./digest).",
            DefaultValueFactory = _ => new DirectoryInfo(DefaultOutput),
        };
        var force = new Option<bool>("--force")
        {
            Description = "Post again through transports that already delivered this week.",
        };
        var command = new Command("digest", "Build the weekly digest from the stored rows, write it to files and post it through the configured transports.")
        {
            settings, catalog, week, output, force,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(stderr, async () =>
        {
            var now = time.GetUtcNow();
            var chosen = parse.GetValue(week) ?? IsoWeek.LastCompleted(now);
            if (now < chosen.EndsAt)
            {
                throw new DomainValidationException("--week", $"{chosen} has not ended yet (it ends {chosen.EndsAt:yyyy-MM-dd HH:mm} UTC); a digest is posted for a completed week");
            }
            var directory = parse.GetValue(output)!.FullName;
            await using var host = await CliHost.StartAsync(parse.GetValue(settings)?.FullName, CommonOptions.Overrides(parse.GetValue(catalog)), stderr, cancellationToken);

            var report = await host.Services.GetRequiredService<WeeklyDigestJob>().RunWeekAsync(chosen, parse.GetValue(force), "cli", cancellationToken);
            var digest = report.Result.Digest;
            await WriteFilesAsync(host.Services, digest, directory, cancellationToken);

            await stdout.WriteLineAsync($"digest {chosen} ({chosen.Monday:yyyy-MM-dd}..{chosen.Sunday:yyyy-MM-dd}): {digest.Workloads.Count} workloads, {digest.WarningCount} warnings");
            foreach (var name in DigestFileSink.FileNames(chosen))
            {
                await stdout.WriteLineAsync($"wrote {Path.Combine(directory, name)}");
            }
            if (report.Result.Outcomes.Count == 0)
            {
                await stdout.WriteLineAsync("transports: none configured (CostOps:Digest), nothing posted");
            }
            foreach (var outcome in report.Result.Outcomes)
            {
                await stdout.WriteLineAsync($"transport {WeeklyDigestJob.Describe(outcome)}");
            }
            await stdout.WriteLineAsync($"run {report.Run.RunId}: {report.Run.Status}");
            return report.Run.Status == JobStatus.Succeeded ? CliApp.Ok : CliApp.Failed;
        }));
        return command;
    }

    /// <summary>
    /// The demo's digest: the last ISO week that ends on or before <paramref name="lastDay"/>, rendered from the stored
    /// rows into <paramref name="directory"/> (not posted anywhere), and one line saying where.
    /// </summary>
    public static async Task WriteDemoDigestAsync(IServiceProvider services, DateOnly lastDay, string directory, TextWriter stdout, CancellationToken cancellationToken)
    {
        var week = IsoWeek.FromDate(lastDay.AddDays(1)).Previous();
        var (digest, rendered) = await services.GetRequiredService<WeeklyDigestService>().RenderAsync(week, cancellationToken);
        await WriteAsync(services, rendered, directory, cancellationToken);
        await stdout.WriteLineAsync($"Weekly digest of {week} ({digest.Workloads.Count} workloads, {digest.WarningCount} warnings) written to {Path.Combine(directory, DigestFileSink.FileNames(week)[1])} (and .card.json, .txt).");
    }

    // Through the file sink, but not through the publisher: --out is written on every run, posted or not.
    private static Task WriteFilesAsync(IServiceProvider services, WeeklyDigest digest, string directory, CancellationToken cancellationToken) =>
        WriteAsync(services, services.GetRequiredService<DigestRenderer>().Render(digest), directory, cancellationToken);

    private static async Task WriteAsync(IServiceProvider services, RenderedDigest rendered, string directory, CancellationToken cancellationToken)
    {
        var sink = new DigestFileSink(
            Options.Create(new DigestOptions { OutputDirectory = directory }),
            services.GetRequiredService<ILogger<DigestFileSink>>());
        try
        {
            await sink.SendAsync(rendered, cancellationToken);
        }
        catch (DigestTransportException exception)
        {
            throw new IOException(exception.Message, exception);
        }
    }
}
