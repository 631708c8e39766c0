using CostOps.Application.Telemetry;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>
/// Names a source in every error it raises and scrubs its secrets from those errors.
/// </summary>
/// <param name="Name">The configured source name.</param>
/// <param name="Kind">What is being read, e.g. "OpenAI usage".</param>
/// <param name="Secrets">Secret values (API keys) that must never appear in a message.</param>
public sealed record SourceContext(string Name, string Kind, IReadOnlyCollection<string> Secrets)
{
    public SourceContext(string name, string kind)
        : this(name, kind, [])
    {
    }

    /// <summary>"Source 'name' (kind)".</summary>
    public string Describe => $"Source '{Name}' ({Kind})";

    /// <summary>The same source reading something else.</summary>
    public SourceContext For(string kind) => this with { Kind = kind };

    /// <summary>An exception whose message names the source and carries no secret.</summary>
    public TelemetrySourceException Error(string problem, Exception? inner = null, int? status = null)
    {
        var message = Redact($"{Describe} {problem}");
        return status is { } code
            ? new TelemetrySourceException(Name, message, code, inner)
            : new TelemetrySourceException(Name, message, inner);
    }

    /// <summary>An issue (partial failure) naming the source, without secrets.</summary>
    public TelemetryIssue Issue(string subject, string message) => new(Name, subject, Redact(message));

    /// <summary>Replaces every secret in <paramref name="text"/>.</summary>
    public string Redact(string text)
    {
        foreach (var secret in Secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
            }
        }
        return text;
    }
}
