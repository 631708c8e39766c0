using CostOps.Application.Results;

namespace CostOps.Application.Autopilot;

/// <summary>What the autopilot already did to a workload's fleet, from its stored claims.</summary>
public sealed class ActionHistory
{
    private readonly Dictionary<string, DateTimeOffset> _lastWrite;
    private readonly IReadOnlyList<DecisionClaim> _claims;

    public ActionHistory(IReadOnlyList<DecisionClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        _claims = claims;
        // ARM ids are case-insensitive.
        _lastWrite = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        foreach (var (resourceId, at) in claims.SelectMany(c => c.Writes))
        {
            if (!_lastWrite.TryGetValue(resourceId, out var known) || at > known)
            {
                _lastWrite[resourceId] = at;
            }
        }
    }

    public static ActionHistory None { get; } = new([]);

    /// <summary>When the autopilot last wrote (or may have written) to the resource; null if never. Feeds the cooldown.</summary>
    public DateTimeOffset? LastActionAt(string resourceId) => _lastWrite.TryGetValue(resourceId, out var at) ? at : null;

    /// <summary>Writes already sent (or possibly sent) for decisions of <paramref name="day"/>: they count against that night's budget.</summary>
    public int WritesFor(DateOnly day) => _claims.Where(c => c.Day == day).Sum(c => c.Writes.Count());
}
