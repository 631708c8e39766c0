using Azure.Data.Tables;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.Infrastructure.Tests.Digest;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage.Stores;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TableDigestPostLogTests(AzuriteFixture azurite)
{
    private static readonly IsoWeek Week = IsoWeek.Parse("2026-W47");

    [Fact]
    public async Task AClaim_IsGrantedOnce_AndAPostedWeekStaysPosted()
    {
        var tables = await DigestTables.CreateAsync(azurite);
        var log = new TableDigestPostLog(tables.Tables.DigestPosts, tables.Clock);

        var first = await log.TryClaimAsync(Week, "teams-webhook", "run-a");
        var second = await log.TryClaimAsync(Week, "teams-webhook", "run-b");
        var otherTransport = await log.TryClaimAsync(Week, "graph-mail", "run-b");
        var otherWeek = await log.TryClaimAsync(Week.Next(), "teams-webhook", "run-b");
        await log.MarkPostedAsync(Week, "teams-webhook", tables.Clock.GetUtcNow());
        var afterPost = await log.TryClaimAsync(Week, "teams-webhook", "run-c");

        Assert.Equal(
            [DigestPostClaim.Claimed, DigestPostClaim.InProgress, DigestPostClaim.Claimed, DigestPostClaim.Claimed, DigestPostClaim.AlreadyPosted],
            [first, second, otherTransport, otherWeek, afterPost]);
        Assert.True(await log.HasBeenPostedAsync(Week, "teams-webhook"));
        Assert.False(await log.HasBeenPostedAsync(Week, "graph-mail"));
    }

    [Fact]
    public async Task TheRow_IsKeyedByWeekAndTransport_WithStatusAndPostedAt()
    {
        var tables = await DigestTables.CreateAsync(azurite);
        var log = new TableDigestPostLog(tables.Tables.DigestPosts, tables.Clock);

        await log.TryClaimAsync(Week, "teams-webhook", "run-a");
        await log.MarkPostedAsync(Week, "teams-webhook", tables.Clock.GetUtcNow());

        var row = (await tables.Tables.DigestPosts.GetEntityAsync<TableEntity>("2026-W47", "teams-webhook")).Value;
        Assert.Equal("posted", row.GetString("Status"));
        Assert.Equal(tables.Clock.GetUtcNow(), row.GetDateTimeOffset("PostedAt"));
    }

    [Fact]
    public async Task AReleasedClaim_CanBeClaimedAgain_ButOnlyItsOwnerCanReleaseIt()
    {
        var tables = await DigestTables.CreateAsync(azurite);
        var log = new TableDigestPostLog(tables.Tables.DigestPosts, tables.Clock);
        await log.TryClaimAsync(Week, "file", "run-a");

        await log.ReleaseAsync(Week, "file", "run-b");
        var stillHeld = await log.TryClaimAsync(Week, "file", "run-c");
        await log.ReleaseAsync(Week, "file", "run-a");
        var released = await log.TryClaimAsync(Week, "file", "run-c");

        Assert.Equal((DigestPostClaim.InProgress, DigestPostClaim.Claimed), (stillHeld, released));
    }

    [Fact]
    public async Task ReleasingAfterAPost_LeavesThePostRecorded()
    {
        var tables = await DigestTables.CreateAsync(azurite);
        var log = new TableDigestPostLog(tables.Tables.DigestPosts, tables.Clock);
        await log.TryClaimAsync(Week, "file", "run-a");
        await log.MarkPostedAsync(Week, "file", tables.Clock.GetUtcNow());

        await log.ReleaseAsync(Week, "file", "run-a");

        Assert.True(await log.HasBeenPostedAsync(Week, "file"));
    }

    [Fact]
    public async Task AClaimLeftByARunThatDied_IsTakenOver_OnceItIsStale()
    {
        var tables = await DigestTables.CreateAsync(azurite);
        var log = new TableDigestPostLog(tables.Tables.DigestPosts, tables.Clock);
        await log.TryClaimAsync(Week, "teams-webhook", "crashed-run");

        tables.Clock.Advance(TableDigestPostLog.StaleClaimAfter - TimeSpan.FromSeconds(1));
        var fresh = await log.TryClaimAsync(Week, "teams-webhook", "retry-1");
        tables.Clock.Advance(TimeSpan.FromSeconds(2));
        var stale = await log.TryClaimAsync(Week, "teams-webhook", "retry-2");
        var afterTakeOver = await log.TryClaimAsync(Week, "teams-webhook", "retry-3");

        Assert.Equal((DigestPostClaim.InProgress, DigestPostClaim.Claimed, DigestPostClaim.InProgress), (fresh, stale, afterTakeOver));
    }

    [Fact]
    public async Task ManyConcurrentClaims_OnlyOneIsGranted()
    {
        var tables = await DigestTables.CreateAsync(azurite);

        // Separate instances, as separate processes would have.
        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            new TableDigestPostLog(tables.Tables.DigestPosts, tables.Clock).TryClaimAsync(Week, "teams-webhook", $"run-{i}")));

        Assert.Single(claims, c => c == DigestPostClaim.Claimed);
        Assert.All(claims.Where(c => c != DigestPostClaim.Claimed), c => Assert.Equal(DigestPostClaim.InProgress, c));
    }
}
