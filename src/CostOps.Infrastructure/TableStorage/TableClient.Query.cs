using System.Text.Json;
using Azure;
using Azure.Core;

namespace CostOps.Infrastructure.TableStorage;

public partial class TableClient
{
    /// <summary>
    /// Queries the table. Pages follow the service's <c>x-ms-continuation-NextPartitionKey</c> /
    /// <c>NextRowKey</c> headers until both are absent (a page may be empty yet continue).
    /// </summary>
    /// <param name="filter">An OData filter, e.g. from <see cref="CreateQueryFilter"/>; null for all entities.</param>
    /// <param name="maxPerPage">Entities per page, 1–1,000 (the service's maximum and default).</param>
    /// <param name="select">Property names to return; null for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public virtual AsyncPageable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        if (maxPerPage is < 1 or > TableConstants.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, $"A page holds 1 to {TableConstants.MaxPageSize} entities.");
        }
        var columns = select?.ToArray();
        return new TableQueryPageable(
            (continuation, pageSize, ct) => QueryPageAsync(filter, pageSize ?? maxPerPage, columns, continuation, ct),
            cancellationToken);
    }

    /// <summary>
    /// Builds an OData filter from an interpolated string, formatting each argument as a literal
    /// (strings quoted with quotes doubled, <c>L</c> for Int64, <c>datetime'..'</c>, <c>guid'..'</c>,
    /// <c>X'..'</c>), so values cannot change the filter's meaning.
    /// </summary>
    public static string CreateQueryFilter(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments().Select(TableODataLiteral.Format).ToArray();
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, filter.Format, arguments);
    }

    private async Task<Page<TableEntity>> QueryPageAsync(string? filter, int? top, string[]? select, string? continuation, CancellationToken cancellationToken)
    {
        using var message = _http.CreateMessage(RequestMethod.Get, Name + "()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }
        if (top is { } pageSize)
        {
            uri.AppendQuery("$top", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        }
        AppendSelect(message, select);
        if (continuation is not null)
        {
            var (nextPartitionKey, nextRowKey) = TableQueryPageable.SplitToken(continuation);
            uri.AppendQuery("NextPartitionKey", nextPartitionKey, escapeValue: true);
            if (nextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", nextRowKey, escapeValue: true);
            }
        }

        var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw TableServiceError.ToException(response, $"Querying table '{Name}'");
        }
        var entities = new List<TableEntity>();
        using (var document = JsonDocument.Parse(response.Content))
        {
            if (document.RootElement.TryGetProperty("value", out var values))
            {
                foreach (var element in values.EnumerateArray())
                {
                    entities.Add(TableEntityJson.Read(element));
                }
            }
        }
        response.Headers.TryGetValue(TableConstants.ContinuationNextPartitionKey, out var nextPk);
        response.Headers.TryGetValue(TableConstants.ContinuationNextRowKey, out var nextRk);
        return Page<TableEntity>.FromValues(entities, TableQueryPageable.JoinToken(nextPk, nextRk), response);
    }
}
