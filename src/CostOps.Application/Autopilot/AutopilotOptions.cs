using CostOps.Domain.Autopilot;

namespace CostOps.Application.Autopilot;

/// <summary>
/// Deployment-wide autopilot settings (section <c>CostOps:Autopilot</c>). The ARM connection lives
/// in <c>CostOps:Autopilot:Arm</c> (see the infrastructure's ARM options). The timer schedule is the
/// app setting <c>AutopilotSchedule</c> (default <see cref="DefaultSchedule"/>, after the nightly TCO).
/// </summary>
public sealed class AutopilotOptions
{
    public const string Section = "CostOps:Autopilot";

    /// <summary>The documented default of the <c>AutopilotSchedule</c> app setting: 02:30 UTC daily, an hour after NightlyTco.</summary>
    public const string DefaultSchedule = "0 30 2 * * *";

    /// <summary>
    /// The global mode: <c>off</c>, <c>dry-run</c> (default) or <c>enforce</c>. Each workload gets
    /// the stricter of this and its catalog mode, so enforce needs both to say enforce.
    /// </summary>
    public string Mode { get; set; } = AutopilotModes.DryRun;

    /// <summary>Most resource writes one run (one night) sends, across workloads.</summary>
    public int MaxActionsPerRun { get; set; } = AutopilotRun.DefaultMaxActionsPerRun;

    /// <summary>
    /// How long the <c>autopilot</c> lease lasts; it is renewed before each decision acted on, so it
    /// must outlast the longest decision (the ARM operation timeout times the action budget).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Workloads whose inputs (DailyTco window, fleet state, past actions) are read at once.</summary>
    public int MaxParallelism { get; set; } = 4;

    /// <summary>The parsed <see cref="Mode"/> (Off when unreadable; the validator stops the start before that matters).</summary>
    public AutopilotMode GlobalMode => AutopilotModes.ParseOrOff(Mode);

    /// <summary>
    /// A JSON file describing the fleet (offline plans, the demo) instead of ARM; a fleet file can
    /// be planned against but never changed.
    /// </summary>
    public string? FleetFile { get; set; }
}
