using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.LlmProviders;

/// <summary>
/// The <c>has_more</c> / <c>next_page</c> cursor paging both admin APIs use, with guards against a server that
/// says "more" without a cursor or repeats a cursor (which would otherwise loop forever).
/// </summary>
internal static class CursorPaging
{
    private const int MaxPages = 1_000;

    public static async Task<List<TItem>> ReadAllAsync<TItem>(
        Func<string?, CancellationToken, Task<(IReadOnlyList<TItem> Items, bool HasMore, string? NextPage)>> readPage,
        SourceContext source,
        CancellationToken cancellationToken)
    {
        var items = new List<TItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var (pageItems, hasMore, next) = await readPage(cursor, cancellationToken).ConfigureAwait(false);
            items.AddRange(pageItems);
            if (!hasMore)
            {
                return items;
            }
            if (string.IsNullOrEmpty(next))
            {
                throw TelemetryHttp.Malformed(source, "has_more is true but next_page is empty.");
            }
            if (!seen.Add(next))
            {
                throw TelemetryHttp.Malformed(source, "next_page repeats an earlier cursor.");
            }
            cursor = next;
        }
        throw TelemetryHttp.Malformed(source, $"more than {MaxPages} pages.");
    }
}
