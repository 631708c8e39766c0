using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.Nightly.FanOut;
using CostOps.Application.Ports;
using CostOps.Application.PriceBook;
using CostOps.Application.Telemetry;
using CostOps.Application.Results;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Application.Tests.Nightly.FanOut;

/// <summary>The fan-out's pure parts: shards by source scope, the night's tally, and one delivery's report.</summary>
public sealed class FanOutTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 21, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly s_day = new(2026, 11, 20);
    private const string Sub1 = "00000000-0000-0000-0000-000000000001";
    private const string Sub2 = "00000000-0000-0000-0000-000000000002";

    private static string Vm(string subscription, int n) => $"/subscriptions/{subscription}/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/vm-{n}";

    private static WorkloadCatalog Catalog(params (string Id, string Source, string Subscription, string Region)[] workloads)
    {
        var items = string.Join(",", workloads.Select((w, i) => $$"""
            {
              "id": "{{w.Id}}", "goLive": "2026-01-01",
              "selfHosted": { "resources": [ "{{Vm(w.Subscription, i)}}" ], "region": "{{w.Region}}", "gpuHourly": 1.0, "tokensPerSecondPerInstance": 2500, "targetUtilization": 0.8 },
              "api": { "model": "gpt-5.4" },
              "telemetry": { "selfHostedUsage": { "source": "{{w.Source}}", "labelSelector": "sel-{{w.Id}}" } }
            }
            """));
        var sources = workloads.Select(w => w.Source).Distinct().ToList();
        return WorkloadCatalogReader.Parse($$"""{ "workloads": [ {{items}} ] }""", PriceBookReader.LoadDefault(), sources, "catalog.json");
    }

    [Fact]
    public void Workloads_SharingSubscriptionRegionAndSources_AreOneShard_AndShardIdsFollowTheScopeOrder()
    {
        var catalog = Catalog(
            ("a", "prom-east", Sub1, "eastus"),
            ("b", "prom-west", Sub1, "westus"),
            ("c", "prom-east", Sub1, "eastus"),
            ("d", "prom-east", Sub2, "eastus"));

        var shards = NightlyShardPlanner.Plan(catalog.Workloads);

        Assert.Equal(
            [("s01", $"subscription {Sub1}; region eastus; sources prom-east", "a,c"), ("s02", $"subscription {Sub1}; region westus; sources prom-west", "b"), ("s03", $"subscription {Sub2}; region eastus; sources prom-east", "d")],
            shards.Select(s => (s.ShardId, s.Scope, string.Join(",", s.WorkloadIds))));
    }

    [Fact]
    public void TheNight_IsRunningUntilEveryShardSettled_ThenPartial_NamingTheFailedShard()
    {
        var night = Message("s01", 3);
        ShardState State(string id, ShardStatus status, int rows) => new(id, $"scope {id}", [$"w-{id}"], status, status == ShardStatus.Failed ? 5 : 1, status == ShardStatus.Succeeded ? 1 : 0, status == ShardStatus.Failed ? 1 : 0, rows, 2, status == ShardStatus.Failed ? ["w-s03: prometheus: 503"] : [], s_now);

        var running = NightTally.Of(night, [State("s01", ShardStatus.Succeeded, 1), State("s02", ShardStatus.Retrying, 0), State("s03", ShardStatus.Failed, 0)], s_now);
        var settled = NightTally.Of(night, [State("s01", ShardStatus.Succeeded, 1), State("s02", ShardStatus.Succeeded, 1), State("s03", ShardStatus.Failed, 0)], s_now);

        Assert.Equal((JobStatus.Running, new ShardCounts(3, 1, 1)), (running.Status, running.Shards));
        Assert.Equal(s_now, running.HeartbeatAt);
        Assert.Equal((JobStatus.Partial, new ShardCounts(3, 2, 1), 2, 1, 2), (settled.Status, settled.Shards, settled.WorkloadsOk, settled.WorkloadsFailed, settled.RowsWritten));
        var error = Assert.Single(settled.Errors);
        Assert.StartsWith("shard s03 (scope s03; workloads w-s03) failed after 5 deliveries and is in the poison queue: w-s03: prometheus: 503", error, StringComparison.Ordinal);
        Assert.Null(settled.HeartbeatAt);
    }

    [Fact]
    public async Task AFailedDelivery_IsRetrying_UntilTheLastOne_WhichRecordsTheShardFailed()
    {
        var world = new ShardWorld(failing: true);

        var first = await world.Runner.RunAsync(Message("s01", 1), delivery: 1, maxDeliveries: 3);
        var last = await world.Runner.RunAsync(Message("s01", 1), delivery: 3, maxDeliveries: 3);

        Assert.Equal(ShardStatus.Retrying, first.Status);
        Assert.Equal(JobStatus.Running, first.Night.Status);
        Assert.Equal(ShardStatus.Failed, last.Status);
        Assert.Equal(JobStatus.Failed, last.Night.Status);
        Assert.Equal(JobStatus.Failed, Assert.Single(world.Runs.Runs).Status);
    }

    [Fact]
    public async Task ARedeliveredShard_ReplacesItsRowsAndItsReport_NeverCountingTwice()
    {
        var world = new ShardWorld(failing: false);

        await world.Runner.RunAsync(Message("s01", 1), delivery: 1, maxDeliveries: 5);
        var again = await world.Runner.RunAsync(Message("s01", 1), delivery: 2, maxDeliveries: 5);

        Assert.Equal((JobStatus.Succeeded, 1, 1), (again.Night.Status, again.Night.WorkloadsOk, again.Night.RowsWritten));
        Assert.Single(world.Store.Rows);
        Assert.Equal("night-1", world.Store.Rows.Values.Single().RunId);
    }

    [Fact]
    public async Task ALateFailedDuplicate_OfASucceededShard_LeavesTheSuccessStanding()
    {
        var world = new ShardWorld(failing: false);
        await world.Runner.RunAsync(Message("s01", 1), delivery: 1, maxDeliveries: 5);
        world.Usage.Fail = true;

        var duplicate = await world.Runner.RunAsync(Message("s01", 1), delivery: 5, maxDeliveries: 5);

        Assert.Equal(ShardStatus.Succeeded, duplicate.Status);
        Assert.Equal(JobStatus.Succeeded, duplicate.Night.Status);
    }

    [Theory]
    [InlineData("Fanout", true)]
    [InlineData("singleinstance", true)]
    [InlineData("Queue", false)]
    public void TheMode_IsSingleInstanceOrFanOut_ElseRefusedNamingTheKey(string mode, bool valid)
    {
        var result = new NightlyOptionsValidator().Validate(null, new NightlyOptions { Mode = mode });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("CostOps:Nightly:Mode must be SingleInstance or FanOut (was 'Queue')", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AShardMessage_RoundTrips_AndAMalformedOneSaysWhatIsWrong()
    {
        var message = Message("s02", 3);

        Assert.Equal(message.ToJson(), ShardMessage.Parse(message.ToJson()).ToJson());
        Assert.Contains("\"nightRunId\":\"night-1\"", message.ToJson(), StringComparison.Ordinal);
        Assert.StartsWith("Not a shard message: ", Assert.Throws<FormatException>(() => ShardMessage.Parse("{")).Message, StringComparison.Ordinal);
        Assert.Contains("nightRunId", Assert.Throws<FormatException>(() => ShardMessage.Parse("{}")).Message, StringComparison.Ordinal);
        Assert.Equal("The shard message needs nightRunId, shardId and workloadIds.", Assert.Throws<FormatException>(() => ShardMessage.Parse("null")).Message);
    }

    private static ShardMessage Message(string shardId, int shardCount) =>
        new("night-1", s_now, "timer", s_day, s_day, shardId, "scope " + shardId, shardCount, ["a"]);

    private sealed class ShardWorld
    {
        public ShardWorld(bool failing)
        {
            Usage = new SwitchableUsage { Fail = failing };
            var catalog = Catalog(("a", "prometheus", Sub1, "eastus"));
            var time = new FakeTimeProvider(s_now);
            var calls = new UpstreamCallCounter();
            var recalculation = new TcoRecalculation(
                catalog, new TelemetryGatherer(new FakeSources().Add("prometheus", Usage)), Store, Runs, calls, time,
                Options.Create(new NightlyOptions()), NullLogger<TcoRecalculation>.Instance);
            Runner = new NightlyShardRunner(recalculation, Ledger, Runs, calls, time, NullLogger<NightlyShardRunner>.Instance);
        }

        public SwitchableUsage Usage { get; }

        public InMemoryDailyTcoStore Store { get; } = new();

        public InMemoryRunStore Runs { get; } = new();

        public InMemoryShardLedger Ledger { get; } = new();

        public NightlyShardRunner Runner { get; }
    }

    private sealed class SwitchableUsage : ISelfHostedUsageSource
    {
        private readonly FakeSelfHostedUsage _ok = new((s, d) => FakeSelfHostedUsage.Full(s, d, 2400));

        public bool Fail { get; set; }

        public Task<TelemetryResult<SelfHostedUsageFact>> GetDailyUsageAsync(SelfHostedQuery query, CancellationToken cancellationToken = default) =>
            Fail ? throw new TelemetrySourceException("prometheus", "503 Service Unavailable", 503) : _ok.GetDailyUsageAsync(query, cancellationToken);
    }

    private sealed class InMemoryShardLedger : IShardLedger
    {
        private readonly Dictionary<(string Night, string Shard), ShardState> _rows = [];

        public Task OpenAsync(string nightRunId, IReadOnlyList<NightlyShard> shards, DateTimeOffset at, CancellationToken cancellationToken = default)
        {
            foreach (var shard in shards)
            {
                _rows[(nightRunId, shard.ShardId)] = ShardState.Pending(shard, at);
            }
            return Task.CompletedTask;
        }

        public Task RecordAsync(string nightRunId, ShardState state, CancellationToken cancellationToken = default)
        {
            _rows[(nightRunId, state.ShardId)] = state;
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<ShardState>> ListAsync(string nightRunId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ShardState>>([.. _rows.Where(r => r.Key.Night == nightRunId).Select(r => r.Value).OrderBy(s => s.ShardId, StringComparer.Ordinal)]);
    }
}
