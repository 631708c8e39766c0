using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CostOps.Application.Diagnostics;

namespace CostOps.Application.Tests.Diagnostics;

/// <summary>
/// Listens to the CostOps activity source and meter the way an OpenTelemetry SDK would (an
/// <see cref="ActivityListener"/> and a <see cref="MeterListener"/>), keeping every ended span and every measurement.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CostOpsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Add,
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CostOpsTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    public ConcurrentBag<Activity> Spans { get; } = [];

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    /// <summary>The measurements of one instrument.</summary>
    public IReadOnlyList<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToList();

    /// <summary>The sum of an instrument's measurements whose tags include every given pair (and, with <paramref name="exactly"/>, no other).</summary>
    public double Sum(string instrument, IReadOnlyDictionary<string, string> tags, bool exactly = false) =>
        Of(instrument)
            .Where(m => tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value) && (!exactly || m.Tags.Count == tags.Count))
            .Sum(m => m.Value);

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString() ?? "";
        }
        Measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string> Tags);
}

/// <summary>
/// The CostOps meter and activity source are process-wide: these tests run alone, after the parallel ones, so a
/// listener only sees the run under test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "CostOps telemetry";
}
