using System.Text.Json;
using System.Text.Json.Serialization;

namespace CostOps.Application.Nightly.FanOut;

/// <summary>
/// The queue message of one shard: enough to compute it and to report it to its night without reading anything else
/// the timer knew. Serialized as camel-case JSON (the queue holds it base64-encoded, as the Functions host expects).
/// </summary>
/// <param name="NightRunId">The night's run id: the Runs row the shard reports to, and the run id of the rows it writes.</param>
/// <param name="NightStartedAt">When the night started (the Runs row's key).</param>
/// <param name="Trigger">What started the night (timer, cli).</param>
/// <param name="From">First UTC day to compute.</param>
/// <param name="To">Last UTC day to compute.</param>
public sealed record ShardMessage(
    string NightRunId,
    DateTimeOffset NightStartedAt,
    string Trigger,
    DateOnly From,
    DateOnly To,
    string ShardId,
    string Scope,
    int ShardCount,
    IReadOnlyList<string> WorkloadIds)
{
    public string ToJson() => JsonSerializer.Serialize(this, ShardMessageJsonContext.Default.ShardMessage);

    /// <summary>Reads a message; a malformed one names what is wrong (it can never succeed, so it will end in the poison queue).</summary>
    /// <exception cref="FormatException">Not a shard message.</exception>
    public static ShardMessage Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ShardMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(text, ShardMessageJsonContext.Default.ShardMessage);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not a shard message: {ex.Message}", ex);
        }
        if (message is null || string.IsNullOrWhiteSpace(message.NightRunId) || string.IsNullOrWhiteSpace(message.ShardId) || message.WorkloadIds is null)
        {
            throw new FormatException("The shard message needs nightRunId, shardId and workloadIds.");
        }
        if (message.To < message.From)
        {
            throw new FormatException($"The shard message's to ({message.To:yyyy-MM-dd}) comes before its from ({message.From:yyyy-MM-dd}).");
        }
        return message;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ShardMessage))]
internal sealed partial class ShardMessageJsonContext : JsonSerializerContext;
