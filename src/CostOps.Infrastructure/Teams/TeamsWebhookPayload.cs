using System.Text.Json;

namespace CostOps.Infrastructure.Teams;

/// <summary>
/// The body a Teams Workflows webhook ("When a Teams webhook request is received") expects: a message with one
/// Adaptive Card attachment whose <c>content</c> is the card as a JSON object (unlike Graph, where it is a string).
/// </summary>
internal static class TeamsWebhookPayload
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Wraps the serialized card; the card is embedded as JSON, not re-encoded as a string.</summary>
    public static byte[] Create(string cardJson)
    {
        using var buffer = new MemoryStream(cardJson.Length + 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "message");
            writer.WriteStartArray("attachments");
            writer.WriteStartObject();
            writer.WriteString("contentType", AdaptiveCardContentType);
            writer.WriteNull("contentUrl");
            writer.WritePropertyName("content");
            writer.WriteRawValue(cardJson);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
