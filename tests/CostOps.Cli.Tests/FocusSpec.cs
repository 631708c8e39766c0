using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;

namespace CostOps.Cli.Tests;

/// <summary>
/// The FOCUS 1.2 column list (Fixtures/focus-1.2, with its source) and a check of an exported CSV against it: required
/// columns present, types parse, allowed values, and the row-level rules the export relies on.
/// </summary>
internal sealed partial class FocusSpec
{
    private FocusSpec(IReadOnlyDictionary<string, Column> columns) => Columns = columns;

    public IReadOnlyDictionary<string, Column> Columns { get; }

    public static FocusSpec Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "focus-1.2", "focus-1.2-columns.csv");
        var (headers, rows) = ReadCsv(File.ReadAllText(path));
        string Cell(IReadOnlyList<string?> row, string name) => row[headers.IndexOf(name)] ?? string.Empty;
        var columns = rows.Select(r => new Column(
                Cell(r, "ColumnId"),
                Cell(r, "FeatureLevel"),
                bool.Parse(Cell(r, "AllowsNulls")),
                Cell(r, "DataType"),
                Cell(r, "ValueFormat"),
                Cell(r, "AllowedValues") is { Length: > 0 } allowed ? allowed.Split('|') : []))
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        return new FocusSpec(columns);
    }

    /// <summary>The header and the rows of a CSV (empty cells as null).</summary>
    public static (List<string> Headers, List<IReadOnlyList<string?>> Rows) ReadCsv(string text)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: false);
        var rows = new List<IReadOnlyList<string?>>();
        List<string>? headers = null;
        while (csv.Read())
        {
            headers ??= [.. csv.Headers];
            rows.Add([.. Enumerable.Range(0, headers.Count).Select(i => csv.GetString(i) is { Length: > 0 } value ? value : null)]);
        }
        return (headers ?? [.. csv.Headers], rows);
    }

    /// <summary>Every way <paramref name="csvText"/> breaks FOCUS 1.2; empty when it conforms.</summary>
    public List<string> Problems(string csvText)
    {
        var (headers, rows) = ReadCsv(csvText);
        var problems = new List<string>();
        foreach (var mandatory in Columns.Values.Where(c => c.FeatureLevel == "Mandatory" && !headers.Contains(c.Id)))
        {
            problems.Add($"mandatory column {mandatory.Id} is missing");
        }
        foreach (var header in headers.Where(h => !Columns.ContainsKey(h) && !h.StartsWith("x_", StringComparison.Ordinal)))
        {
            problems.Add($"column {header} is neither a FOCUS 1.2 column nor an x_ custom column");
        }
        var firstCustom = headers.FindIndex(h => h.StartsWith("x_", StringComparison.Ordinal));
        if (firstCustom >= 0 && headers.Skip(firstCustom).Any(h => !h.StartsWith("x_", StringComparison.Ordinal)))
        {
            problems.Add("custom columns are mixed in with FOCUS columns");
        }
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            string? Value(string column) => headers.IndexOf(column) is >= 0 and var at ? row[at] : null;
            void Problem(string text) => problems.Add($"row {r + 1}: {text}");
            foreach (var (header, value) in headers.Zip(row))
            {
                if (!Columns.TryGetValue(header, out var column))
                {
                    continue;
                }
                if (value is null)
                {
                    if (!column.AllowsNulls)
                    {
                        Problem($"{header} is null");
                    }
                    continue;
                }
                if (TypeProblem(column, value) is { } typeProblem)
                {
                    Problem($"{header} '{value}' {typeProblem}");
                }
                var allowedValue = header == "ServiceSubcategory" ? $"{Value("ServiceCategory")}/{value}" : value;
                if (column.AllowedValues.Count > 0 && !column.AllowedValues.Contains(allowedValue, StringComparer.Ordinal))
                {
                    Problem($"{header} '{value}' is not an allowed value");
                }
            }
            if (Value("ChargeCategory") is "Usage" or "Purchase" && Value("ChargeClass") is null
                && (Value("PricingQuantity") is null || Value("PricingUnit") is null))
            {
                Problem("PricingQuantity and PricingUnit are required on usage and purchase rows");
            }
            foreach (var (cost, unitPrice) in new[] { ("ListCost", "ListUnitPrice"), ("ContractedCost", "ContractedUnitPrice") })
            {
                if (Dec(Value(unitPrice)) is { } price && Dec(Value("PricingQuantity")) is { } quantity && Dec(Value(cost)) is { } amount && price * quantity != amount)
                {
                    Problem($"{cost} {amount} is not {unitPrice} x PricingQuantity ({price} x {quantity})");
                }
            }
            if ((Value("RegionId") is null) != (Value("RegionName") is null))
            {
                Problem("RegionName must be present exactly when RegionId is");
            }
            if (Value("ChargePeriodStart") is { } start && Value("ChargePeriodEnd") is { } end && string.CompareOrdinal(start, end) >= 0)
            {
                Problem("ChargePeriodEnd is not after ChargePeriodStart");
            }
        }
        return problems;
    }

    private static string? TypeProblem(Column column, string value) => column.DataType switch
    {
        "Decimal" when !NumericFormat().IsMatch(value) => "is not in the FOCUS numeric format",
        "Date/Time" when !DateTimeFormat().IsMatch(value) || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) => "is not YYYY-MM-DDTHH:mm:ssZ",
        "JSON" when !IsJsonObject(value) => "is not a JSON object",
        "String" when column.ValueFormat.StartsWith("Currency", StringComparison.Ordinal) && !Currency().IsMatch(value) => "is not an ISO 4217 currency code",
        _ => null,
    };

    private static decimal? Dec(string? value) =>
        value is not null && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static bool IsJsonObject(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Integer, decimal or E notation; a sign only for negatives.
    [GeneratedRegex(@"^-?(\d+(\.\d+)?|\.\d+)(E-?\d+)?$")]
    private static partial Regex NumericFormat();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex DateTimeFormat();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();

    public sealed record Column(string Id, string FeatureLevel, bool AllowsNulls, string DataType, string ValueFormat, IReadOnlyList<string> AllowedValues);
}
