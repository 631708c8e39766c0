using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// Pages of a query. The continuation token is "NextPartitionKey NextRowKey" (the service's
/// tokens contain no spaces), or null when the service sent neither header.
/// </summary>
internal sealed class TableQueryPageable(
    Func<string?, int?, CancellationToken, Task<Page<TableEntity>>> fetchPage,
    CancellationToken cancellationToken) : AsyncPageable<TableEntity>(cancellationToken)
{
    public override async IAsyncEnumerable<Page<TableEntity>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        var token = continuationToken;
        do
        {
            var page = await fetchPage(token, pageSizeHint, CancellationToken).ConfigureAwait(false);
            yield return page;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    public static string? JoinToken(string? nextPartitionKey, string? nextRowKey) =>
        string.IsNullOrEmpty(nextPartitionKey) && string.IsNullOrEmpty(nextRowKey)
            ? null
            : $"{nextPartitionKey} {nextRowKey}";

    public static (string NextPartitionKey, string? NextRowKey) SplitToken(string token)
    {
        var space = token.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return (token, null);
        }
        var rowKey = token[(space + 1)..];
        return (token[..space], rowKey.Length == 0 ? null : rowKey);
    }
}
