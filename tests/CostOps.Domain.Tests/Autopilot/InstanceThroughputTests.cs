using CostOps.Domain.Autopilot;

namespace CostOps.Domain.Tests.Autopilot;

public sealed class InstanceThroughputTests
{
    [Theory]
    [InlineData(ThroughputBasis.Catalog, 0, "the catalog's 2,500 tokens/s per instance at 80% target utilization")]
    [InlineData(ThroughputBasis.MeasuredP95, 1, "the measured p95 of 2,500 tokens/s per running instance (highest of 1 night) at 80% target utilization")]
    [InlineData(ThroughputBasis.MeasuredP95, 7, "the measured p95 of 2,500 tokens/s per running instance (highest of 7 nights) at 80% target utilization")]
    public void Describe_NamesTheBasis(ThroughputBasis basis, int nights, string expected)
    {
        Assert.Equal(expected, new InstanceThroughput(2_500.4m, basis, 0.8m, nights).Describe());
    }
}
