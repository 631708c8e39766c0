using System.Globalization;
using CostOps.Application.Telemetry;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Time;
using CostOps.Infrastructure.CostManagement;
using CostOps.Infrastructure.Pipeline;
using CsvHelper;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Files;

/// <summary>
/// Daily resource costs from FOCUS 1.x cost exports (CSV, columns read by header name, in any order and case):
/// <c>ChargePeriodStart</c>, <c>ResourceId</c>, <c>EffectiveCost</c> (amortized; preferred) or else <c>BilledCost</c>,
/// <c>BillingCurrency</c>, and Microsoft's <c>x_EffectiveCostInUsd</c> / <c>x_BilledCostInUsd</c> when present.
/// Rows without a resource id (taxes, credits, commitment purchases) are not resource costs and are skipped.
/// A cell holding the literal text <c>NULL</c> (how SQL-dumped FOCUS data writes a null) is read as empty.
/// Facts are built by the same code as the Cost Management adapter.
/// </summary>
/// <remarks>
/// When the export has <c>ConsumedQuantity</c> and <c>ConsumedUnit</c>, the rows measured in hours are also the
/// resources' running (billed) instance-hours per day, so a workload can bind this source as its <c>fleet</c>: its
/// actual cost and running hours then come from the same rows, and their ratio is the day's GPU rate.
/// </remarks>
internal sealed class FocusCostFileSource : IResourceCostSource, IFleetStateSource
{
    // Strict: a ragged or badly quoted export is an error, not something to guess around.
    private static readonly CsvReaderOptions _readerOptions = new()
    {
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        // Cost rows may name customers' resources; keep field values out of exception messages.
        IncludeValuesInExceptions = false,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private readonly SourceContext _source;
    private readonly string _path;
    private readonly ILogger _logger;

    public FocusCostFileSource(string sourceName, string path, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(logger);
        _source = new SourceContext(sourceName, "FOCUS cost export");
        _path = path;
        _logger = logger;
    }

    public Task<TelemetryResult<ResourceCostFact>> GetDailyCostsAsync(ResourceCostQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = new List<CostRow>();
        ResourceCostBasis? basis = null;
        foreach (var file in ExportFiles.Resolve(_path, ".csv", _source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (fileBasis, fileRows, _) = Read(file);
            if (basis is { } b && b != fileBasis)
            {
                throw _source.Error($"mixes amortized (EffectiveCost) and billed-only files; '{file}' differs from the others.");
            }
            basis = fileBasis;
            rows.AddRange(fileRows);
        }
        var result = DailyCostFacts.Of(rows, query, basis ?? ResourceCostBasis.Amortized, _source);
        TelemetryLog.ReadFacts(_logger, _source.Name, "FOCUS cost", result.Facts.Count, result.Issues.Count, result.Facts.Select(f => f.Completeness));
        return Task.FromResult(result);
    }

    /// <summary>
    /// Running instance-hours per resource and day: the sum of <c>ConsumedQuantity</c> over the day's rows whose
    /// <c>ConsumedUnit</c> is hours. A day without such a row is unknown (null, 0/1), never zero hours.
    /// </summary>
    public Task<TelemetryResult<RunningHoursFact>> GetDailyRunningHoursAsync(FleetQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var hours = new Dictionary<(string, DateOnly), double>();
        foreach (var file in ExportFiles.Resolve(_path, ".csv", _source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (resourceId, day, consumed) in Read(file).Hours.Where(h => query.Days.Contains(h.Day)))
            {
                var key = (resourceId.ToLowerInvariant(), day);
                hours[key] = hours.GetValueOrDefault(key) + (double)consumed;
            }
        }
        var facts = new List<RunningHoursFact>();
        foreach (var resourceId in query.ResourceIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var kind = resourceId.Contains("/virtualMachineScaleSets/", StringComparison.OrdinalIgnoreCase) ? ComputeResourceKind.ScaleSet : ComputeResourceKind.VirtualMachine;
            foreach (var day in query.Days.EachDay())
            {
                facts.Add(hours.TryGetValue((resourceId.ToLowerInvariant(), day), out var value)
                    ? new RunningHoursFact(resourceId, kind, day, value, Completeness.Full(1))
                    : new RunningHoursFact(resourceId, kind, day, null, Completeness.Missing(1)));
            }
        }
        TelemetryLog.ReadFacts(_logger, _source.Name, "FOCUS running hours", facts.Count, 0, facts.Select(f => f.Completeness));
        return Task.FromResult(TelemetryResult<RunningHoursFact>.Of(facts));
    }

    private (ResourceCostBasis Basis, List<CostRow> Rows, List<(string ResourceId, DateOnly Day, decimal Hours)> Hours) Read(string file)
    {
        var source = _source.For($"FOCUS cost export '{Path.GetFileName(file)}'");
        using var stream = ExportFiles.Open(file, source);
        using var csv = CsvReader.Create(stream, _readerOptions, leaveOpen: false);
        try
        {
            // Header names are matched exactly first, then ignoring case and surrounding whitespace.
            int Required(string name) => csv.TryGetFieldIndex(name, out var at) ? at : throw TelemetryHttp.Malformed(source, $"no {name} column.");
            int? Optional(string name) => csv.TryGetFieldIndex(name, out var at) ? at : null;
            if (csv.Headers.Count == 0)
            {
                throw TelemetryHttp.Malformed(source, "the file has no header row.");
            }

            var start = Required("ChargePeriodStart");
            var resource = Required("ResourceId");
            var (basis, cost, costUsd) = Optional("EffectiveCost") is { } effective
                ? (ResourceCostBasis.Amortized, effective, Optional("x_EffectiveCostInUsd"))
                : Optional("BilledCost") is { } billed
                    ? (ResourceCostBasis.Billed, billed, Optional("x_BilledCostInUsd"))
                    : throw TelemetryHttp.Malformed(source, "neither an EffectiveCost nor a BilledCost column.");
            var currency = Optional("BillingCurrency");
            var (quantity, unit) = (Optional("ConsumedQuantity"), Optional("ConsumedUnit"));

            var rows = new List<CostRow>();
            var hours = new List<(string, DateOnly, decimal)>();
            while (csv.Read())
            {
                var row = csv.RowNumber;
                if (Cell(csv.GetString(resource)) is not { } resourceId)
                {
                    continue;
                }
                var day = Day(csv.GetString(start), row, source);
                rows.Add(new CostRow(
                    resourceId,
                    day,
                    Money(csv.GetString(cost), row, source) ?? throw TelemetryHttp.Malformed(source, $"row {row} has no cost."),
                    currency is { } c ? Cell(csv.GetString(c)) : null,
                    costUsd is { } u ? Money(csv.GetString(u), row, source) : null));
                if (quantity is { } q && unit is { } un && IsHours(csv.GetString(un)) && Money(csv.GetString(q), row, source) is { } consumed and >= 0m)
                {
                    hours.Add((resourceId.Trim(), day, consumed));
                }
            }
            return (basis, rows, hours);
        }
        catch (CsvFormatException exception)
        {
            throw TelemetryHttp.Malformed(source, $"not readable as CSV at record {exception.RecordNumber}.");
        }
    }

    // FOCUS leaves the unit's spelling to the provider: Microsoft writes "Hours", others "Hour" or "Hrs".
    private static bool IsHours(string? unit) =>
        unit?.Trim().ToLowerInvariant() is "hours" or "hour" or "hrs" or "hr" or "1 hour";

    // FOCUS marks absent values with empty cells; SQL dumps of FOCUS tables (the FinOps Foundation's sample data among
    // them) write the text NULL instead. A resource id, currency or cost that reads "NULL" is absent, not a value.
    private static string? Cell(string? value) =>
        string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), "NULL", StringComparison.OrdinalIgnoreCase) ? null : value.Trim();

    private static decimal? Money(string? text, long line, SourceContext source) =>
        Cell(text) is not { } cell ? null
        : decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw TelemetryHttp.Malformed(source, $"row {line}: '{text}' is not a number.");

    private static DateOnly Day(string? text, long line, SourceContext source) =>
        DateTimeOffset.TryParse(Cell(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? DayRange.DayOf(instant)
            : throw TelemetryHttp.Malformed(source, $"row {line}: ChargePeriodStart '{text}' is not a date.");
}
