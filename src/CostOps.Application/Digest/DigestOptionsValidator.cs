using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace CostOps.Application.Digest;

/// <summary>
/// Validates <see cref="DigestOptions"/> at start-up. Every problem is reported, each naming its configuration key;
/// the webhook URL's value is never repeated because it is a secret.
/// </summary>
public sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    private const string Prefix = DigestOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        ValidateWebhook(options, problems);
        ValidateMail(options, problems);
        ValidateChannel(options, problems);

        if (options.OutputDirectory is { } directory && !IsUsablePath(directory))
        {
            problems.Add($"{Prefix}OutputDirectory '{directory}' is not a usable directory path.");
        }
        if (options.DashboardUrl is { } dashboard && !IsAbsoluteUrl(dashboard, allowHttp: true))
        {
            problems.Add($"{Prefix}DashboardUrl '{dashboard}' must be an absolute http or https URL.");
        }
        if (options.CardMaxBytes is < 4_000 or > 28_000)
        {
            problems.Add($"{Prefix}CardMaxBytes must be between 4000 and 28000 (Teams refuses posts over about 28 KB); it is {options.CardMaxBytes}.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void ValidateWebhook(DigestOptions options, List<string> problems)
    {
        if (options.WebhookUrl is { } url)
        {
            if (!IsAbsoluteUrl(url, allowHttp: false))
            {
                problems.Add($"{Prefix}WebhookUrl must be an absolute https URL (the Teams Workflows webhook); its value is not shown because it is a secret.");
            }
            else if (new Uri(url).Host.EndsWith(".webhook.office.com", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{Prefix}WebhookUrl is an Office 365 connector webhook, retired in May 2026: create a Teams Workflows webhook and use its URL.");
            }
        }
        if (options.WebhookMaxAttempts is < 1 or > 10)
        {
            problems.Add($"{Prefix}WebhookMaxAttempts must be between 1 and 10; it is {options.WebhookMaxAttempts}.");
        }
    }

    private static void ValidateMail(DigestOptions options, List<string> problems)
    {
        var hasMailbox = !string.IsNullOrWhiteSpace(options.GraphMailbox);
        if (options.GraphMailbox is { } mailbox && !(Guid.TryParse(mailbox, out _) || IsEmailAddress(mailbox)))
        {
            problems.Add($"{Prefix}GraphMailbox '{mailbox}' must be a user principal name (user@contoso.com) or a user object id.");
        }
        for (var i = 0; i < options.Recipients.Count; i++)
        {
            if (!IsEmailAddress(options.Recipients[i]))
            {
                problems.Add($"{Prefix}Recipients:{i} '{options.Recipients[i]}' is not an e-mail address.");
            }
        }
        if (options.Recipients.Count > 0 && !hasMailbox)
        {
            problems.Add($"{Prefix}Recipients is set but {Prefix}GraphMailbox is not: Graph sendMail needs the mailbox to send from.");
        }
        if (hasMailbox && options.Recipients.Count == 0)
        {
            problems.Add($"{Prefix}GraphMailbox is set but {Prefix}Recipients is empty: name at least one recipient.");
        }
    }

    private static void ValidateChannel(DigestOptions options, List<string> problems)
    {
        var hasTeam = !string.IsNullOrWhiteSpace(options.TeamId);
        var hasChannel = !string.IsNullOrWhiteSpace(options.ChannelId);
        if (hasTeam && !Guid.TryParse(options.TeamId, out _))
        {
            problems.Add($"{Prefix}TeamId '{options.TeamId}' must be the team's group id (a GUID).");
        }
        if (hasChannel && !(options.ChannelId!.StartsWith("19:", StringComparison.Ordinal) && options.ChannelId.Contains("@thread.", StringComparison.Ordinal)))
        {
            problems.Add($"{Prefix}ChannelId '{options.ChannelId}' must be a channel id like 19:...@thread.tacv2.");
        }
        if (hasTeam != hasChannel)
        {
            problems.Add(hasTeam
                ? $"{Prefix}TeamId is set but {Prefix}ChannelId is not: posting to a channel needs both."
                : $"{Prefix}ChannelId is set but {Prefix}TeamId is not: posting to a channel needs both.");
        }
    }

    private static bool IsAbsoluteUrl(string value, bool allowHttp) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        && !string.IsNullOrEmpty(uri.Host);

    private static bool IsEmailAddress(string value) =>
        !string.IsNullOrWhiteSpace(value)
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value.Trim()
        && address.DisplayName.Length == 0;

    private static bool IsUsablePath(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return false;
        }
        try
        {
            _ = Path.GetFullPath(value);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
