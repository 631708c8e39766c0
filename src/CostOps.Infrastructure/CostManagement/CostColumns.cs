using System.Globalization;
using System.Text.Json;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.CostManagement;

/// <summary>
/// Reads Cost Management rows by column NAME (the order varies): <c>Cost</c> or <c>PreTaxCost</c> (agreement-dependent),
/// <c>CostUSD</c> / <c>PreTaxCostUSD</c> when present, <c>UsageDate</c> (a yyyyMMdd number for daily granularity),
/// <c>ResourceId</c> and <c>Currency</c>.
/// </summary>
internal sealed class CostColumns
{
    private readonly int _cost;
    private readonly int? _costUsd;
    private readonly int _usageDate;
    private readonly int _resourceId;
    private readonly int? _currency;
    private readonly int _count;

    private CostColumns(int cost, int? costUsd, int usageDate, int resourceId, int? currency, int count)
    {
        (_cost, _costUsd, _usageDate, _resourceId, _currency, _count) = (cost, costUsd, usageDate, resourceId, currency, count);
    }

    public static CostColumns Of(IReadOnlyList<CostQueryColumnBody> columns, SourceContext source)
    {
        var names = columns.Select(c => c.Name ?? string.Empty).ToList();
        int? Find(params string[] candidates)
        {
            foreach (var candidate in candidates)
            {
                var at = names.FindIndex(n => string.Equals(n, candidate, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    return at;
                }
            }
            return null;
        }
        var listed = string.Join(", ", names);
        return new CostColumns(
            Find("Cost", "PreTaxCost") ?? throw TelemetryHttp.Malformed(source, $"no Cost or PreTaxCost column (columns: {listed})."),
            Find("CostUSD", "PreTaxCostUSD"),
            Find("UsageDate") ?? throw TelemetryHttp.Malformed(source, $"no UsageDate column (columns: {listed})."),
            Find("ResourceId") ?? throw TelemetryHttp.Malformed(source, $"no ResourceId column (columns: {listed})."),
            Find("Currency", "BillingCurrency"),
            names.Count);
    }

    public CostRow Read(IReadOnlyList<JsonElement> row, SourceContext source)
    {
        if (row.Count != _count)
        {
            throw TelemetryHttp.Malformed(source, $"a row has {row.Count} values for {_count} columns.");
        }
        return new CostRow(
            row[_resourceId].ValueKind == JsonValueKind.String ? row[_resourceId].GetString()! : throw TelemetryHttp.Malformed(source, "a ResourceId is not a string."),
            Day(row[_usageDate], source),
            Money(row[_cost], source) ?? throw TelemetryHttp.Malformed(source, "a row has no cost."),
            _currency is { } c && row[c].ValueKind == JsonValueKind.String ? row[c].GetString() : null,
            _costUsd is { } u ? Money(row[u], source) : null);
    }

    private static decimal? Money(JsonElement value, SourceContext source) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetDecimal(out var number) ? number : throw TelemetryHttp.Malformed(source, "a cost does not fit a decimal."),
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        JsonValueKind.Null => null,
        _ => throw TelemetryHttp.Malformed(source, $"a cost is {value.ValueKind}, not a number."),
    };

    private static DateOnly Day(JsonElement value, SourceContext source)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString() ?? string.Empty,
            _ => string.Empty,
        };
        if (DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        // Some agreements answer "2025-01-01T00:00:00" strings instead of yyyyMMdd numbers.
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant))
        {
            return DateOnly.FromDateTime(instant);
        }
        throw TelemetryHttp.Malformed(source, $"UsageDate '{text}' is neither yyyyMMdd nor a date.");
    }
}
