using System.Globalization;
using Azure.Data.Tables;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// The <c>DailyTco</c> table: PartitionKey = workload id, RowKey = yyyy-MM-dd. Money is stored as
/// Double in USD (readable by every Table client), counts as Int64; an unknown figure is an absent
/// property, never zero.
/// </summary>
public sealed class TableDailyTcoStore(TableClient table, int maxParallelism = 4) : IDailyTcoStore
{
    private const string DayFormat = "yyyy-MM-dd";

    public async Task UpsertAsync(IReadOnlyList<DailyTcoRecord> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }
        var writer = new TableBatchWriter(table, maxParallelism);
        await writer.UpsertAsync(rows.Select(ToEntity), cancellationToken);
    }

    public async Task<IReadOnlyList<DailyTcoRecord>> GetRangeAsync(string workloadId, DayRange days, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workloadId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {workloadId} and RowKey ge {days.From.ToString(DayFormat, CultureInfo.InvariantCulture)} and RowKey le {days.To.ToString(DayFormat, CultureInfo.InvariantCulture)}");
        var rows = new List<DailyTcoRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(FromEntity(entity));
        }
        return rows.OrderBy(r => r.Tco.Day).ToList();
    }

    internal static TableEntity ToEntity(DailyTcoRecord record)
    {
        var tco = record.Tco;
        var entity = new TableEntity(record.WorkloadId, tco.Day.ToString(DayFormat, CultureInfo.InvariantCulture))
        {
            ["CostBasis"] = CostBasisName(tco.CostBasis),
            ["RecurringUsd"] = Usd(tco.Recurring),
            ["RetrainUsd"] = Usd(tco.Retrain),
            ["AmortizedUsd"] = Usd(tco.Amortized),
            ["NeverBreaksEven"] = tco.NeverBreaksEven,
            ["CapacityExceeded"] = tco.CapacityExceeded,
            ["Completeness"] = (double)tco.Completeness,
            ["PriceSource"] = record.PriceSource.Name(),
            ["CompletenessDetail"] = record.CompletenessDetail,
            ["CalcVersion"] = record.CalcVersion,
            ["RunId"] = record.RunId,
            ["ComputedAt"] = record.ComputedAt,
        };
        SetDouble(entity, "GpuHours", tco.GpuHours);
        SetDouble(entity, "GpuCostUsd", tco.GpuCost?.Usd);
        SetDouble(entity, "SelfHostedCostUsd", tco.SelfHostedCost?.Usd);
        SetCount(entity, "Requests", tco.Requests);
        SetCount(entity, "InputTokens", tco.InputTokens);
        SetCount(entity, "OutputTokens", tco.OutputTokens);
        SetCount(entity, "ApiRequests", tco.ApiRequests);
        SetDouble(entity, "ApiEquivalentCostUsd", tco.ApiEquivalentCost?.Usd);
        SetDouble(entity, "ApiActualCostUsd", tco.ApiActualCost?.Usd);
        SetDouble(entity, "SavingsUsd", tco.Savings?.Usd);
        SetDouble(entity, "BreakEvenRequestsPerMonth", tco.BreakEvenRequestsPerMonth);
        SetDouble(entity, "ProjectedRequestsPerMonth", tco.ProjectedRequestsPerMonth);
        SetDouble(entity, "DemandRatio", tco.DemandRatio);
        if (record.GpuUtilizationPercent is { } utilization)
        {
            entity["GpuUtilizationPercent"] = utilization;
        }
        if (record.PricesAsOf is { } asOf)
        {
            entity["PricesAsOf"] = asOf;
        }
        // The day's one GPU rate and its basis (calc version 2).
        SetDouble(entity, "GpuHourlyRateUsd", tco.GpuHourlyRate?.UsdPerHour);
        entity["GpuRateBasis"] = tco.GpuRateBasis.Name();
        // Served throughput per running instance (vLLM counters): the autopilot sizes scale sets from the p95.
        SetDouble(entity, "MeanTokensPerSecondPerInstance", tco.MeanTokensPerSecondPerInstance);
        SetDouble(entity, "P95TokensPerSecondPerInstance", tco.PeakTokensPerSecondPerInstance);
        return entity;
    }

    internal static DailyTcoRecord FromEntity(TableEntity entity)
    {
        var day = DateOnly.ParseExact(entity.RowKey, DayFormat, CultureInfo.InvariantCulture);
        var tco = new DailyTco(
            Day: day,
            GpuHours: Dec(entity, "GpuHours"),
            GpuCost: MoneyOf(entity, "GpuCostUsd"),
            CostBasis: ParseCostBasis(entity.GetString("CostBasis")),
            Recurring: MoneyOf(entity, "RecurringUsd") ?? Money.Zero,
            Retrain: MoneyOf(entity, "RetrainUsd") ?? Money.Zero,
            Amortized: MoneyOf(entity, "AmortizedUsd") ?? Money.Zero,
            SelfHostedCost: MoneyOf(entity, "SelfHostedCostUsd"),
            Requests: Count(entity, "Requests"),
            InputTokens: Count(entity, "InputTokens"),
            OutputTokens: Count(entity, "OutputTokens"),
            ApiRequests: Count(entity, "ApiRequests"),
            ApiEquivalentCost: MoneyOf(entity, "ApiEquivalentCostUsd"),
            ApiActualCost: MoneyOf(entity, "ApiActualCostUsd"),
            Savings: MoneyOf(entity, "SavingsUsd"),
            BreakEvenRequestsPerMonth: Dec(entity, "BreakEvenRequestsPerMonth"),
            ProjectedRequestsPerMonth: Dec(entity, "ProjectedRequestsPerMonth"),
            DemandRatio: Dec(entity, "DemandRatio"),
            NeverBreaksEven: entity.GetBoolean("NeverBreaksEven") ?? false,
            CapacityExceeded: entity.GetBoolean("CapacityExceeded") ?? false,
            Completeness: Dec(entity, "Completeness") ?? 0m,
            // The day's one GPU rate and its basis (calc version 2; older rows have neither: unknown).
            GpuHourlyRate: Dec(entity, "GpuHourlyRateUsd") is { } rate and >= 0m ? new HourlyRate(rate) : null,
            GpuRateBasis: GpuRateBases.Parse(entity.GetString("GpuRateBasis")),
            MeanTokensPerSecondPerInstance: Dec(entity, "MeanTokensPerSecondPerInstance"),
            PeakTokensPerSecondPerInstance: Dec(entity, "P95TokensPerSecondPerInstance"));
        return new DailyTcoRecord(
            entity.PartitionKey,
            tco,
            entity.ReadDouble("GpuUtilizationPercent"),
            PriceSources.Parse(entity.GetString("PriceSource")),
            entity.GetDateTimeOffset("PricesAsOf"),
            entity.GetString("CompletenessDetail") ?? "",
            entity.GetInt32("CalcVersion") ?? 0,
            entity.GetString("RunId") ?? "",
            entity.GetDateTimeOffset("ComputedAt") ?? DateTimeOffset.MinValue);
    }

    private static double Usd(Money money) => (double)money.Usd;

    private static void SetDouble(TableEntity entity, string name, decimal? value)
    {
        if (value is { } v)
        {
            entity[name] = (double)v;
        }
    }

    private static void SetCount(TableEntity entity, string name, decimal? value)
    {
        if (value is { } v)
        {
            entity[name] = (long)Math.Round(v, MidpointRounding.AwayFromZero);
        }
    }

    private static decimal? Dec(TableEntity entity, string name) => entity.ReadDouble(name) is { } d ? (decimal)d : null;

    private static Money? MoneyOf(TableEntity entity, string name) => Dec(entity, name) is { } usd ? new Money(usd) : null;

    private static decimal? Count(TableEntity entity, string name) => entity.ReadInt64(name) is { } n ? n : null;

    internal static string CostBasisName(CostBasis basis) => basis switch
    {
        CostBasis.AmortizedActual => "amortized-actual",
        CostBasis.Estimated => "estimated",
        _ => "unknown",
    };

    private static CostBasis ParseCostBasis(string? name) => name switch
    {
        "amortized-actual" => CostBasis.AmortizedActual,
        "estimated" => CostBasis.Estimated,
        _ => CostBasis.Unknown,
    };
}
