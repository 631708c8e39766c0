using System.Text;

namespace CostOps.Deployment.Tests.Scripts;

/// <summary>
/// A stand-in <c>az</c> on PATH for running the deployment scripts: a small bash script that records each call's
/// arguments (one file per call, one argument a line), keeps a copy of any <c>--src</c> package, and answers
/// from canned rules matched against the joined arguments (bash <c>case</c> globs, first match wins).
/// Unmatched calls print nothing and succeed.
/// </summary>
internal sealed class FakeAz : IDisposable
{
    private readonly List<(string Pattern, string Output, int ExitCode)> _rules = [];
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("costops-fake-az-");

    public FakeAz()
    {
        Directory.CreateDirectory(BinDirectory);
        Directory.CreateDirectory(CallsDirectory);
    }

    /// <summary>A scratch folder for the test's own files (packages, parameters).</summary>
    public string WorkDirectory => _root.FullName;

    private string BinDirectory => Path.Combine(_root.FullName, "bin");

    private string CallsDirectory => Path.Combine(_root.FullName, "calls");

    /// <summary>Answers calls whose joined arguments match <paramref name="pattern"/> (a bash glob) with <paramref name="output"/>.</summary>
    public FakeAz On(string pattern, string output = "", int exitCode = 0)
    {
        _rules.Add((pattern, output, exitCode));
        return this;
    }

    /// <summary>Runs a repository script with this az first on PATH; no standard input.</summary>
    public ProcessRun RunScript(string script, params string[] arguments)
    {
        WriteScript();
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = BinDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_AZ_CALLS"] = CallsDirectory,
        };
        return ProcessRun.Start("bash", [script, .. arguments], WorkDirectory, environment);
    }

    /// <summary>Every call made, in order, as its argument list.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls() =>
    [
        .. Directory.GetFiles(CallsDirectory, "*.args")
            .OrderBy(path => int.Parse(Path.GetFileNameWithoutExtension(path), System.Globalization.CultureInfo.InvariantCulture))
            .Select(path => (IReadOnlyList<string>)File.ReadAllLines(path)),
    ];

    /// <summary>The package passed as --src by call <paramref name="callIndex"/>, as it was at that moment.</summary>
    public string SourcePackageOf(int callIndex) => Path.Combine(CallsDirectory, $"{callIndex}.src");

    public void Dispose() => _root.Delete(recursive: true);

    private void WriteScript()
    {
        var script = new StringBuilder();
        script.Append("#!/usr/bin/env bash\n");
        script.Append("# fake az written by CostOps.Deployment.Tests\n");
        script.Append("n=$(find \"$FAKE_AZ_CALLS\" -name '*.args' | wc -l)\n");
        script.Append("printf '%s\\n' \"$@\" > \"$FAKE_AZ_CALLS/$n.args\"\n");
        script.Append("prev=''\nfor arg in \"$@\"; do\n  if [ \"$prev\" = --src ]; then cp \"$arg\" \"$FAKE_AZ_CALLS/$n.src\"; fi\n  prev=\"$arg\"\ndone\n");
        script.Append("case \"$*\" in\n");
        foreach (var (pattern, output, exitCode) in _rules)
        {
            script.Append("  ").Append(pattern).Append(")\n");
            if (output.Length > 0)
            {
                script.Append("    cat <<'FAKE_AZ_OUTPUT'\n").Append(output).Append("\nFAKE_AZ_OUTPUT\n");
            }
            script.Append("    exit ").Append(exitCode).Append(" ;;\n");
        }
        script.Append("esac\nexit 0\n");
        var path = Path.Combine(BinDirectory, "az");
        File.WriteAllText(path, script.ToString());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
