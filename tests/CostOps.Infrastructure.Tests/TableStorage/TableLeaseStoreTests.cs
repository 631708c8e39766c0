using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Infrastructure.Tests.TableStorage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TableLeaseStoreTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 1, 30, 0, TimeSpan.Zero));

    private TableLeaseStore CreateStore(string tableName) =>
        new(new TableServiceClient(azurite.ConnectionString).GetTableClient(tableName), _clock);

    [Fact]
    public async Task Acquire_OfAFreeLease_Succeeds_AndStoresOwnerAndExpiry()
    {
        var tableName = AzuriteFixture.UniqueTableName();
        var store = CreateStore(tableName);

        var lease = await store.TryAcquireAsync("autopilot", "instance-a", Duration);

        Assert.NotNull(lease);
        Assert.Equal("instance-a", lease.Owner);
        Assert.Equal(_clock.GetUtcNow() + Duration, lease.ExpiresAt);
        var stored = (await new TableServiceClient(azurite.ConnectionString).GetTableClient(tableName).GetEntityAsync<TableEntity>("autopilot", "lease")).Value;
        Assert.Equal("instance-a", stored.GetString("Owner"));
        Assert.Equal(lease.ExpiresAt, stored.GetDateTimeOffset("ExpiresAt"));
    }

    [Fact]
    public async Task Acquire_OfALeaseHeldByAnother_FailsUntilItExpires_ThenStealSucceeds()
    {
        var store = CreateStore(AzuriteFixture.UniqueTableName());
        var first = await store.TryAcquireAsync("autopilot", "instance-a", Duration);

        var whileHeld = await store.TryAcquireAsync("autopilot", "instance-b", Duration);
        _clock.Advance(Duration + TimeSpan.FromSeconds(1));
        var afterExpiry = await store.TryAcquireAsync("autopilot", "instance-b", Duration);

        Assert.NotNull(first);
        Assert.Null(whileHeld);
        Assert.NotNull(afterExpiry);
        Assert.Equal("instance-b", afterExpiry.Owner);
        Assert.Null(await store.TryRenewAsync(first, Duration));
        Assert.False(await store.ReleaseAsync(first));
    }

    [Fact]
    public async Task Renew_ByTheOwner_ExtendsTheLease_AndKeepsOthersOut()
    {
        var store = CreateStore(AzuriteFixture.UniqueTableName());
        var lease = await store.TryAcquireAsync("autopilot", "instance-a", Duration);
        _clock.Advance(TimeSpan.FromSeconds(20));

        var renewed = await store.TryRenewAsync(lease!, Duration);
        _clock.Advance(TimeSpan.FromSeconds(20));
        var other = await store.TryAcquireAsync("autopilot", "instance-b", Duration);

        Assert.NotNull(renewed);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromSeconds(20) + Duration, renewed.ExpiresAt);
        Assert.NotEqual(lease!.Version, renewed.Version);
        Assert.Null(other);
        Assert.Null(await store.TryRenewAsync(lease, Duration));
    }

    [Fact]
    public async Task Release_LetsAnotherOwnerAcquireAtOnce()
    {
        var store = CreateStore(AzuriteFixture.UniqueTableName());
        var lease = await store.TryAcquireAsync("autopilot", "instance-a", Duration);

        var released = await store.ReleaseAsync(lease!);
        var other = await store.TryAcquireAsync("autopilot", "instance-b", Duration);

        Assert.True(released);
        Assert.NotNull(other);
        Assert.False(await store.ReleaseAsync(lease!));
    }

    [Fact]
    public async Task Acquire_ByTheCurrentOwner_ExtendsItsOwnLease()
    {
        var store = CreateStore(AzuriteFixture.UniqueTableName());
        var first = await store.TryAcquireAsync("autopilot", "instance-a", Duration);
        _clock.Advance(TimeSpan.FromSeconds(10));

        var again = await store.TryAcquireAsync("autopilot", "instance-a", Duration);

        Assert.NotNull(again);
        Assert.Equal(first!.ExpiresAt + TimeSpan.FromSeconds(10), again.ExpiresAt);
    }

    [Fact]
    public async Task TwoConcurrentAcquirers_OfAFreeLease_ExactlyOneWins()
    {
        var tableName = AzuriteFixture.UniqueTableName();
        var storeA = CreateStore(tableName);
        var storeB = CreateStore(tableName);
        await new TableServiceClient(azurite.ConnectionString).CreateTableIfNotExistsAsync(tableName);

        var results = await Task.WhenAll(
            storeA.TryAcquireAsync("autopilot", "instance-a", Duration),
            storeB.TryAcquireAsync("autopilot", "instance-b", Duration));

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task ManyConcurrentStealers_OfAnExpiredLease_ExactlyOneWins()
    {
        var tableName = AzuriteFixture.UniqueTableName();
        await CreateStore(tableName).TryAcquireAsync("autopilot", "crashed-instance", Duration);
        _clock.Advance(Duration + TimeSpan.FromSeconds(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CreateStore(tableName).TryAcquireAsync("autopilot", $"instance-{i}", Duration)));

        var winner = Assert.Single(results, r => r is not null);
        Assert.StartsWith("instance-", winner!.Owner, StringComparison.Ordinal);
    }
}
