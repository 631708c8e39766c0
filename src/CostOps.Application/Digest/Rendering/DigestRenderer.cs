namespace CostOps.Application.Digest.Rendering;

/// <summary>Renders one digest in every form (card, HTML, text) for the publisher, or in one form for a preview.</summary>
public sealed class DigestRenderer(DigestRenderOptions options)
{
    private readonly AdaptiveCardRenderer _card = new(options);
    private readonly HtmlDigestRenderer _html = new(options);
    private readonly TextDigestRenderer _text = new(options);

    /// <summary>Renders every form.</summary>
    public RenderedDigest Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return new RenderedDigest(digest.Week, DigestNumbers.Subject(digest), _card.RenderJson(digest), _html.Render(digest), _text.Render(digest));
    }

    /// <summary>Renders one form.</summary>
    public string Render(WeeklyDigest digest, DigestFormat format) => format switch
    {
        DigestFormat.AdaptiveCard => _card.RenderJson(digest),
        DigestFormat.Html => _html.Render(digest),
        DigestFormat.Text => _text.Render(digest),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown digest format."),
    };
}
