using System.Text.Json;
using System.Text.Json.Serialization;

namespace CostOps.Infrastructure.Prometheus;

// The Prometheus HTTP API envelope (prometheus.io/docs/prometheus/latest/querying/api/), as served by
// Prometheus itself and by Azure Monitor managed Prometheus. Sample values are [unixSeconds, "value"] pairs.

internal sealed class PrometheusResponseBody
{
    public string? Status { get; init; }

    public PrometheusDataBody? Data { get; init; }

    public string? ErrorType { get; init; }

    public string? Error { get; init; }

    public List<string>? Warnings { get; init; }
}

internal sealed class PrometheusDataBody
{
    public string? ResultType { get; init; }

    public List<PrometheusSeriesBody>? Result { get; init; }
}

internal sealed class PrometheusSeriesBody
{
    public Dictionary<string, string>? Metric { get; init; }

    public List<List<JsonElement>>? Values { get; init; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(PrometheusResponseBody))]
internal sealed partial class PrometheusJsonContext : JsonSerializerContext;
