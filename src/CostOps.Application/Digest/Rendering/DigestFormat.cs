namespace CostOps.Application.Digest.Rendering;

/// <summary>The forms a digest can be rendered in.</summary>
public enum DigestFormat
{
    /// <summary>Adaptive Card JSON (schema 1.5) for Teams.</summary>
    AdaptiveCard,

    /// <summary>A self-contained HTML document with inline CSS, for e-mail and local files.</summary>
    Html,

    /// <summary>Plain text.</summary>
    Text,
}
