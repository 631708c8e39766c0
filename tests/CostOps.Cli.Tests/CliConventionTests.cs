using CostOps.TestSupport;

namespace CostOps.Cli.Tests;

/// <summary>How every command takes its options and reports a mistake.</summary>
public sealed class CliConventionTests
{
    private static string Sample(string name) => RepositoryRoot.Combine("samples", "scenarios", name);

    [Fact]
    public async Task AParseError_ExitsTwo_WithOneLineAndAHintToHelp()
    {
        var run = await CliRun.RunAsync("breakeven", "--scenario", Sample("seed-gpt-5.4.json"), "--format", "xml");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--format must be one of table, json (was 'xml')", line, StringComparison.Ordinal);
        Assert.Contains("Run 'costops breakeven --help' for usage.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Options:", run.Error + run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOption_ExitsTwo_NamingTheSubcommandsHelp()
    {
        var run = await CliRun.RunAsync("autopilot", "run", "--bogus");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bogus", run.Error, StringComparison.Ordinal);
        Assert.Contains("Run 'costops autopilot run --help' for usage.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("breakeven", "--format <table|json>", "[default: table]")]
    [InlineData("autopilot run", "--mode <off|dry-run|enforce>", "[default: dry-run]")]
    public async Task Help_ShowsTheSpellingsTheParserAccepts(string command, string usage, string defaultValue)
    {
        var run = await CliRun.RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(usage, run.Out, StringComparison.Ordinal);
        Assert.Contains(defaultValue, run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mode", "dry-run")]
    [InlineData("--mode", "off")]
    public void EveryListedMode_IsAccepted(string option, string value)
    {
        var root = new System.CommandLine.RootCommand { Commands.AutopilotCommand.Create(TextWriter.Null, TextWriter.Null) };

        var parsed = root.Parse(["autopilot", "run", option, value]);

        Assert.Empty(parsed.Errors);
    }

    [Fact]
    public async Task NightlyForAFutureDay_ExitsTwo_NamingTheOptionAndTheLastComputableDay()
    {
        var yesterday = Domain.Time.DayRange.Yesterday(TimeProvider.System);

        var run = await CliRun.RunAsync("nightly", "--from", "2998-12-31", "--to", "2999-01-01", "--storage", "UseDevelopmentStorage=true");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--to: 2999-01-01 has not ended yet", run.Error, StringComparison.Ordinal);
        Assert.Contains($"the last one is {yesterday:yyyy-MM-dd}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
    }
}
