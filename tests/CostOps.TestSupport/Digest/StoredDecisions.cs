using System.Globalization;
using CostOps.Application.Results;
using CostOps.Domain.Autopilot;

namespace CostOps.TestSupport.Digest;

/// <summary>Stored autopilot decisions as the autopilot run records them, with only the fields a reader reports filled in.</summary>
public static class StoredDecisions
{
    /// <summary>One decision about <paramref name="night"/>, evaluated at <paramref name="evaluatedAt"/>.</summary>
    /// <param name="mode">off, dry-run or enforce.</param>
    /// <param name="action">What the decision does (hold, pause, resume, scale-up, scale-down).</param>
    /// <param name="proposed">What the rule asked for (the action when null).</param>
    /// <param name="blockedBy">Guardrails, comma-separated, kebab-case.</param>
    public static StoredDecision Of(
        string workload, DateOnly night, DateTimeOffset evaluatedAt, string mode, string action, string reason, DecisionOutcomeStatus status,
        string? proposed = null, string blockedBy = "", string? id = null)
    {
        id ??= Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{workload}|{night:yyyy-MM-dd}|{evaluatedAt:O}|{action}")).AsSpan(0, 16));
        proposed ??= action;
        var record = new DecisionRecord(
            id, workload, night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), evaluatedAt, mode, action, proposed,
            proposed == "hold" ? "none" : proposed, blockedBy, mode == "enforce" && action != "hold", reason,
            "enforce", mode, 0.15, 5, 72, 0.9, 7, false, 1, 3, 3, 0, null, evaluatedAt.AddDays(-1), "", "[]", "[]");
        var sent = status is DecisionOutcomeStatus.Succeeded or DecisionOutcomeStatus.Failed or DecisionOutcomeStatus.Partial;
        return new StoredDecision(record, $"autopilot-{evaluatedAt:yyyyMMddHHmm}", status, sent, [], sent ? evaluatedAt.AddMinutes(2) : null);
    }
}
