using System.Diagnostics;

namespace CostOps.Deployment.Tests;

/// <summary>One finished run of an external program (the Bicep CLI, a deployment script).</summary>
internal sealed record ProcessRun(string Command, int ExitCode, string Output, string Errors)
{
    // A hung child must not hang the test run; this is a safety net, not a timing assertion.
    private static readonly TimeSpan s_giveUpAfter = TimeSpan.FromMinutes(5);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> to the end, with no standard input.</summary>
    public static ProcessRun Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_giveUpAfter))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {s_giveUpAfter}");
        }
        return new ProcessRun($"{fileName} {string.Join(' ', start.ArgumentList)}", process.ExitCode, output.GetAwaiter().GetResult(), errors.GetAwaiter().GetResult());
    }

    /// <summary>What to show when an assertion about this run fails.</summary>
    public string Describe() => $"{Command}\nexit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
}
