namespace CostOps.Infrastructure.Azurite;

/// <summary>Which Azurite service a launcher runs (each is its own process and port).</summary>
public enum AzuriteService
{
    Table,

    /// <summary>The queue service, for the nightly fan-out's shard queue.</summary>
    Queue,
}

/// <summary>How <see cref="AzuriteLauncher"/> runs a local Azurite service (the Table service unless told otherwise).</summary>
public sealed class AzuriteOptions
{
    /// <summary>The service to run.</summary>
    public AzuriteService Service { get; set; } = AzuriteService.Table;

    /// <summary>Azurite's default table port.</summary>
    public const int DefaultPort = 10002;

    /// <summary>The loopback port to serve tables on.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Where Azurite keeps its data; null keeps everything in memory (lost on stop).</summary>
    public string? Location { get; set; }

    /// <summary>Reuse an Azurite that already answers on <see cref="Port"/> instead of failing.</summary>
    public bool ReuseRunning { get; set; } = true;

    /// <summary>How long to wait for npm ci and for Azurite to answer.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the one-off <c>npm ci</c> of the pinned Azurite may take (slow registries, busy machines).</summary>
    public TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The <c>infra/</c> folder holding the pinned Azurite; found by walking up when null.</summary>
    public string? InfraDirectory { get; set; }

    /// <summary>
    /// Options for local runs: port 10002, data under <c>.costops/azurite</c> in
    /// <paramref name="workingDirectory"/> (so results survive between runs), reusing a running Azurite.
    /// </summary>
    public static AzuriteOptions ForLocalRuns(string workingDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        return new AzuriteOptions { Location = Path.Combine(workingDirectory, ".costops", "azurite") };
    }
}
