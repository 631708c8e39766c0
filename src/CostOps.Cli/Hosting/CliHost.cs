using CostOps.Infrastructure;
using CostOps.Infrastructure.Azurite;
using CostOps.Infrastructure.TableStorage.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostOps.Cli.Hosting;

/// <summary>
/// The services behind the CLI's local runs: settings from a JSON file (relative paths in it are
/// resolved against the file's folder), environment variables (<c>CostOps__...</c>) and command-line
/// overrides; storage from <c>CostOps:Storage</c>, or, when none is configured, the embedded Azurite
/// (installed from infra/ if needed, data under .costops/ in the working directory).
/// </summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly AzuriteLauncher? _azurite;

    private CliHost(ServiceProvider services, AzuriteLauncher? azurite)
    {
        _services = services;
        _azurite = azurite;
    }

    public IServiceProvider Services => _services;

    /// <summary>True when the run uses the embedded Azurite (and says so to the user).</summary>
    public bool UsesEmbeddedStorage => _azurite is not null;

    /// <param name="clock">The clock the services use (the system's when null).</param>
    public static async Task<CliHost> StartAsync(string? settingsFile, IReadOnlyDictionary<string, string?> overrides, TextWriter stderr, CancellationToken cancellationToken, TimeProvider? clock = null)
    {
        var builder = new ConfigurationBuilder();
        if (settingsFile is not null)
        {
            var full = Path.GetFullPath(settingsFile);
            if (!File.Exists(full))
            {
                throw new FileNotFoundException($"settings file not found: {full}", full);
            }
            builder.AddInMemoryCollection(SettingsFile.Read(full));
        }
        builder.AddEnvironmentVariables();
        builder.AddInMemoryCollection(overrides);
        var configuration = builder.Build();

        AzuriteLauncher? azurite = null;
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>();
        if (storage is null || !storage.IsConfigured)
        {
            await stderr.WriteLineAsync("storage: none configured (CostOps:Storage); starting the embedded Azurite with data under .costops/azurite");
            if (!File.Exists(InfraDirectory.AzuriteTableExecutable(InfraDirectory.FindDefault())))
            {
                await stderr.WriteLineAsync("storage: installing the pinned Azurite first (npm ci --prefix infra; a few minutes on the first run)");
            }
            azurite = await AzuriteLauncher.StartLocalAsync(cancellationToken: cancellationToken);
            configuration = new ConfigurationBuilder()
                .AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { [$"{StorageOptions.Section}:ConnectionString"] = azurite.ConnectionString })
                .Build();
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddCostOps(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<CostOpsTables>().EnsureCreatedAsync(cancellationToken);
        return new CliHost(provider, azurite);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
