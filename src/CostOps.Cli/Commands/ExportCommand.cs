using System.CommandLine;
using System.Globalization;
using CostOps.Application.Export;
using CostOps.Cli.Hosting;
using CostOps.Cli.Output;
using CostOps.Domain.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Cli.Commands;

/// <summary>
/// <c>costops export focus --from D --to D [--workload ID]... [--out FILE]</c>: the stored DailyTco rows as a FOCUS 1.2
/// CSV for FinOps tools. <c>--out -</c> or no <c>--out</c> writes the CSV to stdout; the summary goes to stderr.
/// </summary>
internal static class ExportCommand
{
    // The service names fields as the HTTP API does; the command line names its options.
    private static readonly Dictionary<string, string> _optionOf = new(StringComparer.Ordinal)
    {
        ["from"] = "--from",
        ["to"] = "--to",
        ["workloadIds"] = "--workload",
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var settings = CommonOptions.Settings();
        var catalog = CommonOptions.Catalog();
        var storage = CommonOptions.Storage();
        var workloads = CommonOptions.Workloads();
        var from = new Option<string?>("--from") { Description = "First UTC day to export, yyyy-MM-dd (required)." };
        var to = new Option<string?>("--to") { Description = "Last UTC day to export, yyyy-MM-dd (required; at most 366 days)." };
        var output = new Option<string?>("--out")
        {
            Description = "The CSV file to write; '-' or none writes to stdout.",
        };
        var focus = new Command("focus", "Write the stored per-workload, per-day TCO as a FOCUS 1.2 CSV (EffectiveCost = the self-hosted cost; CostOps' figures in x_ columns).")
        {
            settings, catalog, storage, workloads, from, to, output,
        };
        focus.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(stderr, async () =>
        {
            var request = new FocusExportRequest(
                Day("--from", parse.GetValue(from)),
                Day("--to", parse.GetValue(to)),
                parse.GetValue(workloads) is { Length: > 0 } ids ? ids : null);
            var path = parse.GetValue(output) is { Length: > 0 } given && given != "-" ? Path.GetFullPath(given) : null;
            await using var host = await CliHost.StartAsync(parse.GetValue(settings)?.FullName, CommonOptions.Overrides(parse.GetValue(catalog), parse.GetValue(storage)), stderr, cancellationToken);
            var export = host.Services.GetRequiredService<FocusExport>();
            if (export.Validate(request) is { Count: > 0 } errors)
            {
                throw new DomainValidationException([.. errors.Select(e => e with { Field = _optionOf.GetValueOrDefault(e.Field, e.Field) })]);
            }
            var result = await WriteAsync(export, request, path, stdout, cancellationToken);
            await stderr.WriteLineAsync(Summary(result, request, path ?? "stdout"));
            return CliApp.Ok;
        }));
        return new Command("export", "Export stored results for other tools.") { focus };
    }

    /// <summary>The demo's export: every workload from <paramref name="first"/> to <paramref name="last"/> into <paramref name="path"/>, and one line saying where.</summary>
    public static async Task WriteDemoExportAsync(IServiceProvider services, DateOnly first, DateOnly last, string path, TextWriter stdout, CancellationToken cancellationToken)
    {
        var request = new FocusExportRequest(first, last);
        var result = await WriteAsync(services.GetRequiredService<FocusExport>(), request, path, stdout, cancellationToken);
        await stdout.WriteLineAsync($"FOCUS 1.2 export of {first:yyyy-MM-dd}..{last:yyyy-MM-dd} ({result.Rows} rows, {result.Workloads} workloads) written to {path}.");
    }

    internal static string Summary(FocusExportResult result, FocusExportRequest request, string where)
    {
        var unknown = result.UnknownCostDays == 0
            ? string.Empty
            : $"; {result.UnknownCostDays} workload-day(s) with an unknown self-hosted cost left out (FOCUS costs cannot be empty, and unknown is not 0)";
        return string.Create(CultureInfo.InvariantCulture,
            $"exported {result.Rows} FOCUS {FocusColumns.FocusVersion} rows ({result.Workloads} workloads, {request.From:yyyy-MM-dd}..{request.To:yyyy-MM-dd}) to {where}{unknown}");
    }

    private static async Task<FocusExportResult> WriteAsync(FocusExport export, FocusExportRequest request, string? path, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            await using var console = new TextWriterStream(stdout);
            return await export.WriteAsync(request, console, cancellationToken);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written next to the target and moved over it: a failed export never leaves half a file under the asked name.
        var partial = path + ".partial";
        FocusExportResult result;
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            result = await export.WriteAsync(request, file, cancellationToken);
        }
        File.Move(partial, path, overwrite: true);
        return result;
    }

    private static DateOnly Day(string option, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainValidationException(option, "is required, as yyyy-MM-dd");
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new DomainValidationException(option, $"must be a date as yyyy-MM-dd (was '{text}')");
    }
}
