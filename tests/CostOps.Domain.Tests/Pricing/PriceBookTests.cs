using CostOps.Domain.Pricing;

namespace CostOps.Domain.Tests.Pricing;

public sealed class PriceBookTests
{
    private static ApiModelPrice Model(string id, decimal input) =>
        new(id, "openai", new PricePerMTok(input), new PricePerMTok(1m), null, Money.Zero, "test", null);

    private static GpuSkuPrice Gpu(string region, decimal hourly) =>
        new("Standard_NC40ads_H100_v5", region, new HourlyRate(hourly), 1, "H100", true, "test", null);

    [Fact]
    public void Overrides_ReplaceEntriesByIdCaseInsensitively_AndKeepTheRest()
    {
        var book = new PriceBook([Model("gpt-5.4", 2.5m), Model("other", 1m)], [Gpu("eastus", 6.98m)]);

        var merged = book.OverriddenBy(new PriceBook([Model("GPT-5.4", 2.0m)], [Gpu("EastUS", 5m)]));

        Assert.Equal(2.0m, merged.FindModel("gpt-5.4")!.Input.UsdPerMillionTokens);
        Assert.NotNull(merged.FindModel("other"));
        Assert.Equal(5m, merged.FindGpu("standard_nc40ads_h100_v5", "eastus")!.Hourly.UsdPerHour);
    }

    [Fact]
    public void FindGpu_WithoutRegion_TakesTheCheapest()
    {
        var book = new PriceBook([], [Gpu("westeurope", 7.5m), Gpu("eastus", 6.98m)]);

        Assert.Equal("eastus", book.FindGpu("Standard_NC40ads_H100_v5")!.Region);
    }

    [Fact]
    public void PricePerMTok_RejectsNegativePrices()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PricePerMTok(-0.01m));
        Assert.Equal(2.5m, PricePerMTok.FromPerToken(0.0000025m).UsdPerMillionTokens);
    }
}
