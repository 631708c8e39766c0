using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace CostOps.Infrastructure.Azurite;

/// <summary>
/// Installs the pinned Azurite with <c>npm ci --prefix infra</c> when it is missing. A lock file in
/// the temp folder keeps parallel test runs from installing into the same folder at once.
/// </summary>
internal static class NpmInstall
{
    public static async Task EnsureAzuriteAsync(string infraDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var executable = InfraDirectory.AzuriteTableExecutable(infraDirectory);
        if (File.Exists(executable))
        {
            return;
        }
        await using var installLock = await AcquireLockAsync(infraDirectory, timeout, cancellationToken).ConfigureAwait(false);
        if (File.Exists(executable))
        {
            return;
        }
        await RunNpmCiAsync(infraDirectory, timeout, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"npm ci finished but {executable} is still missing; check infra/package.json pins azurite.");
        }
    }

    private static async Task RunNpmCiAsync(string infraDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--prefix", infraDirectory, "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }
        var tail = new OutputTail();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException("npm was not found on PATH; install Node.js (20 or later) to run the local Azurite, or configure a storage connection string.", exception);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci --prefix {infraDirectory} did not finish within {timeout}. Last output:{Environment.NewLine}{tail}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci --prefix {infraDirectory} failed with exit code {process.ExitCode}. Last output:{Environment.NewLine}{tail}");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string infraDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(infraDirectory))))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"costops-npm-ci-{hash}.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
