using CostOps.Infrastructure.Prometheus;

namespace CostOps.Infrastructure.Tests.Telemetry.Prometheus;

public sealed class SampleListTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2_048)]
    [InlineData(2_049)]
    [InlineData(10_081)]
    public void SamplesAcrossChunks_ReadBackInOrder_ByIndexAndByEnumeration(int count)
    {
        var list = new SampleList();
        var expected = Enumerable.Range(0, count).Select(m => new PrometheusSample(Start.AddMinutes(m), m)).ToList();

        expected.ForEach(list.Add);

        Assert.Equal(count, list.Count);
        Assert.Equal(expected, list);
        Assert.Equal(expected, Enumerable.Range(0, count).Select(i => list[i]));
    }

    [Fact]
    public void AnIndexPastTheEnd_IsRejected()
    {
        var list = new SampleList();
        list.Add(new PrometheusSample(Start, 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => list[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }
}
