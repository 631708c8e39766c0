using System.Text.Json;
using System.Text.Json.Serialization;

namespace CostOps.Infrastructure.CostManagement;

// Cost Management Query API (api-version 2023-11-01): the QueryDefinition we send and the QueryResult we read.

internal sealed class CostQueryBody
{
    public required string Type { get; init; }

    public required string Timeframe { get; init; }

    public required CostQueryTimePeriodBody TimePeriod { get; init; }

    public required CostQueryDatasetBody Dataset { get; init; }
}

internal sealed class CostQueryTimePeriodBody
{
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }
}

internal sealed class CostQueryDatasetBody
{
    public required string Granularity { get; init; }

    public required Dictionary<string, CostQueryAggregationBody> Aggregation { get; init; }

    public required List<CostQueryGroupingBody> Grouping { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CostQueryFilterBody? Filter { get; init; }
}

internal sealed class CostQueryAggregationBody
{
    public required string Name { get; init; }

    public required string Function { get; init; }
}

internal sealed class CostQueryGroupingBody
{
    public required string Type { get; init; }

    public required string Name { get; init; }
}

internal sealed class CostQueryFilterBody
{
    public required CostQueryComparisonBody Dimensions { get; init; }
}

internal sealed class CostQueryComparisonBody
{
    public required string Name { get; init; }

    public required string Operator { get; init; }

    public required List<string> Values { get; init; }
}

internal sealed class CostQueryResultBody
{
    public CostQueryPropertiesBody? Properties { get; init; }
}

internal sealed class CostQueryPropertiesBody
{
    public string? NextLink { get; init; }

    public List<CostQueryColumnBody>? Columns { get; init; }

    public List<List<JsonElement>>? Rows { get; init; }
}

internal sealed class CostQueryColumnBody
{
    public string? Name { get; init; }

    public string? Type { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CostQueryBody))]
[JsonSerializable(typeof(CostQueryResultBody))]
internal sealed partial class CostQueryJsonContext : JsonSerializerContext;
