using System.Text.Json;
using CostOps.Domain.Autopilot;
using static CostOps.Domain.Tests.Autopilot.AutopilotBuilders;

namespace CostOps.Domain.Tests.Autopilot;

public sealed class DecisionRecordTests
{
    [Fact]
    public void TheRecord_CarriesTheDecisionAndItsInputsAsPrimitives()
    {
        var window = Nights(0.5m, 0.5m, 0.5m, 0.5m, 0.5m);
        window[4] = window[4] with { Completeness = 0.95m };
        var decision = Decide(Workload(window, Vm("vm-a"), Vm("vm-b", tags: new Dictionary<string, string>())), Run(AutopilotMode.DryRun));

        var record = decision.ToRecord();

        Assert.Equal(decision.Id, record.DecisionId);
        Assert.Equal("triage", record.WorkloadId);
        Assert.Equal("2026-11-21", record.Day);
        Assert.Equal(Now, record.EvaluatedAt);
        Assert.Equal("dry-run", record.Mode);
        Assert.Equal("pause", record.Action);
        Assert.Equal("pause", record.ProposedAction);
        Assert.Equal("pause-below-break-even", record.Rule);
        Assert.Equal("opt-in-missing", record.BlockedBy);
        Assert.False(record.WillAct);
        Assert.Equal(decision.Reason, record.Reason);
        Assert.Equal("dry-run", record.GlobalMode);
        Assert.Equal("enforce", record.PolicyMode);
        Assert.Equal(0.15, record.Band);
        Assert.Equal(5, record.ConsecutiveDays);
        Assert.Equal(72.0, record.CooldownHours);
        Assert.Equal(0.9, record.MinCompleteness);
        Assert.Equal(7.0, record.MaxPriceAgeDays);
        Assert.Equal(3, record.MaxActionsPerRun);
        Assert.Equal(FreshPrices, record.PricesFetchedAt);
        Assert.Equal($"{VmId("vm-a")};{VmId("vm-b")}", record.ResourceIds);
    }

    [Fact]
    public void TheWindowJson_HoldsEveryNightWithItsFigures()
    {
        var window = Nights(0.5m, 0.5m, 0.5m, 0.5m, 0.5m);
        window[4] = window[4] with { Completeness = 0.95m };

        using var json = JsonDocument.Parse(Decide(Workload(window, Vm())).ToRecord().WindowJson);

        var nights = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(5, nights.Count);
        var last = nights[4];
        Assert.Equal("2026-11-21", last.GetProperty("day").GetString());
        Assert.Equal(0.5m, last.GetProperty("demandRatio").GetDecimal());
        Assert.Equal(73_000m, last.GetProperty("breakEvenRequestsPerMonth").GetDecimal());
        Assert.Equal(0.95m, last.GetProperty("completeness").GetDecimal());
        Assert.Equal("below", last.GetProperty("signal").GetString());
        Assert.True(last.GetProperty("present").GetBoolean());
    }

    [Fact]
    public void TheTargetsJson_HoldsEachResourcesPlanAndObservedState()
    {
        var decision = Decide(Workload(Nights(0.5m, 0.5m, 0.5m, 0.5m, 0.5m), [ScaleSet(capacity: 3, lastActionAt: Now.AddDays(-10))]));

        using var json = JsonDocument.Parse(decision.ToRecord().TargetsJson);

        var target = json.RootElement[0];
        Assert.Equal(ScaleSetId("vmss-a"), target.GetProperty("resourceId").GetString());
        Assert.Equal("scale-set", target.GetProperty("kind").GetString());
        Assert.Equal("set-capacity", target.GetProperty("operation").GetString());
        Assert.Equal(0, target.GetProperty("capacity").GetInt32());
        Assert.Equal("act", target.GetProperty("status").GetString());
        Assert.Equal(3, target.GetProperty("currentCapacity").GetInt32());
        Assert.True(target.GetProperty("optedIn").GetBoolean());
        Assert.Equal(JsonValueKind.Null, target.GetProperty("excluded").ValueKind);
        Assert.Equal(Now.AddDays(-10), target.GetProperty("lastActionAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData(AutopilotMode.DryRun, "dry-run")]
    [InlineData(DecisionAction.ScaleUp, "scale-up")]
    [InlineData(Guardrail.MaxActionsPerRun, "max-actions-per-run")]
    public void EnumValues_AreStoredInKebabCase(object value, string expected)
    {
        var text = value switch
        {
            AutopilotMode mode => DecisionRecord.Kebab(mode),
            DecisionAction action => DecisionRecord.Kebab(action),
            Guardrail guard => DecisionRecord.Kebab(guard),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };

        Assert.Equal(expected, text);
    }
}
