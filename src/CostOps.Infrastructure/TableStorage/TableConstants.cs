namespace CostOps.Infrastructure.TableStorage;

/// <summary>The Table service's documented limits that we check before a request, and its system property names.</summary>
internal static class TableConstants
{
    public const string PartitionKey = "PartitionKey";
    public const string RowKey = "RowKey";
    public const string Timestamp = "Timestamp";
    public const string ODataEtag = "odata.etag";

    public const int MaxKeyChars = 512;                       // 1 KiB of UTF-16
    public const int MaxPropertyNameChars = 255;
    public const int MaxCustomProperties = 252;               // 255 minus PartitionKey, RowKey, Timestamp
    public const int MaxStringChars = 32 * 1024;              // 64 KiB of UTF-16
    public const int MaxBinaryBytes = 64 * 1024;
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxBatchOperations = 100;
    public const int MaxBatchBytes = 4 * 1024 * 1024;

    /// <summary>Whether <paramref name="name"/> is a system property the SDK keeps in the entity's dictionary.</summary>
    public static bool IsSystemProperty(string name) => name is PartitionKey or RowKey or Timestamp or ODataEtag;
}
