using CostOps.Application.Digest.Rendering;

namespace CostOps.Application.Digest;

/// <summary>
/// Configuration section <c>CostOps:Digest</c>: where the weekly digest goes. Each transport is on when its
/// settings are present; <see cref="DigestOptionsValidator"/> checks them at start-up and names the key of every problem.
/// </summary>
public sealed class DigestOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CostOps:Digest";

    /// <summary>
    /// The Teams Workflows webhook URL ("When a Teams webhook request is received"). A secret: it carries its own
    /// signature, so it comes from Key Vault and is never logged or shown.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Attempts per webhook post, counting the first (429 and 5xx are retried), 1 to 10.</summary>
    public int WebhookMaxAttempts { get; set; } = 4;

    /// <summary>The mailbox Graph sends the HTML digest from (UPN or object id); needs the app permission <c>Mail.Send</c>.</summary>
    public string? GraphMailbox { get; set; }

    /// <summary>E-mail recipients of the HTML digest (a channel's e-mail address works too).</summary>
    public IList<string> Recipients { get; set; } = [];

    /// <summary>The team (group id, a GUID) of the channel to post the card to through Graph (delegated token only).</summary>
    public string? TeamId { get; set; }

    /// <summary>The channel id (<c>19:...@thread.tacv2</c>) to post the card to through Graph.</summary>
    public string? ChannelId { get; set; }

    /// <summary>A directory to write the card JSON, HTML and text into (local runs).</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>An absolute http(s) URL the card and HTML link to ("Open the dashboard").</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>The most the card may weigh serialized, in bytes (Teams refuses posts over about 28 KB).</summary>
    public int CardMaxBytes { get; set; } = 24_000;

    /// <summary>Whether the Teams Workflows webhook transport is on.</summary>
    public bool WebhookEnabled => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <summary>Whether the Graph sendMail transport is on.</summary>
    public bool GraphMailEnabled => !string.IsNullOrWhiteSpace(GraphMailbox) && Recipients.Count > 0;

    /// <summary>Whether the Graph channel-message transport is on.</summary>
    public bool GraphChannelEnabled => !string.IsNullOrWhiteSpace(TeamId) && !string.IsNullOrWhiteSpace(ChannelId);

    /// <summary>Whether the file sink is on.</summary>
    public bool FileSinkEnabled => !string.IsNullOrWhiteSpace(OutputDirectory);

    /// <summary>The rendering settings these options imply (call after validation).</summary>
    public DigestRenderOptions ToRenderOptions() =>
        new(string.IsNullOrWhiteSpace(DashboardUrl) ? null : new Uri(DashboardUrl, UriKind.Absolute)) { CardMaxBytes = CardMaxBytes };
}
