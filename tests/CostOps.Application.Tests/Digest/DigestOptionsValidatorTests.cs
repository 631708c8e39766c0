using CostOps.Application.Digest;

namespace CostOps.Application.Tests.Digest;

public sealed class DigestOptionsValidatorTests
{
    private const string SecretWebhook = "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=TOPSECRETSIG";

    private static DigestOptions Valid() => new()
    {
        WebhookUrl = SecretWebhook,
        GraphMailbox = "costops@contoso.com",
        Recipients = ["finops@contoso.com", "channel-abc@contoso.onmicrosoft.com"],
        TeamId = "8b1f2c7e-58a1-4a53-9f0f-31e0d1c2b3a4",
        ChannelId = "19:4f3e2d1c0b9a@thread.tacv2",
        OutputDirectory = "out/digests",
        DashboardUrl = "https://costops.example.com/dashboard",
    };

    private static IReadOnlyList<string> Problems(DigestOptions options) =>
        new DigestOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void TheBaseline_IsValid()
    {
        Assert.Empty(Problems(Valid()));
    }

    [Fact]
    public void NoTransportAtAll_IsValid_SinceAPreviewNeedsNone()
    {
        Assert.Empty(Problems(new DigestOptions()));
    }

    public static TheoryData<string, string> OneBadField => new()
    {
        { "WebhookUrl=http", "CostOps:Digest:WebhookUrl must be an absolute https URL" },
        { "WebhookUrl=relative", "CostOps:Digest:WebhookUrl must be an absolute https URL" },
        { "WebhookUrl=office365", "CostOps:Digest:WebhookUrl is an Office 365 connector webhook" },
        { "WebhookMaxAttempts=0", "CostOps:Digest:WebhookMaxAttempts must be between 1 and 10" },
        { "GraphMailbox=bad", "CostOps:Digest:GraphMailbox 'not a mailbox' must be a user principal name" },
        { "GraphMailbox=missing", "CostOps:Digest:Recipients is set but CostOps:Digest:GraphMailbox is not" },
        { "Recipients=empty", "CostOps:Digest:GraphMailbox is set but CostOps:Digest:Recipients is empty" },
        { "Recipients=bad", "CostOps:Digest:Recipients:1 'finops at contoso' is not an e-mail address." },
        { "TeamId=bad", "CostOps:Digest:TeamId 'sales' must be the team's group id (a GUID)." },
        { "TeamId=missing", "CostOps:Digest:ChannelId is set but CostOps:Digest:TeamId is not" },
        { "ChannelId=bad", "CostOps:Digest:ChannelId 'general' must be a channel id like 19:...@thread.tacv2." },
        { "ChannelId=missing", "CostOps:Digest:TeamId is set but CostOps:Digest:ChannelId is not" },
        { "OutputDirectory=bad", "CostOps:Digest:OutputDirectory" },
        { "DashboardUrl=bad", "CostOps:Digest:DashboardUrl 'dashboard' must be an absolute http or https URL." },
        { "CardMaxBytes=big", "CostOps:Digest:CardMaxBytes must be between 4000 and 28000" },
    };

    [Theory]
    [MemberData(nameof(OneBadField))]
    public void EachBadField_IsReportedAlone_NamingItsKey(string change, string expected)
    {
        var options = Valid();
        Apply(options, change);

        var problem = Assert.Single(Problems(options));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://prod-12.westeurope.logic.azure.com/workflows/abc?sig=TOPSECRETSIG")]
    [InlineData("not a url but TOPSECRETSIG")]
    public void AnInvalidWebhookUrl_IsNeverRepeatedInTheMessage(string url)
    {
        var options = Valid();
        options.WebhookUrl = url;

        var problem = Assert.Single(Problems(options));

        Assert.DoesNotContain("TOPSECRETSIG", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("logic.azure.com", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsReported_NotJustTheFirst()
    {
        var options = new DigestOptions { Recipients = ["nope"], TeamId = "x", DashboardUrl = "ftp://x" };

        Assert.Equal(5, Problems(options).Count);
    }

    [Fact]
    public void TheEnabledTransports_FollowTheSettingsPresent()
    {
        var options = Valid();
        Assert.True(options.WebhookEnabled && options.GraphMailEnabled && options.GraphChannelEnabled && options.FileSinkEnabled);

        var none = new DigestOptions();
        Assert.False(none.WebhookEnabled || none.GraphMailEnabled || none.GraphChannelEnabled || none.FileSinkEnabled);
    }

    private static void Apply(DigestOptions options, string change)
    {
        switch (change)
        {
            case "WebhookUrl=http": options.WebhookUrl = "http://prod-12.westeurope.logic.azure.com/workflows/abc?sig=TOPSECRETSIG"; break;
            case "WebhookUrl=relative": options.WebhookUrl = "/workflows/abc"; break;
            case "WebhookUrl=office365": options.WebhookUrl = "https://contoso.webhook.office.com/webhookb2/abc"; break;
            case "WebhookMaxAttempts=0": options.WebhookMaxAttempts = 0; break;
            case "GraphMailbox=bad": options.GraphMailbox = "not a mailbox"; break;
            case "GraphMailbox=missing": options.GraphMailbox = null; break;
            case "Recipients=empty": options.Recipients = []; break;
            case "Recipients=bad": options.Recipients = ["finops@contoso.com", "finops at contoso"]; break;
            case "TeamId=bad": options.TeamId = "sales"; break;
            case "TeamId=missing": options.TeamId = null; break;
            case "ChannelId=bad": options.ChannelId = "general"; break;
            case "ChannelId=missing": options.ChannelId = null; break;
            case "OutputDirectory=bad": options.OutputDirectory = "out\0dir"; break;
            case "DashboardUrl=bad": options.DashboardUrl = "dashboard"; break;
            case "CardMaxBytes=big": options.CardMaxBytes = 40_000; break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }
}
