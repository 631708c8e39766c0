using CostOps.Application.Catalog;
using CostOps.Infrastructure.TableStorage.Stores;

namespace CostOps.Handler.Hosting;

/// <summary>
/// Fails the start when the configuration, the price books or the workload catalog are wrong, with
/// messages that name the key, file and field, instead of failing the first timer at 01:30. Also
/// creates any missing table.
/// </summary>
internal sealed partial class StartupChecks(IServiceProvider services, ILogger<StartupChecks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<WorkloadCatalog>();
        await services.GetRequiredService<CostOpsTables>().EnsureCreatedAsync(cancellationToken);
        LogReady(logger, catalog.Workloads.Count, catalog.Source);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "CostOps ready: {Workloads} workloads from {Catalog}")]
    private static partial void LogReady(ILogger logger, int workloads, string catalog);
}
