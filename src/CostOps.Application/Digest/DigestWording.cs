using CostOps.Application.Autopilot;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Digest;

/// <summary>The words the digest uses for its enums, shared by the builder and every renderer.</summary>
internal static class DigestWording
{
    public static string Action(DecisionAction action) => action switch
    {
        DecisionAction.Pause => "Pause",
        DecisionAction.Resume => "Resume",
        DecisionAction.ScaleUp => "Scale up",
        DecisionAction.ScaleDown => "Scale down",
        _ => "Hold",
    };

    public static string Mode(AutopilotMode mode) => AutopilotModes.Name(mode);

    public static string Outcome(DigestActionOutcome outcome) => outcome switch
    {
        DigestActionOutcome.Planned => "planned",
        DigestActionOutcome.Done => "done",
        DigestActionOutcome.Failed => "failed",
        _ => "blocked",
    };
}
