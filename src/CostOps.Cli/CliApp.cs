using System.CommandLine;
using CostOps.Cli.Commands;

namespace CostOps.Cli;

/// <summary>
/// The <c>costops</c> command line. Exit codes: 0 done, 1 failed (upstream or unexpected),
/// 2 bad input (a file, a field or an option; the message names it).
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("CostOps: keeps the fine-tune-and-self-host vs API decision true every day.")
        {
            BreakEvenCommand.Create(stdout, stderr),
            NightlyCommand.Create(stdout, stderr, TimeProvider.System),
            DigestCommand.Create(stdout, stderr, TimeProvider.System),
            DemoCommand.Create(stdout, stderr),
            AutopilotCommand.Create(stdout, stderr),
            ExportCommand.Create(stdout, stderr),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            // One line and where to look, not the whole help: the help would bury the one thing that was wrong.
            var problems = string.Join("; ", parsed.Errors.Select(e => string.Join(' ', e.Message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.')));
            await stderr.WriteLineAsync($"error: {problems}. Run '{CommandPath(parsed.CommandResult)} --help' for usage.");
            return BadInput;
        }
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>"costops autopilot run": the command a parse error belongs to, as a user would type it.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult? command)
    {
        var names = new List<string>();
        for (var current = command; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(current.Parent is null ? "costops" : current.Command.Name);
        }
        names.Reverse();
        return names.Count == 0 ? "costops" : string.Join(' ', names);
    }
}
