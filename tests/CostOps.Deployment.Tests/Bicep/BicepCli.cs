using System.Reflection;
using System.Text.RegularExpressions;

namespace CostOps.Deployment.Tests.Bicep;

/// <summary>
/// The real Bicep compiler: <c>tools/bicep</c> of the Azure.Bicep.CommandLine.linux-x64 package the test
/// project references (its path is written into this assembly at build time).
/// </summary>
internal static partial class BicepCli
{
    private static readonly Lazy<string> s_path = new(Locate);

    public static string Path => s_path.Value;

    public static ProcessRun Run(params string[] arguments) => ProcessRun.Start(Path, arguments);

    /// <summary>The warnings and errors a run printed (<c>file(line,col) : Level code: message</c>).</summary>
    public static IReadOnlyList<BicepDiagnostic> Diagnostics(ProcessRun run) =>
    [
        .. (run.Output + "\n" + run.Errors)
            .Split('\n')
            .Select(line => Diagnostic().Match(line.Trim()))
            .Where(match => match.Success)
            .Select(match => new BicepDiagnostic(
                match.Groups["file"].Value,
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["level"].Value,
                match.Groups["code"].Value,
                match.Groups["message"].Value))
            .Distinct(),
    ];

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"The Bicep CLI is not at '{path}': restore tests/CostOps.Deployment.Tests (package Azure.Bicep.CommandLine.linux-x64).");
        }
        // NuGet does not always keep the exec bit when it extracts a package.
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }
        return path;
    }

    [GeneratedRegex(@"^(?<file>.+?)\((?<line>\d+),(?<col>\d+)\) : (?<level>Error|Warning|Info) (?<code>[\w-]+): (?<message>.*)$")]
    private static partial Regex Diagnostic();
}

/// <summary>One compiler or linter diagnostic.</summary>
internal sealed record BicepDiagnostic(string File, int Line, string Level, string Code, string Message)
{
    public override string ToString() => $"{File}({Line}) {Level} {Code}: {Message}";
}
