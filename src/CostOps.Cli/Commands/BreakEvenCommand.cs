using System.CommandLine;
using CostOps.Application.PriceBook;
using CostOps.Application.WhatIf;
using CostOps.Cli.Output;
using CostOps.Domain.Validation;
using CostOps.Domain.WhatIf;

namespace CostOps.Cli.Commands;

/// <summary><c>costops breakeven --scenario FILE [--format table|json] [--price-book FILE]...</c></summary>
internal static class BreakEvenCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Option<FileInfo>("--scenario", "-s")
        {
            Description = "The what-if scenario, a JSON file (see samples/scenarios/).",
            Required = true,
        };
        var format = CommonOptions.OneOf("--format", "table (for people) or json (for programs).", ["table", "json"], "table", "-f");
        var priceBooks = new Option<FileInfo[]>("--price-book")
        {
            Description = "A price book overriding the default one (CostOps or LiteLLM format); repeatable, later wins.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("breakeven", "What-if: the break-even volume, savings, payback and 36-month TCO of a scenario.")
        {
            scenario, format, priceBooks,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(stderr, async () =>
        {
            var file = parse.GetValue(scenario)!;
            var books = parse.GetValue(priceBooks) ?? [];
            var book = PriceBookReader.LoadWithOverrides(books.Select(b => b.FullName));
            if (!file.Exists)
            {
                throw new DomainValidationException(file.FullName, "scenario file not found");
            }
            var json = await File.ReadAllTextAsync(file.FullName, cancellationToken);
            var whatIf = ScenarioReader.Parse(json, book, file.Name);
            var result = BreakEvenCalculator.Evaluate(whatIf);
            if (parse.GetValue(format) == "json")
            {
                await stdout.WriteLineAsync(BreakEvenJson.Serialize(result));
            }
            else
            {
                BreakEvenTable.Write(stdout, file.Name, whatIf, result);
            }
            return CliApp.Ok;
        }));
        return command;
    }
}
