using System.Diagnostics;
using CostOps.Infrastructure.TableStorage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CostOps.Infrastructure.Azurite;

/// <summary>
/// Runs the repository's pinned Azurite Table service (<c>infra/node_modules/.bin/azurite-table</c>), or its queue
/// service (<c>azurite-queue</c>, <see cref="AzuriteOptions.Service"/>), on 127.0.0.1, installing it with <c>npm ci --prefix infra</c> when missing, and stops it (the
/// whole process tree) on dispose. Used for local runs when no storage is configured, by the test
/// fixture and by the benchmark.
/// </summary>
public sealed partial class AzuriteLauncher : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly OutputTail _output;
    private readonly ILogger _logger;
    private readonly EventHandler _killOnExit;

    private readonly AzuriteService _service;

    private AzuriteLauncher(int port, Process? process, OutputTail output, ILogger logger, AzuriteService service = AzuriteService.Table)
    {
        Port = port;
        _service = service;
        _process = process;
        _output = output;
        _logger = logger;
        // A safety net: if the host exits without disposing, do not leave Azurite running.
        _killOnExit = (_, _) => Kill();
        if (process is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += _killOnExit;
        }
    }

    /// <summary>The loopback port Azurite serves tables on.</summary>
    public int Port { get; }

    /// <summary>Whether an Azurite that was already running is being reused (and will not be stopped).</summary>
    public bool IsReused => _process is null;

    /// <summary>The path-style table endpoint of the development account.</summary>
    public Uri TableEndpoint => new($"http://127.0.0.1:{Port}/{TableConnectionString.DevelopmentAccountName}");

    /// <summary>The path-style endpoint of the development account on this port (tables or queues, by service).</summary>
    public Uri Endpoint => TableEndpoint;

    /// <summary>A connection string for the well-known development account on this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={TableConnectionString.DevelopmentAccountName};AccountKey={TableConnectionString.DevelopmentAccountKey};{(_service == AzuriteService.Queue ? "QueueEndpoint" : "TableEndpoint")}={Endpoint};";

    /// <summary>Starts (or reuses) Azurite as <paramref name="options"/> say and waits until it answers.</summary>
    /// <exception cref="InvalidOperationException">Installing or starting failed; the message names the step and shows Azurite's last output.</exception>
    public static async Task<AzuriteLauncher> StartAsync(AzuriteOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, nameof(options));
        logger ??= NullLogger.Instance;

        switch (await AzuriteProbe.ProbeAsync(options.Port, options.Service, cancellationToken).ConfigureAwait(false))
        {
            case PortOccupant.Azurite when options.ReuseRunning:
                Log.Reusing(logger, options.Port);
                return new AzuriteLauncher(options.Port, null, new OutputTail(), logger, options.Service);
            case PortOccupant.Azurite:
                throw new InvalidOperationException($"Port {options.Port} already serves an Azurite that this run may not reuse; pick another port.");
            case PortOccupant.SomethingElse:
                throw new InvalidOperationException($"Port {options.Port} on 127.0.0.1 is taken by something that is not Azurite; free it or configure another port.");
            default:
                break;
        }

        var infra = options.InfraDirectory ?? InfraDirectory.FindDefault();
        await NpmInstall.EnsureAzuriteAsync(infra, options.InstallTimeout, cancellationToken).ConfigureAwait(false);
        var output = new OutputTail();
        var process = StartProcess(infra, options, output);
        Log.Started(logger, options.Port, process.Id, options.Location ?? "(in memory)");
        var launcher = new AzuriteLauncher(options.Port, process, output, logger, options.Service);
        try
        {
            await launcher.WaitUntilAnsweringAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return launcher;
        }
        catch
        {
            await launcher.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The embedded default for local runs with no storage configured: Azurite on 127.0.0.1:10002
    /// with data under <c>.costops/azurite</c> in the current directory, reusing one already running.
    /// </summary>
    public static Task<AzuriteLauncher> StartLocalAsync(ILogger? logger = null, CancellationToken cancellationToken = default) =>
        StartAsync(AzuriteOptions.ForLocalRuns(Directory.GetCurrentDirectory()), logger, cancellationToken);

    /// <summary>Stops Azurite (asking it to flush first, then killing its process tree) unless it was reused.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit -= _killOnExit;
        // Ask first so Azurite flushes its data; kill the tree only if it does not go in time.
        if (!(UnixSignals.TryInterrupt(_process.Id) && await ExitsWithinAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false)))
        {
            Kill();
            if (!await ExitsWithinAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false))
            {
                Log.StopTimedOut(_logger, _process.Id);
            }
        }
        _process.Dispose();
    }

    private async Task<bool> ExitsWithinAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process!.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Process StartProcess(string infra, AzuriteOptions options, OutputTail output)
    {
        var queue = options.Service == AzuriteService.Queue;
        var start = new ProcessStartInfo(queue ? InfraDirectory.AzuriteQueueExecutable(infra) : InfraDirectory.AzuriteTableExecutable(infra))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = infra,
        };
        string[] arguments =
        [
            queue ? "--queueHost" : "--tableHost", "127.0.0.1",
            queue ? "--queuePort" : "--tablePort", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--skipApiVersionCheck",
            "--silent",
            // Local runs and tests must not phone home (and there is no internet here anyway).
            "--disableTelemetry",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (options.Location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(options.Location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(Path.GetFullPath(options.Location));
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {start.FileName}: {exception.Message}", exception);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                // HasExited can be true before the output readers drained; waiting for the exit also waits for them.
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"Azurite exited with code {_process.ExitCode} before answering on 127.0.0.1:{Port}. Last output:{Environment.NewLine}{_output}");
            }
            var occupant = await AzuriteProbe.ProbeAsync(Port, _service, cancellationToken).ConfigureAwait(false);
            if (occupant == PortOccupant.Azurite)
            {
                return;
            }
            if (waited.Elapsed > timeout)
            {
                throw new InvalidOperationException(
                    $"Azurite did not answer on 127.0.0.1:{Port} within {timeout.TotalSeconds:0} s (last probe: {occupant}). Last output:{Environment.NewLine}{_output}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private void Kill()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone between the check and the kill.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Reusing the Azurite already answering on 127.0.0.1:{Port}")]
        public static partial void Reusing(ILogger logger, int port);

        [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Started Azurite on 127.0.0.1:{Port} (pid {ProcessId}, data {Location})")]
        public static partial void Started(ILogger logger, int port, int processId, string location);

        [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Azurite (pid {ProcessId}) did not exit within 10 s of being stopped")]
        public static partial void StopTimedOut(ILogger logger, int processId);
    }
}
