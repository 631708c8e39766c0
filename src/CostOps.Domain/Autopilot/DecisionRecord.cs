using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CostOps.Domain.Autopilot;

/// <summary>
/// A <see cref="Decision"/> as one flat table row: strings, numbers, booleans and dates only, with
/// the targets and the window as compact JSON strings (well under the 64 KiB property limit for any
/// realistic window). Enum values are kebab-case ("dry-run", "scale-up"), as in docs/economics.md.
/// Decimal thresholds are stored as doubles, which Table Storage can query.
/// </summary>
/// <param name="BlockedBy">Guardrails, comma-separated, kebab-case; empty when none.</param>
/// <param name="ResourceIds">Every resource id of the decision, separated by ';'.</param>
/// <param name="TargetsJson">[{resourceId, kind, operation, capacity, status, blockedBy[], powerState, currentCapacity, sku, scarceSku, optedIn, excluded, lastActionAt}]</param>
/// <param name="WindowJson">[{day, present, demandRatio, breakEvenRequestsPerMonth, projectedRequestsPerMonth, neverBreaksEven, completeness, signal, instancesNeeded}]</param>
public sealed record DecisionRecord(
    string DecisionId,
    string WorkloadId,
    string Day,
    DateTimeOffset EvaluatedAt,
    string Mode,
    string Action,
    string ProposedAction,
    string Rule,
    string BlockedBy,
    bool WillAct,
    string Reason,
    string GlobalMode,
    string PolicyMode,
    double Band,
    int ConsecutiveDays,
    double CooldownHours,
    double MinCompleteness,
    double MaxPriceAgeDays,
    bool AllowDeallocateScarceSku,
    int MinInstances,
    int MaxInstances,
    int MaxActionsPerRun,
    int ActionsAlreadyTaken,
    double? CapacityPerInstance,
    DateTimeOffset? PricesFetchedAt,
    string ResourceIds,
    string TargetsJson,
    string WindowJson)
{
    public static DecisionRecord From(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var inputs = decision.Inputs;
        var policy = inputs.Policy;
        return new DecisionRecord(
            decision.Id,
            decision.WorkloadId,
            decision.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            decision.EvaluatedAt,
            Kebab(decision.Mode),
            Kebab(decision.Action),
            Kebab(decision.ProposedAction),
            Kebab(decision.Rule),
            string.Join(",", decision.BlockedBy.Select(g => Kebab(g))),
            decision.WillAct,
            decision.Reason,
            Kebab(inputs.GlobalMode),
            Kebab(policy.Mode),
            (double)policy.Band,
            policy.ConsecutiveDays,
            policy.Cooldown.TotalHours,
            (double)policy.MinCompleteness,
            policy.MaxPriceAge.TotalDays,
            policy.AllowDeallocateScarceSku,
            inputs.MinInstances,
            inputs.MaxInstances,
            inputs.MaxActionsPerRun,
            inputs.ActionsAlreadyTaken,
            (double?)inputs.CapacityPerInstance,
            inputs.PricesFetchedAt,
            string.Join(";", decision.Targets.Select(t => t.ResourceId)),
            WriteTargets(decision.Targets),
            WriteWindow(inputs.Window));
    }

    /// <summary>"dry-run" → DryRun, the inverse of <see cref="Kebab{TEnum}"/>.</summary>
    /// <exception cref="FormatException">Not a value of <typeparamref name="TEnum"/>.</exception>
    public static TEnum ParseKebab<TEnum>(string? text)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name}");

    /// <summary>The evaluated UTC night (<see cref="Day"/>).</summary>
    public DateOnly Night => DateOnly.ParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What the decision does (<see cref="Action"/>).</summary>
    public DecisionAction ActionValue => ParseKebab<DecisionAction>(Action);

    /// <summary>What the rule asked for before guardrails (<see cref="ProposedAction"/>).</summary>
    public DecisionAction ProposedActionValue => ParseKebab<DecisionAction>(ProposedAction);

    /// <summary>The effective mode (<see cref="Mode"/>).</summary>
    public AutopilotMode ModeValue => ParseKebab<AutopilotMode>(Mode);

    /// <summary>"DryRun" → "dry-run", "ScaleUpToDemand" → "scale-up-to-demand".</summary>
    public static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    private static string WriteTargets(IReadOnlyList<ResourceTarget> targets) => Json(writer =>
    {
        writer.WriteStartArray();
        foreach (var target in targets)
        {
            var resource = target.Resource;
            writer.WriteStartObject();
            writer.WriteString("resourceId", resource.Id);
            writer.WriteString("kind", Kebab(resource.Kind));
            writer.WriteString("operation", Kebab(target.Operation));
            WriteNumber(writer, "capacity", target.Capacity);
            writer.WriteString("status", Kebab(target.Status));
            writer.WriteStartArray("blockedBy");
            foreach (var guard in target.BlockedBy)
            {
                writer.WriteStringValue(Kebab(guard));
            }
            writer.WriteEndArray();
            if (resource.Kind == ComputeResourceKind.VirtualMachine)
            {
                writer.WriteString("powerState", Kebab(resource.PowerState));
            }
            else
            {
                WriteNumber(writer, "currentCapacity", resource.Capacity);
            }
            writer.WriteString("sku", resource.Sku);
            writer.WriteBoolean("scarceSku", resource.ScarceSku);
            writer.WriteBoolean("optedIn", AutopilotTags.IsOptedIn(resource.Tags));
            writer.WriteString("excluded", AutopilotTags.ExclusionOf(resource.Tags));
            if (resource.LastActionAt is { } last)
            {
                writer.WriteString("lastActionAt", last);
            }
            else
            {
                writer.WriteNull("lastActionAt");
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    private static string WriteWindow(IReadOnlyList<WindowNight> window) => Json(writer =>
    {
        writer.WriteStartArray();
        foreach (var night in window)
        {
            writer.WriteStartObject();
            writer.WriteString("day", night.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteBoolean("present", night.Present);
            WriteNumber(writer, "demandRatio", night.DemandRatio);
            WriteNumber(writer, "breakEvenRequestsPerMonth", night.BreakEvenRequestsPerMonth);
            WriteNumber(writer, "projectedRequestsPerMonth", night.ProjectedRequestsPerMonth);
            writer.WriteBoolean("neverBreaksEven", night.NeverBreaksEven);
            WriteNumber(writer, "completeness", night.Completeness);
            writer.WriteString("signal", Kebab(night.Signal));
            WriteNumber(writer, "instancesNeeded", night.InstancesNeeded);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    private static void WriteNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
