using System.Text.Json.Serialization;

namespace CostOps.Infrastructure.AzureMonitor;

// The JSON shapes of the ARM metrics response (api-version 2023-10-01) and of the data-plane
// metrics:getBatch response (2024-02-01), which wraps the same "value" array per resource.

internal sealed class MetricsResponseBody
{
    public string? Timespan { get; init; }

    /// <summary>The grain the answer is in, which may differ from the one asked for (see <see cref="MetricsGrain"/>).</summary>
    public string? Interval { get; init; }

    public List<MetricBody>? Value { get; init; }

    public string? Namespace { get; init; }

    public string? Resourceregion { get; init; }
}

internal sealed class MetricsBatchResponseBody
{
    public List<MetricsBatchItemBody>? Values { get; init; }
}

internal sealed class MetricsBatchItemBody
{
    public string? Resourceid { get; init; }

    /// <summary>This resource's grain, which may differ from the one asked for (see <see cref="MetricsGrain"/>).</summary>
    public string? Interval { get; init; }

    public List<MetricBody>? Value { get; init; }

    public string? Namespace { get; init; }

    public string? Resourceregion { get; init; }
}

internal sealed class MetricBody
{
    public string? Id { get; init; }

    public LocalizableStringBody? Name { get; init; }

    public string? Unit { get; init; }

    public List<TimeSeriesBody>? Timeseries { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }
}

internal sealed class LocalizableStringBody
{
    public string? Value { get; init; }

    public string? LocalizedValue { get; init; }
}

internal sealed class TimeSeriesBody
{
    public List<MetadataValueBody>? Metadatavalues { get; init; }

    public List<MetricValueBody>? Data { get; init; }
}

internal sealed class MetadataValueBody
{
    public LocalizableStringBody? Name { get; init; }

    public string? Value { get; init; }
}

internal sealed class MetricValueBody
{
    public DateTimeOffset? TimeStamp { get; init; }

    public double? Average { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public double? Total { get; init; }

    public double? Count { get; init; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(MetricsResponseBody))]
[JsonSerializable(typeof(MetricsBatchResponseBody))]
[JsonSerializable(typeof(MetricsBatchRequestBody))]
internal sealed partial class MetricsJsonContext : JsonSerializerContext;

internal sealed class MetricsBatchRequestBody
{
    [JsonPropertyName("resourceids")]
    public required IReadOnlyList<string> ResourceIds { get; init; }
}
