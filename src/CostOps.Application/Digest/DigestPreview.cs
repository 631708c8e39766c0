using CostOps.Application.Digest.Rendering;

namespace CostOps.Application.Digest;

/// <summary>A rendered digest that was not published.</summary>
/// <param name="Week">The week it covers.</param>
/// <param name="Format">The form it was rendered in.</param>
/// <param name="ContentType">The media type of <paramref name="Content"/> (for an HTTP response or a file).</param>
/// <param name="Content">The rendered digest.</param>
public sealed record DigestPreview(IsoWeek Week, DigestFormat Format, string ContentType, string Content);
