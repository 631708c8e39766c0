using Azure;
using Azure.Data.Tables;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>A row of the <c>Leases</c> table: PartitionKey = lease name, RowKey = <c>lease</c>.</summary>
internal sealed class LeaseEntity : ITableEntity
{
    public const string Row = "lease";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Who holds (or last held) the lease.</summary>
    public string? Owner { get; set; }

    /// <summary>When the holder's claim ends unless renewed.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
