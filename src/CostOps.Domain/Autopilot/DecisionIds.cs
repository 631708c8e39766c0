using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CostOps.Domain.Autopilot;

/// <summary>Deterministic decision ids: a hash of what the decision does, never of when it ran.</summary>
internal static class DecisionIds
{
    /// <summary>32 lowercase hex characters (128 bits of SHA-256): safe in a Table RowKey.</summary>
    public static string Compute(string workloadId, DateOnly day, DecisionAction action, IEnumerable<ResourceTarget> actingTargets)
    {
        var canonical = new StringBuilder()
            .Append(workloadId).Append('\n')
            .Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n')
            .Append(action).Append('\n');
        // ARM ids are case-insensitive, so the hash is too.
        foreach (var target in actingTargets.OrderBy(t => t.ResourceId, StringComparer.OrdinalIgnoreCase))
        {
            canonical
                .Append(target.ResourceId.ToUpperInvariant()).Append('|')
                .Append(target.Operation).Append('|')
                .Append(target.Capacity?.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
