namespace CostOps.Infrastructure.TableStorage;

/// <summary>Table name rules: 3–63 alphanumeric characters, starting with a letter, not "tables".</summary>
internal static class TableNames
{
    public static void Validate(string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        var valid = tableName.Length is >= 3 and <= 63
            && char.IsAsciiLetter(tableName[0])
            && tableName.All(char.IsAsciiLetterOrDigit)
            && !string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            throw new ArgumentException(
                $"Table name '{tableName}' is invalid: use 3-63 letters and digits, starting with a letter (and not 'tables').",
                nameof(tableName));
        }
    }

    /// <summary>The entity path <c>table(PartitionKey='..',RowKey='..')</c>, quotes doubled then percent-encoded.</summary>
    public static string EntityPath(string tableName, string partitionKey, string rowKey) =>
        $"{tableName}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
