using CostOps.Application.Verdicts;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Autopilot;

/// <summary>The autopilot's decision for one workload, and what kept it from seeing the whole picture.</summary>
/// <param name="Decision">The rules' decision. When <paramref name="Problems"/> is not empty it is a hold, and its reason
/// ends with one "held: ..." clause per problem.</param>
/// <param name="Problems">Inputs that could not be read (fleet state, past actions, DailyTco), in words; empty when all were.</param>
/// <param name="Verdict">The workload's latest verdict as of the evaluated night (the same one <c>GET /api/workloads</c> reports),
/// with the newer nights that lack data.</param>
public sealed record WorkloadPlan(Decision Decision, IReadOnlyList<string> Problems, WorkloadVerdict Verdict)
{
    public string WorkloadId => Decision.WorkloadId;

    /// <summary>An input could not be read, so the workload was held whatever its figures say.</summary>
    public bool HasProblems => Problems.Count > 0;
}
