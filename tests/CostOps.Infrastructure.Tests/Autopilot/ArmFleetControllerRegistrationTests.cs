using Azure.Core;
using CostOps.Application.Ports;
using CostOps.Infrastructure.Compute;
using CostOps.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Tests.Autopilot;

public sealed class ArmFleetControllerRegistrationTests
{
    [Fact]
    public void AddArmFleetController_ResolvesTheControllerFromTheRegisteredCredential()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TokenCredential>(new FixedTokenCredential())
            .AddArmFleetController(o => o.OperationTimeout = TimeSpan.FromMinutes(5));
        using var provider = services.BuildServiceProvider();

        var controller = provider.GetRequiredService<IFleetController>();

        Assert.IsType<ArmFleetController>(controller);
        Assert.Equal(TimeSpan.FromMinutes(5), provider.GetRequiredService<IOptions<ArmFleetControllerOptions>>().Value.OperationTimeout);
    }

    [Fact]
    public void AddArmFleetController_RejectsANonPositiveTimeout_NamingTheKey()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TokenCredential>(new FixedTokenCredential())
            .AddArmFleetController(o => o.OperationTimeout = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ArmFleetControllerOptions>>().Value);

        Assert.Contains("CostOps:Autopilot:Arm:OperationTimeout", error.Message, StringComparison.Ordinal);
    }
}
