using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;

namespace CostOps.Infrastructure.Teams;

/// <summary>
/// Sends the HTML digest by e-mail through Microsoft Graph: <c>POST /users/{mailbox}/sendMail</c> with the app-only
/// permission <c>Mail.Send</c> (restrict it to the mailbox with an application access policy). A channel's e-mail
/// address as a recipient is the app-only way to land the digest in a Teams channel through Graph.
/// </summary>
public sealed partial class GraphMailTransport(
    GraphServiceClient graph,
    IOptions<DigestOptions> options,
    ILogger<GraphMailTransport> logger) : IDigestTransport
{
    /// <summary>The transport's name in outcomes and the post log.</summary>
    public const string TransportName = "graph-mail";

    /// <inheritdoc />
    public string Name => TransportName;

    /// <inheritdoc />
    public async Task SendAsync(RenderedDigest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.GraphMailbox) || settings.Recipients.Count == 0)
        {
            throw new DigestTransportException(
                $"E-mail delivery is not configured ({DigestOptions.SectionName}:GraphMailbox and {DigestOptions.SectionName}:Recipients).");
        }
        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = digest.Subject,
                Body = new ItemBody { ContentType = BodyType.Html, Content = digest.Html },
                ToRecipients = [.. settings.Recipients.Select(address => new Recipient { EmailAddress = new EmailAddress { Address = address } })],
            },
            SaveToSentItems = false,
        };

        try
        {
            await graph.Users[settings.GraphMailbox].SendMail.PostAsync(body, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (GraphFailure.TryDescribe(exception, out var status, out var description))
        {
            var hint = status is 401 or 403
                ? $" The app needs the Microsoft Graph application permission Mail.Send (admin-consented) and, if an application access policy restricts it, access to {settings.GraphMailbox}."
                : status == 404 ? $" Check {DigestOptions.SectionName}:GraphMailbox: no such mailbox." : "";
            throw new DigestTransportException($"Microsoft Graph sendMail from {settings.GraphMailbox} failed: {description}.{hint}", status);
        }
        LogSent(digest.Week, settings.Recipients.Count, settings.GraphMailbox);
    }

    [LoggerMessage(EventId = 8301, Level = LogLevel.Information, Message = "Digest {Week} e-mailed to {Recipients} recipients from {Mailbox} through Microsoft Graph")]
    private partial void LogSent(IsoWeek week, int recipients, string mailbox);
}
