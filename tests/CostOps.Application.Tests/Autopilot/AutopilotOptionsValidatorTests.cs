using CostOps.Application.Autopilot;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Tests.Autopilot;

public sealed class AutopilotOptionsValidatorTests
{
    private static AutopilotOptions Valid() => new()
    {
        Mode = "enforce",
        MaxActionsPerRun = 3,
        LeaseDuration = TimeSpan.FromHours(1),
        MaxParallelism = 4,
    };

    private static IReadOnlyList<string> Problems(AutopilotOptions options) =>
        new AutopilotOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void TheBaseline_IsValid()
    {
        Assert.Empty(Problems(Valid()));
    }

    [Fact]
    public void TheDefaults_AreValid_AndDryRun()
    {
        var defaults = new AutopilotOptions();

        Assert.Empty(Problems(defaults));
        Assert.Equal(AutopilotMode.DryRun, defaults.GlobalMode);
        Assert.Equal(3, defaults.MaxActionsPerRun);
    }

    public static TheoryData<string, string> OneBadField => new()
    {
        { "Mode=bogus", "CostOps:Autopilot:Mode must be one of off, dry-run, enforce (was 'bogus')" },
        { "Mode=empty", "CostOps:Autopilot:Mode must be one of off, dry-run, enforce (was '')" },
        { "MaxActionsPerRun=-1", "CostOps:Autopilot:MaxActionsPerRun must be from 0 to 100 (was -1)" },
        { "MaxActionsPerRun=101", "CostOps:Autopilot:MaxActionsPerRun must be from 0 to 100 (was 101)" },
        { "LeaseDuration=30s", "CostOps:Autopilot:LeaseDuration must be from 00:01:00 to 1.00:00:00 (was 00:00:30)" },
        { "LeaseDuration=2d", "CostOps:Autopilot:LeaseDuration must be from 00:01:00 to 1.00:00:00 (was 2.00:00:00)" },
        { "MaxParallelism=0", "CostOps:Autopilot:MaxParallelism must be from 1 to 32 (was 0)" },
    };

    [Theory]
    [MemberData(nameof(OneBadField))]
    public void EachBadField_IsReportedAlone_NamingItsKey(string change, string expected)
    {
        var options = Valid();
        switch (change)
        {
            case "Mode=bogus": options.Mode = "bogus"; break;
            case "Mode=empty": options.Mode = ""; break;
            case "MaxActionsPerRun=-1": options.MaxActionsPerRun = -1; break;
            case "MaxActionsPerRun=101": options.MaxActionsPerRun = 101; break;
            case "LeaseDuration=30s": options.LeaseDuration = TimeSpan.FromSeconds(30); break;
            case "LeaseDuration=2d": options.LeaseDuration = TimeSpan.FromDays(2); break;
            case "MaxParallelism=0": options.MaxParallelism = 0; break;
            default: throw new ArgumentException(change);
        }

        Assert.Equal([expected], Problems(options));
    }

    [Theory]
    [InlineData("off", AutopilotMode.Off)]
    [InlineData("Dry-Run", AutopilotMode.DryRun)]
    [InlineData(" enforce ", AutopilotMode.Enforce)]
    public void ModeNames_ParseCaseInsensitively(string text, AutopilotMode expected)
    {
        Assert.True(AutopilotModes.TryParse(text, out var mode));
        Assert.Equal(expected, mode);
    }

    [Fact]
    public void AnUnreadableMode_NeverWidensAnything()
    {
        Assert.Equal(AutopilotMode.Off, AutopilotModes.ParseOrOff("enforced"));
        Assert.Equal(AutopilotMode.Off, new AutopilotOptions { Mode = "yes" }.GlobalMode);
    }
}
