using System.Text.Json;
using CostOps.Application.Json;
using CostOps.Application.WhatIf;
using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;

namespace CostOps.Application.PriceBook;

/// <summary>
/// Reads price books: the CostOps format (<c>apiModels</c> / <c>gpuSkus</c>) or, recognised by
/// its shape, a LiteLLM community catalog (<c>model_prices_and_context_window.json</c>).
/// </summary>
public static class PriceBookReader
{
    private const string DefaultResourceName = "CostOps.default-price-book.json";

    /// <summary>The price book shipped with CostOps (seed prices and common Azure GPU sizes).</summary>
    public static Domain.Pricing.PriceBook LoadDefault()
    {
        using var stream = typeof(PriceBookReader).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {DefaultResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "default price book");
    }

    /// <summary>The default book overridden by each file in order (later files win).</summary>
    public static Domain.Pricing.PriceBook LoadWithOverrides(IEnumerable<string> overrideFiles)
    {
        ArgumentNullException.ThrowIfNull(overrideFiles);
        var book = LoadDefault();
        foreach (var file in overrideFiles)
        {
            if (!File.Exists(file))
            {
                throw new DomainValidationException(file, "price book file not found");
            }
            book = book.OverriddenBy(Parse(File.ReadAllText(file), file));
        }
        return book;
    }

    /// <exception cref="DomainValidationException">Every problem, each naming the file and field.</exception>
    public static Domain.Pricing.PriceBook Parse(string json, string sourceName)
    {
        using var document = JsonDocuments.Parse(json, sourceName);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("apiModels", out _) && !root.TryGetProperty("gpuSkus", out _))
        {
            return LiteLlmCatalogImporter.Import(root, sourceName);
        }
        var errors = new FieldErrors();
        var reader = JsonObjectReader.ForObject(root, "", errors);
        var models = new List<ApiModelPrice>();
        var gpus = new List<GpuSkuPrice>();
        if (reader is not null)
        {
            reader.Allow("$schema");
            reader.ReadString("description");
            foreach (var model in reader.ReadObjectArray("apiModels") ?? [])
            {
                if (ReadModel(model, errors) is { } price)
                {
                    models.Add(price);
                }
            }
            foreach (var gpu in reader.ReadObjectArray("gpuSkus") ?? [])
            {
                if (ReadGpu(gpu, errors) is { } price)
                {
                    gpus.Add(price);
                }
            }
            reader.RejectUnknownFields();
        }
        if (errors.Any)
        {
            throw new DomainValidationException(errors.Errors.Select(e => e with { Field = $"{sourceName}: {e.Field}" }).ToArray());
        }
        return new Domain.Pricing.PriceBook(models, gpus);
    }

    private static ApiModelPrice? ReadModel(JsonObjectReader model, FieldErrors errors)
    {
        var id = model.ReadString("id", required: true);
        var provider = model.ReadString("provider", required: true);
        var input = CostSections.NonNegative(model, "inputPerMTok", errors, required: true);
        var output = CostSections.NonNegative(model, "outputPerMTok", errors, required: true);
        var cached = CostSections.NonNegative(model, "cachedInputPerMTok", errors);
        var fixedMonthly = CostSections.NonNegative(model, "fixedMonthly", errors) ?? 0m;
        var source = model.ReadString("source", required: true);
        var asOf = model.ReadDate("asOf");
        model.RejectUnknownFields();
        if (id is null || provider is null || input is null || output is null || source is null)
        {
            return null;
        }
        return new ApiModelPrice(
            id, provider, new PricePerMTok(input.Value), new PricePerMTok(output.Value),
            cached is { } c ? new PricePerMTok(c) : null, new Money(fixedMonthly), source, asOf);
    }

    private static GpuSkuPrice? ReadGpu(JsonObjectReader gpu, FieldErrors errors)
    {
        var sku = gpu.ReadString("sku", required: true);
        var region = gpu.ReadString("region", required: true);
        var hourly = CostSections.NonNegative(gpu, "hourly", errors, required: true);
        var gpuCount = gpu.ReadInteger("gpuCount") ?? 1;
        var gpuModel = gpu.ReadString("gpuModel") ?? "unknown";
        var scarce = gpu.ReadBoolean("scarce") ?? false;
        var source = gpu.ReadString("source", required: true);
        var asOf = gpu.ReadDate("asOf");
        gpu.RejectUnknownFields();
        if (gpuCount < 1)
        {
            errors.Add(gpu.FieldPath("gpuCount"), $"must be 1 or more (was {gpuCount})");
        }
        if (sku is null || region is null || hourly is null || source is null)
        {
            return null;
        }
        return new GpuSkuPrice(sku, region, new HourlyRate(hourly.Value), gpuCount, gpuModel, scarce, source, asOf);
    }
}
