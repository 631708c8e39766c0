using System.Text.Json;
using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;

namespace CostOps.Application.PriceBook;

/// <summary>
/// Imports the LiteLLM community price catalog (<c>model_prices_and_context_window.json</c>): a map
/// from model name to per-token USD prices (<c>input_cost_per_token</c>, <c>output_cost_per_token</c>,
/// <c>cache_read_input_token_cost</c>, <c>litellm_provider</c>, <c>mode</c>). Only entries with both
/// token prices become API models; the documentation entry <c>sample_spec</c> and non-token modes
/// (image generation, audio, embeddings without output) are skipped.
/// </summary>
public static class LiteLlmCatalogImporter
{
    public static Domain.Pricing.PriceBook Import(JsonElement catalog, string sourceName)
    {
        if (catalog.ValueKind != JsonValueKind.Object)
        {
            throw new DomainValidationException(sourceName, "a LiteLLM catalog must be a JSON object of model entries");
        }
        var models = new List<ApiModelPrice>();
        var errors = new FieldErrors();
        foreach (var entry in catalog.EnumerateObject())
        {
            if (entry.Name == "sample_spec" || entry.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var input = PerToken(entry.Value, "input_cost_per_token", entry.Name, errors);
            var output = PerToken(entry.Value, "output_cost_per_token", entry.Name, errors);
            if (input is null || output is null)
            {
                continue;
            }
            var cached = PerToken(entry.Value, "cache_read_input_token_cost", entry.Name, errors);
            var provider = entry.Value.TryGetProperty("litellm_provider", out var p) && p.ValueKind == JsonValueKind.String
                ? p.GetString()!
                : "unknown";
            models.Add(new ApiModelPrice(
                entry.Name,
                provider,
                PricePerMTok.FromPerToken(input.Value),
                PricePerMTok.FromPerToken(output.Value),
                cached is { } c ? PricePerMTok.FromPerToken(c) : null,
                Money.Zero,
                $"LiteLLM catalog ({Path.GetFileName(sourceName)})",
                null));
        }
        errors.ThrowIfAny();
        return new Domain.Pricing.PriceBook(models, []);
    }

    private static decimal? PerToken(JsonElement model, string field, string modelName, FieldErrors errors)
    {
        if (!model.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number < 0m)
        {
            errors.Add($"{modelName}.{field}", $"must be a non-negative number (was {value.GetRawText()})");
            return null;
        }
        return number;
    }
}
