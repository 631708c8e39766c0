using System.Globalization;

namespace CostOps.Application.Nightly;

/// <summary>Run ids that sort by time and stay unique: <c>20261123T013000Z-1a2b3c4d</c>.</summary>
public static class RunIds
{
    public static string New(DateTimeOffset startedAt) =>
        startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
}
