using CostOps.Domain.Autopilot;

namespace CostOps.Application.Autopilot;

/// <summary>The modes as configuration, the catalog and the CLI spell them: <c>off</c>, <c>dry-run</c>, <c>enforce</c>.</summary>
public static class AutopilotModes
{
    public const string Off = "off";
    public const string DryRun = "dry-run";
    public const string Enforce = "enforce";

    public static IReadOnlyList<string> All { get; } = [Off, DryRun, Enforce];

    /// <summary>Parses a mode name (case-insensitive, surrounding spaces ignored).</summary>
    public static bool TryParse(string? text, out AutopilotMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case Off:
                mode = AutopilotMode.Off;
                return true;
            case DryRun:
                mode = AutopilotMode.DryRun;
                return true;
            case Enforce:
                mode = AutopilotMode.Enforce;
                return true;
            default:
                mode = AutopilotMode.Off;
                return false;
        }
    }

    /// <summary>A mode name, or <see cref="AutopilotMode.Off"/> for anything unknown: an unreadable mode must never widen what the autopilot may do.</summary>
    public static AutopilotMode ParseOrOff(string? text) => TryParse(text, out var mode) ? mode : AutopilotMode.Off;

    public static string Name(AutopilotMode mode) => DecisionRecord.Kebab(mode);
}
