using CostOps.Application.Catalog;
using CostOps.Infrastructure.TableStorage.Stores;
using Microsoft.Extensions.Options;

namespace CostOps.Functions.Hosting;

/// <summary>
/// Fails the start when the configuration, the price books or the workload catalog are wrong, with
/// messages that name the key, file and field, instead of failing the first timer at 01:30. Also
/// creates any missing table. Runs before the worker connects to the host, so a bad start never
/// loads a function.
/// </summary>
internal static partial class StartupChecks
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        // The options registered with ValidateOnStart, all at once (every bad key is reported, not the first).
        services.GetService<IStartupValidator>()?.Validate();
        var catalog = services.GetRequiredService<WorkloadCatalog>();
        await services.GetRequiredService<CostOpsTables>().EnsureCreatedAsync(cancellationToken);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CostOps.Functions.Startup");
        LogReady(logger, catalog.Workloads.Count, catalog.Source);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "CostOps ready: {Workloads} workloads from {Catalog}")]
    private static partial void LogReady(ILogger logger, int workloads, string catalog);
}
