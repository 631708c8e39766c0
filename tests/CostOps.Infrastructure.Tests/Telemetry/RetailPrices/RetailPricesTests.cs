using CostOps.Application.Telemetry;
using CostOps.Infrastructure.RetailPrices;
using CostOps.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Infrastructure.Tests.Telemetry.RetailPrices;

public sealed class RetailPricesTests
{
    private const string Sku = "Standard_NC4as_T4_v3";

    private readonly TelemetryHarness _harness = new();
    private readonly InMemoryGpuPriceCache _cache = new();

    [Fact]
    public async Task Pages_AreFollowed_LinuxRowsClassified_WindowsAndLowPrioritySkipped()
    {
        await using var server = await ServePages();

        var price = await Source(server).GetGpuPriceAsync(Sku, "eastus");

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("$skip=1000", server.Requests[1].PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(
            new GpuPriceFact(Sku, "eastus", "USD", 0.526m, 0.1578m, 2891.16m / 8760m, 5540.4m / 26280m, TelemetryHarness.Now, Completeness.Full(1)),
            price);
    }

    [Fact]
    public async Task TheRequest_IsAnonymousWithTheDocumentedFilter()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("RetailPrices/t4-eastus-page2.json")));

        await Source(server).GetGpuPriceAsync(Sku, "eastus");

        var sent = Assert.Single(server.Requests);
        Assert.Null(sent.Header("Authorization"));
        Assert.Equal(
            $"/api/retail/prices?api-version=2023-01-01-preview&$filter=serviceName eq 'Virtual Machines' and armSkuName eq '{Sku}' and armRegionName eq 'eastus'",
            Uri.UnescapeDataString(sent.PathAndQuery));
    }

    [Fact]
    public async Task WithoutALinuxPayAsYouGoRow_ThePriceIsMissing()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context,
            Fixture.Text("RetailPrices/t4-eastus-page1.json").Replace("\"NextPageLink\": \"https", "\"Ignored\": \"https", StringComparison.Ordinal)));

        var price = await Source(server).GetGpuPriceAsync(Sku, "eastus");

        Assert.Null(price.PayAsYouGoHourly);
        Assert.Equal(0.1578m, price.SpotHourly);
        Assert.Equal(Completeness.Missing(1), price.Completeness);
        Assert.Null(await _cache.GetAsync(Sku, "eastus"));
    }

    [Fact]
    public async Task TheDocumentationExample_DevTestWindowsSpot_GivesNoLinuxPrice()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("RetailPrices/doc-example-spot-windows.json")));

        var price = await Source(server).GetGpuPriceAsync("Standard_F16s", "westeurope");

        Assert.Equal((null, null, null, null), (price.PayAsYouGoHourly, price.SpotHourly, price.Reservation1YearHourly, price.Reservation3YearHourly));
    }

    [Fact]
    public async Task AFreshCachedPrice_IsServedWithoutAsking_AndAStaleOneIsFetchedAgain()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("RetailPrices/t4-eastus-page2.json")));
        var time = new FakeTimeProvider(TelemetryHarness.Now);
        var source = new RetailGpuPriceSource(Client(server), _cache, TimeSpan.FromDays(1), time, _harness.Logger);

        var first = await source.GetGpuPriceAsync(Sku, "eastus");
        time.Advance(TimeSpan.FromHours(23));
        var second = await source.GetGpuPriceAsync(Sku, "EastUS");
        time.Advance(TimeSpan.FromHours(2));
        var third = await source.GetGpuPriceAsync(Sku, "eastus");

        Assert.Equal(2, server.Requests.Count);
        Assert.Same(first, second);
        Assert.Equal(TelemetryHarness.Now.AddHours(25), third.FetchedAt);
    }

    [Fact]
    public async Task Throttling_AndAServerError_AreRetried()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) switch
        {
            1 => LoopbackReplies.Status(context, 429, ("Retry-After", "5")),
            2 => LoopbackReplies.Status(context, 504),
            _ => LoopbackReplies.Json(context, Fixture.Text("RetailPrices/t4-eastus-page2.json")),
        });

        var price = await Source(server).GetGpuPriceAsync(Sku, "eastus");

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(5), _harness.Time.Delays[0]);
        Assert.Equal(0.526m, price.PayAsYouGoHourly);
    }

    [Theory]
    [InlineData("""{"BillingCurrency":"USD","Items":[{"retailPrice":"cheap"}]}""", "malformed body")]
    [InlineData("""{"BillingCurrency":"USD","Count":0}""", "no 'Items' array")]
    public async Task AMalformedPage_FailsNamingTheSource(string body, string expected)
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, body));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Source(server).GetGpuPriceAsync(Sku, "eastus"));

        Assert.StartsWith("Source 'prices' (Azure Retail Prices)", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static Task<LoopbackServer> ServePages() =>
        LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, context.Request.QueryString.Value!.Contains("skip", StringComparison.Ordinal)
            ? Fixture.Text("RetailPrices/t4-eastus-page2.json")
            : Fixture.Text("RetailPrices/t4-eastus-page1.json").Replace("https://prices.azure.com:443/", $"{context.Request.Scheme}://{context.Request.Host}/", StringComparison.Ordinal)));

    private RetailPricesClient Client(LoopbackServer server) => new("prices", server.BaseUri, _harness.Pipeline(server, "prices"), currencyCode: null);

    private RetailGpuPriceSource Source(LoopbackServer server) => new(Client(server), _cache, TimeSpan.FromDays(1), _harness.Time, _harness.Logger);
}
