using CostOps.Application.Autopilot;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Infrastructure.Compute;
using CostOps.Infrastructure.Identity;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Tests.Autopilot;

public sealed class AutopilotRegistrationTests : IDisposable
{
    private readonly string _catalog = Path.Combine(Path.GetTempPath(), $"costops-catalog-{Guid.NewGuid():N}.json");

    public AutopilotRegistrationTests() => File.WriteAllText(_catalog, """
        { "workloads": [ {
            "id": "triage", "goLive": "2026-01-01",
            "selfHosted": { "resources": [ "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/vm-a" ],
                            "gpuHourly": 1.0, "tokensPerSecondPerInstance": 2500 },
            "api": { "model": "gpt-5.4" } } ] }
        """);

    public void Dispose() => File.Delete(_catalog);

    private ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["CostOps:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["CostOps:Catalog:Path"] = _catalog,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddCostOps(configuration)
            .AddSingleton(AzureCredentials.ForEveryPurpose(new FixedTokenCredential()))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddCostOps_RegistersTheAutopilot_WithItsTimerJobAndTheDecisionsStore()
    {
        using var provider = Build(
            ("CostOps:Autopilot:Mode", "enforce"),
            ("CostOps:Autopilot:MaxActionsPerRun", "2"),
            ("CostOps:Autopilot:Arm:OperationTimeout", "00:05:00"));

        Assert.Contains(provider.GetServices<ScheduledJobRegistration>(), r => r.FunctionName == "Autopilot" && r.JobType == typeof(AutopilotJob));
        Assert.IsType<AutopilotJob>(provider.GetRequiredService(typeof(AutopilotJob)));
        // One planner for the process (it holds no per-run state); resolving twice must not build a second.
        Assert.Same(provider.GetRequiredService<AutopilotPlanner>(), provider.GetRequiredService<AutopilotPlanner>());
        Assert.IsType<TableDecisionStore>(provider.GetRequiredService<IDecisionStore>());
        Assert.IsType<ArmFleetController>(provider.GetRequiredService<IFleetController>());
        var options = provider.GetRequiredService<IOptions<AutopilotOptions>>().Value;
        Assert.Equal((Domain.Autopilot.AutopilotMode.Enforce, 2), (options.GlobalMode, options.MaxActionsPerRun));
        Assert.Equal(TimeSpan.FromMinutes(5), provider.GetRequiredService<IOptions<ArmFleetControllerOptions>>().Value.OperationTimeout);
    }

    [Fact]
    public void TheDefaults_AreDryRun_ThreeActions_AndAnHourLongLease()
    {
        using var provider = Build();

        var options = provider.GetRequiredService<IOptions<AutopilotOptions>>().Value;

        Assert.Equal((AutopilotModes.DryRun, 3, TimeSpan.FromHours(1)), (options.Mode, options.MaxActionsPerRun, options.LeaseDuration));
    }

    [Theory]
    [InlineData("CostOps:Autopilot:Mode", "always", "CostOps:Autopilot:Mode must be one of off, dry-run, enforce")]
    [InlineData("CostOps:Autopilot:MaxActionsPerRun", "500", "CostOps:Autopilot:MaxActionsPerRun must be from 0 to 100")]
    [InlineData("CostOps:Autopilot:LeaseDuration", "00:30:00", "CostOps:Autopilot:LeaseDuration (00:30:00) must be longer than CostOps:Autopilot:Arm:OperationTimeout (00:15:00) x CostOps:Autopilot:MaxActionsPerRun (3)")]
    public void ABadAutopilotSetting_FailsNamingItsKey(string key, string value, string expected)
    {
        using var provider = Build((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AutopilotOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CostOps:Autopilot:Arm:Endpoint", "http://management.azure.com", "CostOps:Autopilot:Arm:Endpoint must be an absolute https URL")]
    [InlineData("CostOps:Autopilot:Arm:ManagedIdentityClientId", "my-identity", "CostOps:Autopilot:Arm:ManagedIdentityClientId must be a client id (a GUID)")]
    public void ABadArmSetting_FailsNamingItsKey(string key, string value, string expected)
    {
        using var provider = Build((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ArmConnectionOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
