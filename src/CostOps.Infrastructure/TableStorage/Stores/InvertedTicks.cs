using System.Globalization;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>RowKeys that sort newest first (Table storage only sorts ascending).</summary>
public static class InvertedTicks
{
    public static string For(DateTimeOffset time) =>
        (DateTime.MaxValue.Ticks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
