using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Reads a <c>query_range</c> answer from a stream and hands over one series at a time, so an answer for a whole fleet
/// (gigabytes: 10,000 series of a week at a one-minute step) is never held in memory; only the series being read is.
/// The structure is read with <see cref="Utf8JsonReader"/> across buffer refills; the samples, nearly all of the bytes,
/// go through a scanner for Prometheus' own compact form (<c>,[1735689600,"12345"]</c>) that parses numbers exactly as
/// the reader would, and falls back to the reader for anything else (spaces, escapes, a pair cut by the buffer end).
/// Values that are not finite (<c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>) carry no amount and are dropped; samples of a
/// series out of time order (hand-edited exports) are sorted.
/// </summary>
internal sealed class PrometheusMatrixReader
{
    private const int FirstBufferSize = 256 * 1024;

    private readonly PrometheusSeriesHandler _onSeries;
    private readonly SourceContext _source;
    private readonly List<string> _warnings = [];
    private Section _section = Section.BeforeRoot;
    private string? _property;
    private bool _expectValue;
    private int _skipDepth = -1;
    private int _pairPart;
    private long _pairMilliseconds;
    private string? _status;
    private string? _errorType;
    private string? _error;
    private string? _resultType;
    private bool _hasData;
    private bool _hasResult;
    private Dictionary<string, string> _labels = [];
    private PrometheusSample[] _samples = ArrayPool<PrometheusSample>.Shared.Rent(1024);
    private int _sampleCount;

    private PrometheusMatrixReader(PrometheusSeriesHandler onSeries, SourceContext source)
    {
        _onSeries = onSeries;
        _source = source;
    }

    private enum Section
    {
        BeforeRoot,
        Root,
        Warnings,
        Data,
        Result,
        Series,
        Labels,
        Values,
        Pair,
        Done,
    }

    /// <summary>Reads the whole answer, calling <paramref name="onSeries"/> per series, then checks it was a successful matrix.</summary>
    /// <exception cref="Application.Telemetry.TelemetrySourceException">The body is malformed, or an error, or not a matrix.</exception>
    public static async Task ReadAsync(Stream body, PrometheusSeriesHandler onSeries, SourceContext source, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var reader = new PrometheusMatrixReader(onSeries, source);
        try
        {
            await reader.ReadBodyAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw TelemetryHttp.Malformed(source, exception.Message);
        }
        finally
        {
            ArrayPool<PrometheusSample>.Shared.Return(reader._samples);
        }
        foreach (var warning in reader._warnings)
        {
            TelemetryLog.PrometheusWarning(logger, source.Name, warning);
        }
        reader.EnsureMatrix();
    }

