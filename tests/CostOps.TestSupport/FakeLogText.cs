using Microsoft.Extensions.Logging.Testing;

namespace CostOps.TestSupport;

/// <summary>Everything a log sink could write, for "does this secret appear anywhere in the logs" assertions.</summary>
public static class FakeLogText
{
    /// <summary>The record's category, message, structured values and exception, one string.</summary>
    public static string AllText(this FakeLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var state = record.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [];
        return string.Join('\n', [$"{record.Category}: {record.Message}", .. state, record.Exception?.ToString() ?? string.Empty]);
    }

    /// <summary>Every record the collector holds, as <see cref="AllText(FakeLogRecord)"/>.</summary>
    public static string AllText(this FakeLogCollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        return string.Join('\n', collector.GetSnapshot().Select(AllText));
    }
}
