namespace CostOps.FunctionsHost;

/// <summary>How <see cref="FunctionsHostEmulator"/> starts and serves a built isolated-worker app.</summary>
public sealed class FunctionsHostOptions
{
    /// <summary>The worker's build or publish output (holds functions.metadata and worker.config.json).</summary>
    public required string AppDirectory { get; init; }

    /// <summary>App settings, passed to the worker as environment variables (as the host does).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The front-end HTTP port on 127.0.0.1; null picks a free one.</summary>
    public int? HttpPort { get; init; }

    /// <summary>
    /// The HTTP route prefix. host.json's <c>extensions.http.routePrefix</c> wins when it states one
    /// (<see cref="HostJsonPath"/>, else the app's own host.json), because the worker reads it there too.
    /// </summary>
    public string RoutePrefix { get; init; } = "api";

    /// <summary>A host.json to read the route prefix from; null reads the app folder's host.json if there is one.</summary>
    public string? HostJsonPath { get; init; }

    /// <summary>Called with every worker log line (RpcLog, stdout, stderr) as it arrives.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>How long the worker may take from process start to all functions loaded.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an invocation may take before the emulator gives up waiting for its response.</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock for invocation metadata (queue insertion time, the host's "sys" UtcNow).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
