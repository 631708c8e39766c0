using Azure;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>
/// The DailyTco rows of one table prefix, each reduced to its figures: every property but the run id and the times
/// (<c>RunId</c>, <c>ComputedAt</c>, <c>Timestamp</c>, the ETag), which are the only things a re-run may change.
/// </summary>
internal static class StoredDailyTco
{
    private static readonly HashSet<string> s_varying = new(StringComparer.Ordinal) { "RunId", "ComputedAt", "Timestamp", "odata.etag" };

    public static async Task<SortedDictionary<string, string>> ReadAsync(string connectionString, string prefix)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(CostOpsTableNames.WithPrefix(prefix).DailyTco);
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                rows[$"{entity.PartitionKey}/{entity.RowKey}"] = Figures(entity);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Killed before the first row: the run's Runs row is written first, so the DailyTco table may not exist yet.
        }
        return rows;
    }

    private static string Figures(TableEntity entity)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in entity.Where(p => !s_varying.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append(';');
        }
        return text.ToString();
    }
}
