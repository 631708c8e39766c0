using Azure;
using Azure.Data.Tables;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>A row of the <c>DigestPosts</c> table: PartitionKey = ISO week, RowKey = transport name.</summary>
internal sealed class DigestPostEntity : ITableEntity
{
    public const string Claimed = "claimed";
    public const string Posted = "posted";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary><see cref="Claimed"/> or <see cref="Posted"/>.</summary>
    public string? Status { get; set; }

    /// <summary>The run that claimed the post (absent once posted).</summary>
    public string? ClaimId { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset? PostedAt { get; set; }
}