    private async Task ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
        var state = default(JsonReaderState);
        var filled = 0;
        try
        {
            var final = false;
            while (!final)
            {
                if (filled == buffer.Length)
                {
                    // One token longer than the buffer (a huge label value): grow rather than fail.
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                final = read == 0;
                filled += read;
                var consumed = Process(buffer.AsSpan(0, filled), final, ref state);
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
            if (_section != Section.Done)
            {
                throw new JsonException("the answer ends before its JSON does.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Process(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
    {
        var offset = 0;
        var reader = new Utf8JsonReader(data, final, state);
        while (reader.Read())
        {
            Handle(ref reader);
            if (_section == Section.Values && _pairPart == 3)
            {
                // Right after a pair: the rest of the series' samples usually follow in the compact form.
                var position = offset + (int)reader.BytesConsumed;
                var scanned = ScanPairs(data[position..]);
                if (scanned > 0)
                {
                    // The reader resumes after the scanned pairs in the state it had after the last pair it read
                    // itself: same depth, same last token (an array end), so the next ',' or ']' reads as it would.
                    offset = position + scanned;
                    reader = new Utf8JsonReader(data[offset..], final, reader.CurrentState);
                }
            }
        }
        state = reader.CurrentState;
        return offset + (int)reader.BytesConsumed;
    }

    private void Handle(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        if (_skipDepth >= 0)
        {
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == _skipDepth)
            {
                _skipDepth = -1;
            }
            return;
        }
        if (token == JsonTokenType.PropertyName)
        {
            _property = reader.GetString();
            _expectValue = true;
            return;
        }
        if (_expectValue)
        {
            _expectValue = false;
            Value(ref reader);
            return;
        }
        switch (_section)
        {
            case Section.BeforeRoot when token == JsonTokenType.StartObject:
                _section = Section.Root;
                break;
            case Section.BeforeRoot:
                throw new JsonException("the answer is not a JSON object.");
            case Section.Root when token == JsonTokenType.EndObject:
                _section = Section.Done;
                break;
            case Section.Warnings when token == JsonTokenType.EndArray:
                _section = Section.Root;
                break;
            case Section.Warnings:
                if (token == JsonTokenType.String)
                {
                    _warnings.Add(reader.GetString()!);
                }
                else
                {
                    Skip(ref reader);
                }
                break;
            case Section.Data when token == JsonTokenType.EndObject:
                _section = Section.Root;
                break;
            case Section.Result when token == JsonTokenType.StartObject:
                _section = Section.Series;
                _labels = new Dictionary<string, string>(StringComparer.Ordinal);
                _sampleCount = 0;
                break;
            case Section.Result when token == JsonTokenType.EndArray:
                _section = Section.Data;
                break;
            case Section.Result:
                throw new JsonException("a result item is not an object.");
            case Section.Series when token == JsonTokenType.EndObject:
                EmitSeries();
                _section = Section.Result;
                break;
            case Section.Labels when token == JsonTokenType.EndObject:
                _section = Section.Series;
                break;
            case Section.Values when token == JsonTokenType.StartArray:
                _section = Section.Pair;
                _pairPart = 0;
                break;
            case Section.Values when token == JsonTokenType.EndArray:
                _section = Section.Series;
                _pairPart = 0;
                break;
            case Section.Pair:
                Pair(ref reader);
                break;
            default:
                throw _section is Section.Values ? NotAPair() : new JsonException($"unexpected {token} in the answer.");
        }
    }

    // The value of the property just read, by where it stands.
    private void Value(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        var name = _property;
        switch (_section)
        {
            case Section.Root when Is(name, "status") && token == JsonTokenType.String:
                _status = reader.GetString();
                return;
            case Section.Root when Is(name, "errorType") && token == JsonTokenType.String:
                _errorType = reader.GetString();
                return;
            case Section.Root when Is(name, "error") && token == JsonTokenType.String:
                _error = reader.GetString();
                return;
            case Section.Root when (Is(name, "warnings") || Is(name, "infos")) && token == JsonTokenType.StartArray:
                _section = Section.Warnings;
                return;
            case Section.Root when Is(name, "data") && token == JsonTokenType.StartObject:
                _hasData = true;
                _section = Section.Data;
                return;
            case Section.Data when Is(name, "resultType") && token == JsonTokenType.String:
                _resultType = reader.GetString();
                return;
            case Section.Data when Is(name, "result") && token == JsonTokenType.StartArray:
                _hasResult = true;
                _section = Section.Result;
                return;
            case Section.Series when Is(name, "metric") && token == JsonTokenType.StartObject:
                _section = Section.Labels;
                return;
            case Section.Series when Is(name, "values"):
                if (token == JsonTokenType.StartArray)
                {
                    _section = Section.Values;
                    _pairPart = 0;
                    return;
                }
                if (token != JsonTokenType.Null)
                {
                    throw new JsonException("a series' 'values' is not an array.");
                }
                return;
            case Section.Labels:
                _labels[name!] = token == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"label '{name}' is not a string.");
                return;
            default:
                Skip(ref reader);
                return;
        }
    }

    private void Pair(ref Utf8JsonReader reader)
    {
        switch (_pairPart)
        {
            case 0 when reader.TokenType == JsonTokenType.Number:
                _pairMilliseconds = (long)Math.Round(reader.GetDouble() * 1000);
                _pairPart = 1;
                return;
            case 1 when reader.TokenType == JsonTokenType.String:
                var value = reader.ValueIsEscaped || reader.HasValueSequence ? ParseValue(reader.GetString()!) : ParseValue(reader.ValueSpan);
                if (value is { } v && double.IsFinite(v))
                {
                    Add(_pairMilliseconds, v);
                }
                _pairPart = 2;
                return;
            case 2 when reader.TokenType == JsonTokenType.EndArray:
                _section = Section.Values;
                _pairPart = 3;
                return;
            default:
                throw NotAPair();
        }
    }

    /// <summary>Scans <c>,[seconds,"value"]</c> pairs in Prometheus' compact form; returns the bytes taken (0: none).</summary>
    private int ScanPairs(ReadOnlySpan<byte> data)
    {
        var taken = 0;
        while (true)
        {
            var at = taken;
            if (at + 1 >= data.Length || data[at] != (byte)',' || data[at + 1] != (byte)'[')
            {
                return taken;
            }
            at += 2;
            var numberStart = at;
            long seconds = 0;
            while (at < data.Length && (uint)(data[at] - '0') <= 9 && at - numberStart < 15)
            {
                seconds = (seconds * 10) + (data[at] - '0');
                at++;
            }
            if (at == numberStart || at >= data.Length)
            {
                return taken;
            }
            long milliseconds;
            if (data[at] == (byte)'.')
            {
                at++;
                while (at < data.Length && (uint)(data[at] - '0') <= 9)
                {
                    at++;
                }
                if (at >= data.Length || !double.TryParse(data[numberStart..at], NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
                {
                    return taken;
                }
                milliseconds = (long)Math.Round(exact * 1000);
            }
            else
            {
                milliseconds = seconds * 1000;
            }
            if (at + 1 >= data.Length || data[at] != (byte)',' || data[at + 1] != (byte)'"')
            {
                return taken;
            }
            at += 2;
            var valueStart = at;
            while (at < data.Length && data[at] != (byte)'"' && data[at] != (byte)'\\')
            {
                at++;
            }
            if (at + 1 >= data.Length || data[at] != (byte)'"' || data[at + 1] != (byte)']')
            {
                return taken;
            }
            if (!TryParseValue(data[valueStart..at], out var value))
            {
                // Not a number: the reader reads this pair and names the value.
                return taken;
            }
            if (value is { } v && double.IsFinite(v))
            {
                Add(milliseconds, v);
            }
            taken = at + 2;
        }
    }

    private void Add(long milliseconds, double value)
    {
        if (_sampleCount == _samples.Length)
        {
            var bigger = ArrayPool<PrometheusSample>.Shared.Rent(_samples.Length * 2);
            _samples.AsSpan(0, _sampleCount).CopyTo(bigger);
            ArrayPool<PrometheusSample>.Shared.Return(_samples);
            _samples = bigger;
        }
        _samples[_sampleCount++] = new PrometheusSample(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), value);
    }

    private void EmitSeries()
    {
        var samples = _samples.AsSpan(0, _sampleCount);
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i].At < samples[i - 1].At)
            {
                // Prometheus answers in time order; exports edited by hand may not. Stable, like OrderBy.
                PrometheusSample[] sorted = [.. samples.ToArray().OrderBy(s => s.At)];
                _onSeries(_labels, sorted);
                return;
            }
        }
        _onSeries(_labels, samples);
    }

    private void Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _skipDepth = reader.CurrentDepth;
        }
    }

    private void EnsureMatrix()
    {
        if (string.Equals(_status, "error", StringComparison.OrdinalIgnoreCase))
        {
            throw _source.Error($"answered status 'error': {_errorType ?? "unknown"}: {_error ?? "(no message)"}");
        }
        if (!string.Equals(_status, "success", StringComparison.OrdinalIgnoreCase))
        {
            throw TelemetryHttp.Malformed(_source, $"status is '{_status ?? "(missing)"}', expected 'success'.");
        }
        if (!_hasData)
        {
            throw TelemetryHttp.Malformed(_source, "the answer has no 'data'.");
        }
        if (!string.Equals(_resultType, "matrix", StringComparison.Ordinal))
        {
            throw _source.Error($"answered resultType '{_resultType ?? "(missing)"}' where a range query must give 'matrix'.");
        }
        if (!_hasResult)
        {
            throw TelemetryHttp.Malformed(_source, "the answer has no 'data.result'.");
        }
    }

    private static bool Is(string? name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    // Plain decimal integers (counters, most gauges) are converted directly; they are exact either way.
    private static bool TryParseValue(ReadOnlySpan<byte> text, out double? value)
    {
        if (text.Length is > 0 and <= 15)
        {
            long whole = 0;
            var i = 0;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                whole = (whole * 10) + (text[i] - '0');
                i++;
            }
            if (i == text.Length)
            {
                value = whole;
                return true;
            }
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }
        value = null;
        return text.SequenceEqual("+Inf"u8) || text.SequenceEqual("-Inf"u8) || text.SequenceEqual("Inf"u8);
    }

    private static double? ParseValue(ReadOnlySpan<byte> text) =>
        TryParseValue(text, out var value) ? value : throw new JsonException($"a sample value '{System.Text.Encoding.UTF8.GetString(text)}' is not a number.");

    private static double? ParseValue(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        return text is "+Inf" or "-Inf" or "Inf" ? null : throw new JsonException($"a sample value '{text}' is not a number.");
    }

    private static JsonException NotAPair() => new("a sample is not a [unixSeconds, \"value\"] pair.");
}
