using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace CostOps.Infrastructure.Teams;

/// <summary>
/// Posts the digest card to a Teams channel through Microsoft Graph:
/// <c>POST /teams/{team}/channels/{channel}/messages</c> with an <c>&lt;attachment id&gt;</c> body and the card as a
/// JSON string attachment. Graph accepts this only with a delegated token (<c>ChannelMessage.Send</c>): app-only
/// tokens are refused outside migration, so a 401/403 is reported with the routes that do work unattended.
/// </summary>
public sealed partial class GraphChannelTransport(
    GraphServiceClient graph,
    IOptions<DigestOptions> options,
    ILogger<GraphChannelTransport> logger) : IDigestTransport
{
    /// <summary>The transport's name in outcomes and the post log.</summary>
    public const string TransportName = "graph-channel";

    /// <inheritdoc />
    public string Name => TransportName;

    /// <inheritdoc />
    public async Task SendAsync(RenderedDigest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.TeamId) || string.IsNullOrWhiteSpace(settings.ChannelId))
        {
            throw new DigestTransportException(
                $"Channel posting is not configured ({DigestOptions.SectionName}:TeamId and {DigestOptions.SectionName}:ChannelId).");
        }

        // The id must be unique and the same in the body and the attachment (chatmessage-post, example 3).
        var attachmentId = Guid.NewGuid().ToString("N");
        var message = new ChatMessage
        {
            Subject = digest.Subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = $"<attachment id=\"{attachmentId}\"></attachment>" },
            Attachments =
            [
                new ChatMessageAttachment
                {
                    Id = attachmentId,
                    ContentType = TeamsWebhookPayload.AdaptiveCardContentType,
                    ContentUrl = null,
                    Content = digest.CardJson,
                },
            ],
        };

        try
        {
            await graph.Teams[settings.TeamId].Channels[settings.ChannelId].Messages.PostAsync(message, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (GraphFailure.TryDescribe(exception, out var status, out var description))
        {
            if (status is 401 or 403)
            {
                LogRefused(digest.Week, status.Value);
                throw new DigestTransportException(
                    $"Microsoft Graph refused the channel post ({description}). Posting to a Teams channel through Graph needs a delegated " +
                    "token (a signed-in user with ChannelMessage.Send); app-only tokens (managed identity, client credentials) are refused " +
                    $"outside migration. Use the Teams Workflows webhook ({DigestOptions.SectionName}:WebhookUrl) or send the digest to the " +
                    $"channel's e-mail address ({DigestOptions.SectionName}:Recipients) instead, or remove {DigestOptions.SectionName}:TeamId and ChannelId.",
                    status);
            }
            throw new DigestTransportException($"Microsoft Graph could not post the digest to the Teams channel: {description}.", status);
        }
        LogPosted(digest.Week, settings.TeamId, settings.ChannelId);
    }

    [LoggerMessage(EventId = 8401, Level = LogLevel.Information, Message = "Digest {Week} posted to Teams channel {TeamId}/{ChannelId} through Microsoft Graph")]
    private partial void LogPosted(IsoWeek week, string teamId, string channelId);

    [LoggerMessage(EventId = 8402, Level = LogLevel.Error, Message = "Digest {Week}: Microsoft Graph refused the channel post with HTTP {Status}; channel posts need a delegated token, or use the Workflows webhook or the channel's e-mail address")]
    private partial void LogRefused(IsoWeek week, int status);
}
