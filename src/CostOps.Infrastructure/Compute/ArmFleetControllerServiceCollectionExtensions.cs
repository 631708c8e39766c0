using Azure.Core;
using Azure.ResourceManager;
using CostOps.Application.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CostOps.Infrastructure.Compute;

/// <summary>Registers the ARM fleet controller behind <see cref="IFleetController"/>.</summary>
public static class ArmFleetControllerServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ArmFleetController"/> as the <see cref="IFleetController"/>. Uses a registered
    /// <see cref="ArmClient"/> if there is one, else builds one from the registered <see cref="TokenCredential"/>
    /// (the app's managed identity) with ARM's default retry policy.
    /// </summary>
    public static IServiceCollection AddArmFleetController(this IServiceCollection services, Action<ArmFleetControllerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ArmFleetControllerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options
            .Validate(o => o.OperationTimeout > TimeSpan.Zero, $"{ArmFleetControllerOptions.SectionName}:OperationTimeout must be greater than zero")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ArmClient(sp.GetRequiredService<TokenCredential>()));
        services.TryAddSingleton<IFleetController, ArmFleetController>();
        return services;
    }
}
