using System.Globalization;
using CostOps.Application.WhatIf;
using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;
using Spectre.Console;

namespace CostOps.Cli.Output;

/// <summary>The what-if for people: the figures in a table and the verdict in words.</summary>
internal static class BreakEvenTable
{
    public static void Write(TextWriter writer, string title, WhatIfScenario scenario, BreakEvenResult result)
    {
        var console = ConsoleFor(writer);
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]");
        table.AddColumn("Figure");
        table.AddColumn(new TableColumn("Value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

        Row("Requests per month", BreakEvenVerdict.Volume(scenario.Traffic.RequestsPerMonth));
        Row("API cost per request", result.ApiCostPerRequest.Usd.ToString("$0.000000", CultureInfo.InvariantCulture));
        Row("API monthly cost", result.ApiMonthlyCost.RoundToCents().ToString());
        Row("Self-hosted monthly cost", result.SelfHostedMonthlyCost.RoundToCents().ToString());
        Row("Monthly savings (API - self-hosted)", result.MonthlySavings.RoundToCents().ToString());
        Row("Instances needed", result.InstancesNeeded.ToString(CultureInfo.InvariantCulture) + (result.CapacityExceeded ? " (capacity exceeded)" : ""));
        Row("Capacity per instance (requests/month)", BreakEvenVerdict.Capacity(result.CapacityPerInstance));
        Row("Break-even (requests/month)", result.BreakEvenRequestsPerMonth switch
        {
            0m => "cheaper at any volume",
            { } v => BreakEvenVerdict.BreakEven(v),
            null => "never",
        });
        Row("Break-even (tokens/month)", Optional(result.BreakEvenTokensPerMonth, v => Math.Round(v).ToString("#,##0", CultureInfo.InvariantCulture)));
        Row("Peak utilization at break-even", Optional(result.UtilizationAtBreakEven, v => v.ToString("0.0%", CultureInfo.InvariantCulture)));
        Row("Payback of the one-off (months)", Optional(result.PaybackMonths, v => v.ToString("0.0", CultureInfo.InvariantCulture)));
        // The 36-month figures depend on the growth assumption: say it beside them.
        var growth = BreakEvenVerdict.Growth(scenario.Traffic);
        Row($"36-month TCO, self-hosted ({growth})", result.Tco3Years.SelfHosted.RoundToCents().ToString());
        Row($"36-month TCO, API ({growth})", result.Tco3Years.Api.RoundToCents().ToString());
        if (result.QualityAdjusted is { } quality)
        {
            Row("Self-hosted cost per correct answer", Optional(quality.SelfHostedPerSuccessfulRequest, PerRequest));
            Row("API cost per correct answer", Optional(quality.ApiPerSuccessfulRequest, PerRequest));
        }
        console.Write(table);
        // The verdict goes straight to the writer so the console's width never wraps the sentence.
        writer.WriteLine(BreakEvenVerdict.Describe(scenario, result));
    }

    private static string PerRequest(Money money) => money.Usd.ToString("$0.000000", CultureInfo.InvariantCulture);

    private static string Optional<T>(T? value, Func<T, string> format)
        where T : struct => value is { } v ? format(v) : "none";

    /// <summary>A console that writes to <paramref name="writer"/>, in colour only when it is a terminal.</summary>
    internal static IAnsiConsole ConsoleFor(TextWriter writer)
    {
        var isTerminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // Files and pipes have no width; 80 columns would fold the wider tables into unreadable cells.
            console.Profile.Width = 160;
        }
        return console;
    }
}
