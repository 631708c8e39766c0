namespace CostOps.Application.Digest.Rendering;

/// <summary>One digest in every form the transports need.</summary>
/// <param name="Week">The week it covers.</param>
/// <param name="Subject">A one-line subject (e-mail subject, file title).</param>
/// <param name="CardJson">The Adaptive Card, serialized (within <see cref="DigestRenderOptions.CardMaxBytes"/>).</param>
/// <param name="Html">The self-contained HTML document.</param>
/// <param name="Text">The plain-text version.</param>
public sealed record RenderedDigest(IsoWeek Week, string Subject, string CardJson, string Html, string Text);
