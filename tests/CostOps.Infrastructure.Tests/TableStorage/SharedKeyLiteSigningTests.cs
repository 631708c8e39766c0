using System.Security.Cryptography;
using System.Text;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.TableStorage;

public sealed class SharedKeyLiteSigningTests
{
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly DateTimeOffset FixedDate = new(2026, 11, 22, 1, 30, 0, TimeSpan.Zero);

    // Computed from the documented string-to-sign, independently of the code under test.
    private static string ExpectedAuthorization(string account, string key, string date, string canonicalizedResource)
    {
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.UTF8.GetBytes(date + "\n" + canonicalizedResource)));
        return $"SharedKeyLite {account}:{signature}";
    }

    private static TableClientOptions Options(LoopbackServer server, TimeProvider clock) => new()
    {
        Transport = server.CreateTransport(),
        TimeProvider = clock,
    };

    [Fact]
    public async Task PathStyleAzuriteUrl_IsSignedWithTheAccountNameRepeated()
    {
        await using var server = await LoopbackServer.StartAsync(context => { context.Response.StatusCode = 204; return Task.CompletedTask; });
        var endpoint = new Uri(server.BaseUri, "devstoreaccount1");
        var service = new TableServiceClient(endpoint, new TableSharedKeyCredential("devstoreaccount1", DevKey), Options(server, new FakeTimeProvider(FixedDate)));

        await service.CreateTableIfNotExistsAsync("costs");

        var request = Assert.Single(server.Requests);
        Assert.Equal("Sun, 22 Nov 2026 01:30:00 GMT", request.Header("x-ms-date"));
        Assert.Equal(
            ExpectedAuthorization("devstoreaccount1", DevKey, "Sun, 22 Nov 2026 01:30:00 GMT", "/devstoreaccount1/devstoreaccount1/Tables"),
            request.Header("Authorization"));
    }

    [Fact]
    public async Task HostStyleUrl_IsSignedWithTheAccountAndThePathOnly()
    {
        var key = Convert.ToBase64String(Encoding.UTF8.GetBytes("another-account-key-for-signing"));
        await using var server = await LoopbackServer.StartAsync(context => { context.Response.StatusCode = 404; return Task.CompletedTask; });
        var table = new TableClient(server.BaseUri, "costs", new TableSharedKeyCredential("myaccount", key), Options(server, new FakeTimeProvider(FixedDate)));

        await table.GetEntityIfExistsAsync("2025-01-01", "gpu-vm-01");

        Assert.Equal(
            ExpectedAuthorization("myaccount", key, "Sun, 22 Nov 2026 01:30:00 GMT", "/myaccount/costs(PartitionKey='2025-01-01',RowKey='gpu-vm-01')"),
            Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task EscapedKeys_AreSignedExactlyAsSent_AndQueryParametersAreNotSigned()
    {
        await using var server = await LoopbackServer.StartAsync(context => { context.Response.StatusCode = 404; return Task.CompletedTask; });
        var table = new TableClient(new Uri(server.BaseUri, "devstoreaccount1"), "costs", new TableSharedKeyCredential("devstoreaccount1", DevKey), Options(server, new FakeTimeProvider(FixedDate)));

        await table.GetEntityIfExistsAsync("a b", "it's", select: ["Cost"]);

        Assert.Equal(
            ExpectedAuthorization("devstoreaccount1", DevKey, "Sun, 22 Nov 2026 01:30:00 GMT", "/devstoreaccount1/devstoreaccount1/costs(PartitionKey='a%20b',RowKey='it%27%27s')"),
            Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact]
    public void CompQueryParameter_IsPartOfTheCanonicalizedResource()
    {
        var resource = TableSharedKeyLitePolicy.CanonicalizedResource("myaccount", new Uri("https://myaccount.table.core.windows.net/?restype=service&comp=properties"));

        Assert.Equal("/myaccount/?comp=properties", resource);
    }

    [Fact]
    public async Task EachRetry_IsSignedWithAFreshDate()
    {
        var attempts = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref attempts) == 1 ? 503 : 204;
            context.Response.Headers.RetryAfter = "0";
            return Task.CompletedTask;
        });
        var clock = new SteppingTimeProvider(FixedDate, TimeSpan.FromSeconds(5));
        var options = Options(server, clock);
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var service = new TableServiceClient(new Uri(server.BaseUri, "devstoreaccount1"), new TableSharedKeyCredential("devstoreaccount1", DevKey), options);

        await service.CreateTableIfNotExistsAsync("costs");

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal("Sun, 22 Nov 2026 01:30:00 GMT", requests[0].Header("x-ms-date"));
        Assert.Equal("Sun, 22 Nov 2026 01:30:05 GMT", requests[1].Header("x-ms-date"));
        Assert.All(requests, r => Assert.Equal(
            ExpectedAuthorization("devstoreaccount1", DevKey, r.Header("x-ms-date")!, "/devstoreaccount1/devstoreaccount1/Tables"),
            r.Header("Authorization")));
    }

    /// <summary>A clock that moves forward every time it is read.</summary>
    private sealed class SteppingTimeProvider(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private DateTimeOffset _next = start;

        public override DateTimeOffset GetUtcNow()
        {
            var now = _next;
            _next += step;
            return now;
        }
    }
}
