using System.Text.Json.Nodes;

namespace CostOps.Infrastructure.Tests.Telemetry.AzureMonitor;

/// <summary>Builds metrics answers in the documented ARM / batch shapes for scenarios the reference payloads do not cover.</summary>
internal static class MetricsPayload
{
    public const string Subscription = "11111111-2222-3333-4444-555555555555";

    public static string Vm(string name, string subscription = Subscription) =>
        $"/subscriptions/{subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/{name}";

    public static string Account(string name, string subscription = Subscription) =>
        $"/subscriptions/{subscription}/resourceGroups/ai-rg/providers/Microsoft.CognitiveServices/accounts/{name}";

    /// <summary>24 hourly buckets of one day; a null value is a bucket with only its timestamp.</summary>
    public static JsonObject Hourly(DateOnly day, string aggregation, Func<int, double?> valueOfHour, params (string Name, string Value)[] dimensions)
    {
        var data = new JsonArray();
        for (var hour = 0; hour < 24; hour++)
        {
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
            var point = new JsonObject { ["timeStamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") };
            if (valueOfHour(hour) is { } value)
            {
                point[aggregation] = value;
            }
            data.Add(point);
        }
        var metadata = new JsonArray();
        foreach (var (name, value) in dimensions)
        {
            // Azure Monitor answers with lower-cased dimension names.
            metadata.Add(new JsonObject { ["name"] = new JsonObject { ["value"] = name.ToLowerInvariant(), ["localizedValue"] = name.ToLowerInvariant() }, ["value"] = value });
        }
        return new JsonObject { ["metadatavalues"] = metadata, ["data"] = data };
    }

    /// <summary>One series whose buckets are those of <paramref name="parts"/> in order (e.g. two days of hourly buckets).</summary>
    public static JsonObject Concat(params JsonObject[] parts)
    {
        var first = parts[0];
        var data = first["data"]!.AsArray();
        foreach (var part in parts.Skip(1))
        {
            foreach (var point in part["data"]!.AsArray().ToList())
            {
                part["data"]!.AsArray().Remove(point);
                data.Add(point);
            }
        }
        return first;
    }

    public static JsonObject Metric(string resourceId, string name, params JsonObject[] series) =>
        new()
        {
            ["id"] = $"{resourceId}/providers/Microsoft.Insights/metrics/{name}",
            ["type"] = "Microsoft.Insights/metrics",
            ["name"] = new JsonObject { ["value"] = name, ["localizedValue"] = name },
            ["unit"] = "Count",
            ["timeseries"] = new JsonArray([.. series]),
            ["errorCode"] = "Success",
        };

    public static JsonObject FailedMetric(string resourceId, string name, string errorCode, string errorMessage) =>
        new()
        {
            ["id"] = $"{resourceId}/providers/Microsoft.Insights/metrics/{name}",
            ["name"] = new JsonObject { ["value"] = name, ["localizedValue"] = name },
            ["timeseries"] = new JsonArray(),
            ["errorCode"] = errorCode,
            ["errorMessage"] = errorMessage,
        };

    public static string Arm(params JsonObject[] metrics) =>
        new JsonObject { ["cost"] = 1, ["interval"] = "PT1H", ["value"] = new JsonArray([.. metrics]) }.ToJsonString();

    public static string Batch(params (string ResourceId, JsonObject[] Metrics)[] items) =>
        new JsonObject
        {
            ["values"] = new JsonArray([.. items.Select(item => (JsonNode)new JsonObject
            {
                ["resourceid"] = item.ResourceId,
                ["interval"] = "PT1H",
                ["namespace"] = "test",
                ["resourceregion"] = "eastus",
                ["value"] = new JsonArray([.. item.Metrics]),
            })]),
        }.ToJsonString();

    /// <summary>The resource ids of a metrics:getBatch request body.</summary>
    public static IReadOnlyList<string> RequestedIds(string body) =>
        [.. JsonNode.Parse(body)!["resourceids"]!.AsArray().Select(n => n!.GetValue<string>())];
}
