namespace CostOps.Infrastructure.TableStorage;

/// <summary>Wire constants of the Table service REST API (x-ms-version 2019-02-02) and its documented limits.</summary>
internal static class TableConstants
{
    public const string ApiVersion = "2019-02-02";
    public const string StorageScope = "https://storage.azure.com/.default";

    // Minimal metadata brings back the annotations that cannot be inferred from JSON (Int64,
    // DateTime, Guid, Binary) and the per-entity etag, which is what a typed round-trip needs.
    public const string AcceptMinimalMetadata = "application/json;odata=minimalmetadata";
    public const string AcceptNoMetadata = "application/json;odata=nometadata";
    public const string JsonContentType = "application/json";
    public const string ReturnNoContent = "return-no-content";

    public const string PartitionKey = "PartitionKey";
    public const string RowKey = "RowKey";
    public const string Timestamp = "Timestamp";
    public const string ODataEtag = "odata.etag";
    public const string ODataTypeSuffix = "@odata.type";

    public const string ContinuationNextPartitionKey = "x-ms-continuation-NextPartitionKey";
    public const string ContinuationNextRowKey = "x-ms-continuation-NextRowKey";

    public const int MaxKeyChars = 512;                       // 1 KiB of UTF-16
    public const int MaxPropertyNameChars = 255;
    public const int MaxCustomProperties = 252;               // 255 minus PartitionKey, RowKey, Timestamp
    public const int MaxStringChars = 32 * 1024;              // 64 KiB of UTF-16
    public const int MaxBinaryBytes = 64 * 1024;
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxBatchOperations = 100;
    public const int MaxBatchBytes = 4 * 1024 * 1024;
    public const int MaxPageSize = 1000;
}
