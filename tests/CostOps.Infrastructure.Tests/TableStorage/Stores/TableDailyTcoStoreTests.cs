using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage.Stores;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TableDailyTcoStoreTests(AzuriteFixture azurite)
{
    private static readonly DateOnly s_day = new(2026, 11, 20);

    internal static DailyTcoRecord Row(string workload, DateOnly day, decimal? requests = 2400m, string runId = "run-1") => new(
        workload,
        new DailyTco(
            day, 24m, new Money(19.5m), CostBasis.AmortizedActual, new Money(10m), new Money(3.3333m), new Money(4.1234m),
            new Money(36.9567m), requests, requests * 1000m, requests * 500m, 120m, new Money(24m), new Money(1.2m),
            new Money(-12.9567m), 73_000m, 73_000m, 1.0001m, false, false, 0.95m,
            MeanTokensPerSecondPerInstance: 812.5m, PeakTokensPerSecondPerInstance: 1_436.25m),
        41.5, PriceSource.ActualCost, null, "fleet 23/24", DailyTcoRecord.CurrentCalcVersion, runId,
        new DateTimeOffset(2026, 11, 21, 1, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task Rows_RoundTrip_WithUnknownFiguresStayingUnknown()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var store = new TableDailyTcoStore(tables.Table);
        var known = Row("w1", s_day.AddDays(-1), requests: null);
        var unknown = known with { GpuUtilizationPercent = null, Tco = known.Tco with { MeanTokensPerSecondPerInstance = null, PeakTokensPerSecondPerInstance = null } };

        await store.UpsertAsync([Row("w1", s_day), unknown]);
        var read = await store.GetRangeAsync("w1", new DayRange(s_day.AddDays(-1), s_day));

        Assert.Equal(2, read.Count);
        Assert.Equal(Row("w1", s_day), read[1]);
        Assert.Null(read[0].Tco.Requests);
        Assert.Null(read[0].Tco.InputTokens);
        Assert.Null(read[0].GpuUtilizationPercent);
        Assert.Null(read[0].Tco.MeanTokensPerSecondPerInstance);
        Assert.Null(read[0].Tco.PeakTokensPerSecondPerInstance);
        Assert.Equal((812.5m, 1_436.25m), (read[1].Tco.MeanTokensPerSecondPerInstance, read[1].Tco.PeakTokensPerSecondPerInstance));
        Assert.Equal(120m, read[0].Tco.ApiRequests);
    }

    [Fact]
    public async Task RewritingTheSameWorkloadDay_ReplacesTheRow()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var store = new TableDailyTcoStore(tables.Table);

        await store.UpsertAsync([Row("w1", s_day, 100m, "run-1")]);
        await store.UpsertAsync([Row("w1", s_day, 200m, "run-2")]);
        var read = await store.GetRangeAsync("w1", DayRange.OneDay(s_day));

        var row = Assert.Single(read);
        Assert.Equal(200m, row.Tco.Requests);
        Assert.Equal("run-2", row.RunId);
    }

    [Fact]
    public async Task Upsert_BatchesEachWorkloadsDaysIntoTransactionsOfAHundred()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var store = new TableDailyTcoStore(tables.Table);
        var rows = new DayRange(s_day.AddDays(-149), s_day).EachDay().SelectMany(d => new[] { Row("a", d), Row("b", d) }).ToList();
        var before = tables.Counter.Count;

        await store.UpsertAsync(rows);

        // 150 days x 2 workloads: ceil(150 / 100) = 2 transactions per partition.
        Assert.Equal(4, tables.Counter.Count - before);
        Assert.Equal(150, (await store.GetRangeAsync("b", new DayRange(s_day.AddDays(-200), s_day))).Count);
    }

    [Fact]
    public async Task GetRange_ReadsOnlyThatWorkloadAndThoseDays()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var store = new TableDailyTcoStore(tables.Table);
        await store.UpsertAsync([Row("a", s_day.AddDays(-2)), Row("a", s_day.AddDays(-1)), Row("a", s_day), Row("ab", s_day)]);

        var read = await store.GetRangeAsync("a", new DayRange(s_day.AddDays(-1), s_day));

        Assert.Equal([s_day.AddDays(-1), s_day], read.Select(r => r.Tco.Day));
        Assert.All(read, r => Assert.Equal("a", r.WorkloadId));
    }
}
