using CostOps.Application.PriceBook;
using CostOps.Domain.Validation;

namespace CostOps.Application.Tests.PriceBook;

public sealed class PriceBookReaderTests
{
    [Fact]
    public void DefaultBook_HasTheSeedModels_AndCommonGpuSizes_WithSources()
    {
        var book = PriceBookReader.LoadDefault();

        Assert.Equal(2.50m, book.FindModel("gpt-5.4")!.Input.UsdPerMillionTokens);
        Assert.Equal(4.50m, book.FindModel("gpt-5.4-mini")!.Output.UsdPerMillionTokens);
        Assert.Equal(25.00m, book.FindModel("claude-opus-4.8")!.Output.UsdPerMillionTokens);
        Assert.Equal(1.70m * 730m, book.FindModel("azure-openai-ft-gpt-5.4-mini")!.FixedMonthly.Usd);
        Assert.Contains(book.GpuSkus, g => g.GpuModel.StartsWith("H100", StringComparison.Ordinal));
        Assert.Contains(book.GpuSkus, g => g.GpuModel.StartsWith("A100", StringComparison.Ordinal));
        Assert.Contains(book.GpuSkus, g => g.GpuModel.StartsWith("T4", StringComparison.Ordinal));
        Assert.All(book.Models, m => Assert.False(string.IsNullOrWhiteSpace(m.Source)));
        Assert.All(book.GpuSkus, g => Assert.NotNull(g.AsOf));
    }

    [Fact]
    public void LocalOverride_ReplacesOnlyItsEntries()
    {
        var file = Path.Combine(Path.GetTempPath(), $"costops-prices-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            { "apiModels": [ { "id": "gpt-5.4", "provider": "openai", "inputPerMTok": 2.0, "outputPerMTok": 12.0, "source": "negotiated" } ] }
            """);
        try
        {
            var book = PriceBookReader.LoadWithOverrides([file]);

            Assert.Equal(2.0m, book.FindModel("gpt-5.4")!.Input.UsdPerMillionTokens);
            Assert.Equal("negotiated", book.FindModel("gpt-5.4")!.Source);
            Assert.NotNull(book.FindModel("claude-opus-4.8"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void LiteLlmCatalog_IsImported_PerTokenToPerMTok()
    {
        var book = PriceBookReader.LoadWithOverrides([Path.Combine(AppContext.BaseDirectory, "Fixtures", "litellm-sample.json")]);

        var gpt4o = book.FindModel("gpt-4o")!;
        Assert.Equal(2.5m, gpt4o.Input.UsdPerMillionTokens);
        Assert.Equal(10m, gpt4o.Output.UsdPerMillionTokens);
        Assert.Equal(1.25m, gpt4o.CachedInput!.Value.UsdPerMillionTokens);
        Assert.Equal("anthropic", book.FindModel("claude-3-5-haiku-20241022")!.Provider);
        Assert.Null(book.FindModel("sample_spec"));
        Assert.Null(book.FindModel("dall-e-3"));
        Assert.Null(book.FindModel("text-embedding-3-small"));
    }

    [Theory]
    [InlineData("""{ "apiModels": [ { "id": "x", "provider": "p", "inputPerMTok": -1, "outputPerMTok": 1, "source": "s" } ] }""", "apiModels[0].inputPerMTok")]
    [InlineData("""{ "apiModels": [ { "id": "x", "provider": "p", "inputPerMTok": 1, "outputPerMTok": 1 } ] }""", "apiModels[0].source")]
    [InlineData("""{ "gpuSkus": [ { "sku": "s", "region": "r", "hourly": 1, "source": "s", "gpus": 2 } ] }""", "gpuSkus[0].gpus")]
    [InlineData("""{ "gpuSkus": [ { "sku": "s", "region": "r", "hourly": 1, "source": "s", "asOf": "June" } ] }""", "gpuSkus[0].asOf")]
    public void BadPriceBook_NamesTheFileAndField(string json, string field)
    {
        var error = Assert.Throws<DomainValidationException>(() => PriceBookReader.Parse(json, "prices.json"));

        Assert.Contains(error.Errors, e => e.Field == $"prices.json: {field}");
    }

    [Fact]
    public void BadLiteLlmEntry_NamesTheModel()
    {
        var error = Assert.Throws<DomainValidationException>(() =>
            PriceBookReader.Parse("""{ "m1": { "input_cost_per_token": "cheap", "output_cost_per_token": 1e-6 } }""", "litellm.json"));

        Assert.Contains(error.Errors, e => e.Field == "m1.input_cost_per_token");
    }
}
