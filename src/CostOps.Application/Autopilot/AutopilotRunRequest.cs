using CostOps.Domain.Autopilot;

namespace CostOps.Application.Autopilot;

/// <summary>Who asks for an autopilot run, and how far they allow it to go.</summary>
/// <param name="Trigger"><c>timer</c>, <c>http</c> or <c>cli</c>, kept in the Runs row.</param>
/// <param name="ModeCap">The caller's limit on the mode (the CLI's <c>--mode</c>): the stricter of it, the configured
/// global mode and each workload's mode applies, so a caller can only narrow what configuration allows. Null: no
/// limit beyond configuration (the timer).</param>
public sealed record AutopilotRunRequest(string Trigger, AutopilotMode? ModeCap = null);
