namespace CostOps.Infrastructure.Teams;

/// <summary>
/// Keeps the webhook URL out of anything we show: the URL carries its own signature (<c>sig=</c>), so the whole
/// URL, its path and every query value are treated as secret.
/// </summary>
internal static class WebhookSecret
{
    private const string Redacted = "[redacted]";

    /// <summary>Removes every fragment of <paramref name="url"/> from <paramref name="text"/>.</summary>
    public static string Scrub(string text, string url)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        var fragments = new List<string> { url };
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            fragments.Add(uri.AbsoluteUri);
            fragments.Add(uri.PathAndQuery);
            fragments.Add(Uri.UnescapeDataString(uri.PathAndQuery));
            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var value = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
                if (value.Length >= 6)
                {
                    fragments.Add(value);
                    fragments.Add(Uri.UnescapeDataString(value));
                }
            }
        }
        foreach (var fragment in fragments.Where(f => f.Length > 1).Distinct().OrderByDescending(f => f.Length))
        {
            text = text.Replace(fragment, Redacted, StringComparison.OrdinalIgnoreCase);
        }
        return text;
    }
}
