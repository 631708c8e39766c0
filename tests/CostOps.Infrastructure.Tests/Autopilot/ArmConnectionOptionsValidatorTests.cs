using CostOps.Application.Autopilot;
using CostOps.Infrastructure.Compute;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Tests.Autopilot;

public sealed class ArmConnectionOptionsValidatorTests
{
    private static ArmConnectionOptions Valid() => new()
    {
        Endpoint = "https://management.usgovcloudapi.net",
        Audience = "https://management.usgovcloudapi.net/",
        ManagedIdentityClientId = "5b0d2f4e-8c1a-4e7b-9f3d-2a6c8e0b1d47",
    };

    private static IReadOnlyList<string> Problems(ArmConnectionOptions options) =>
        new ArmConnectionOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void TheBaseline_AndTheEmptyDefaults_AreValid()
    {
        Assert.Empty(Problems(Valid()));
        Assert.Empty(Problems(new ArmConnectionOptions()));
    }

    [Theory]
    [InlineData("Endpoint=http", "CostOps:Autopilot:Arm:Endpoint must be an absolute https URL (was 'http://management.azure.com')")]
    [InlineData("Endpoint=relative", "CostOps:Autopilot:Arm:Endpoint must be an absolute https URL (was 'management.azure.com')")]
    [InlineData("Endpoint=missing", "CostOps:Autopilot:Arm:Audience is set without CostOps:Autopilot:Arm:Endpoint; set both or neither")]
    [InlineData("Audience=relative", "CostOps:Autopilot:Arm:Audience must be an absolute URL (was 'management')")]
    [InlineData("ManagedIdentityClientId=name", "CostOps:Autopilot:Arm:ManagedIdentityClientId must be a client id (a GUID)")]
    public void EachBadField_IsReportedAlone_NamingItsKey(string change, string expected)
    {
        var options = Valid();
        switch (change)
        {
            case "Endpoint=http": options.Endpoint = "http://management.azure.com"; break;
            case "Endpoint=relative": options.Endpoint = "management.azure.com"; break;
            case "Endpoint=missing": options.Endpoint = null; break;
            case "Audience=relative": options.Audience = "management"; break;
            case "ManagedIdentityClientId=name": options.ManagedIdentityClientId = "costops-identity"; break;
            default: throw new ArgumentException(change);
        }

        Assert.Equal([expected], Problems(options));
    }

    [Theory]
    [InlineData(45, 15, 3, false)]
    [InlineData(46, 15, 3, true)]
    [InlineData(16, 15, 0, true)]
    public void TheLease_MustOutlastTheWritesOfOneDecision(int leaseMinutes, int timeoutMinutes, int maxActions, bool valid)
    {
        var validator = new AutopilotLeaseValidator(Options.Create(new ArmFleetControllerOptions { OperationTimeout = TimeSpan.FromMinutes(timeoutMinutes) }));

        var result = validator.Validate(null, new AutopilotOptions { LeaseDuration = TimeSpan.FromMinutes(leaseMinutes), MaxActionsPerRun = maxActions });

        Assert.Equal(valid, result.Succeeded);
    }
}
