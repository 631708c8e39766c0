using System.Globalization;
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

    [JsonConverter(typeof(PrometheusValuesConverter))]
    public SampleList? Values { get; init; }
}

/// <summary>
/// Reads a series' <c>[[unixSeconds, "value"], ...]</c> straight from the UTF-8 bytes into samples. A week at a
/// one-minute step is 10,000 samples per series: reading each pair as <c>JsonElement</c>s (a document per element)
/// made some 18 MB of garbage out of every 1 MB answer. Values that are not finite (<c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>)
/// carry no usable amount and are dropped; anything else that is not a number makes the body malformed.
/// </summary>
internal sealed class PrometheusValuesConverter : JsonConverter<SampleList>
{
    public override SampleList? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("a series' 'values' is not an array.");
        }
        var samples = new SampleList();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (ReadPair(ref reader) is { } sample)
            {
                samples.Add(sample);
            }
        }
        return samples;
    }

    public override void Write(Utf8JsonWriter writer, SampleList value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var sample in value)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(sample.At.ToUnixTimeMilliseconds() / 1000d);
            writer.WriteStringValue(sample.Value.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    private static PrometheusSample? ReadPair(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray
            || !reader.Read() || reader.TokenType != JsonTokenType.Number)
        {
            throw NotAPair();
        }
        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000));
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            throw NotAPair();
        }
        var value = ReadValue(ref reader);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw NotAPair();
        }
        return value is { } v && double.IsFinite(v) ? new PrometheusSample(at, v) : null;
    }

    // Null for Prometheus's infinities ("+Inf", "-Inf"), which carry no usable amount either way.
    private static double? ReadValue(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence
            && double.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        var text = reader.GetString();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }
        return text is "+Inf" or "-Inf" or "Inf" ? null : throw new JsonException($"a sample value '{text}' is not a number.");
    }

    private static JsonException NotAPair() => new("a sample is not a [unixSeconds, \"value\"] pair.");
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(PrometheusResponseBody))]
internal sealed partial class PrometheusJsonContext : JsonSerializerContext;
