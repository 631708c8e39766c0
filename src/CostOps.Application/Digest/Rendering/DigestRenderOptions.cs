namespace CostOps.Application.Digest.Rendering;

/// <summary>How the digest is rendered.</summary>
/// <param name="DashboardUrl">An absolute http(s) URL linked from the card and the HTML; null for none.</param>
public sealed record DigestRenderOptions(Uri? DashboardUrl = null)
{
    /// <summary>
    /// The most the card may weigh serialized (UTF-8 bytes). Teams refuses posts over about 28 KB, counting the
    /// envelope too, and the Graph route sends the card as an escaped JSON string, so the default leaves room.
    /// </summary>
    public int CardMaxBytes { get; init; } = 24_000;

    /// <summary>The most workload rows the card lists before "and N more" (for readability, even when they would fit).</summary>
    public int CardMaxWorkloads { get; init; } = 20;
}
