using System.Globalization;
using System.Text.Json;
using CostOps.Application.Jobs;
using Microsoft.Extensions.Configuration;

namespace CostOps.Functions.Hosting;

/// <summary>
/// The two host.json values the worker must agree with the host on: <c>functionTimeout</c> (a run still Running after
/// it is abandoned: the host has stopped it) and <c>extensions.queues.maxDequeueCount</c> (the delivery after which
/// a failed shard goes to the poison queue). Read from the app folder's host.json, the one the host reads.
/// </summary>
public sealed record HostJsonSettings(TimeSpan FunctionTimeout, int MaxDequeueCount)
{
    /// <summary>The host's default when host.json does not say: 5 deliveries.</summary>
    public const int DefaultMaxDequeueCount = 5;

    /// <summary>The settings of <c>host.json</c> in <paramref name="appFolder"/>; the host's defaults for what it does not state.</summary>
    /// <exception cref="InvalidDataException">host.json is not JSON or a value is malformed, naming it.</exception>
    public static HostJsonSettings Read(string appFolder)
    {
        var path = Path.Combine(appFolder, "host.json");
        var timeout = RunsOptions.DefaultAbandonedAfter;
        var maxDequeueCount = DefaultMaxDequeueCount;
        if (!File.Exists(path))
        {
            return new HostJsonSettings(timeout, maxDequeueCount);
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.TryGetProperty("functionTimeout", out var value))
            {
                timeout = value.ValueKind == JsonValueKind.String && TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                    ? parsed
                    : throw new InvalidDataException($"{path}: functionTimeout must be a positive time span such as \"00:30:00\" (was {value.GetRawText()}).");
            }
            if (root.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("queues", out var queues)
                && queues.TryGetProperty("maxDequeueCount", out var count))
            {
                maxDequeueCount = count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) && n >= 1
                    ? n
                    : throw new InvalidDataException($"{path}: extensions.queues.maxDequeueCount must be a whole number of at least 1 (was {count.GetRawText()}).");
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {ex.Message}", ex);
        }
        return new HostJsonSettings(timeout, maxDequeueCount);
    }

    /// <summary>
    /// Runs older than the function timeout are abandoned, unless <c>CostOps:Runs:AbandonedAfter</c> says otherwise.
    /// </summary>
    public void ApplyTo(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrEmpty(configuration[$"{RunsOptions.Section}:AbandonedAfter"]))
        {
            services.PostConfigure<RunsOptions>(o => o.AbandonedAfter = FunctionTimeout);
        }
        services.AddSingleton(this);
    }
}
