namespace CostOps.Infrastructure.Pipeline;

/// <summary>
/// Follows server-provided paging links only to the host the source is configured for, so a tampered or
/// misrouted link can never receive the source's credentials.
/// </summary>
public static class NextLink
{
    public static Uri Resolve(SourceContext source, Uri endpoint, string link)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!Uri.TryCreate(endpoint, link, out var next))
        {
            throw TelemetryHttp.Malformed(source, "the next-page link is not a valid URI.");
        }
        if (!string.Equals(next.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(next.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase)
            || next.Port != endpoint.Port)
        {
            throw TelemetryHttp.Malformed(source, $"the next-page link points to another host ({next.Scheme}://{next.Authority}).");
        }
        return next;
    }
}
