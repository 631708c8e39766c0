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
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }
}
