using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.Tests.Telemetry.Pipeline;

public sealed class ThrottleDelayStrategyTests
{
    private static readonly ThrottleDelayStrategy Strategy = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));

    public static TheoryData<string, (string, string)[], double> Hints() => new()
    {
        { "Retry-After in seconds", [("Retry-After", "7")], 7_000 },
        { "retry-after-ms", [("retry-after-ms", "1500")], 1_500 },
        { "x-ms-retry-after-ms", [("x-ms-retry-after-ms", "2500")], 2_500 },
        { "Cost Management QPU", [("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "12")], 12_000 },
        { "Cost Management entity", [("x-ms-ratelimit-microsoft.costmanagement-entity-retry-after", "30")], 30_000 },
        { "Cost Management tenant", [("x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after", "45")], 45_000 },
        { "Cost Management client type", [("x-ms-ratelimit-microsoft.costmanagement-clienttype-retry-after", "8")], 8_000 },
        { "Consumption", [("x-ms-ratelimit-microsoft.consumption-retry-after", "9")], 9_000 },
        { "the longest of several", [("Retry-After", "2"), ("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "20"), ("retry-after-ms", "500")], 20_000 },
        { "Resource Graph's spent user quota", [("x-ms-user-quota-remaining", "0"), ("x-ms-user-quota-resets-after", "00:00:05")], 5_000 },
        { "Resource Graph's quota beside a shorter Retry-After", [("Retry-After", "1"), ("x-ms-user-quota-remaining", "0"), ("x-ms-user-quota-resets-after", "00:01:30")], 90_000 },
        { "an HTTP date against the Date header", [("Date", "Wed, 01 Jan 2025 00:00:00 GMT"), ("Retry-After", "Wed, 01 Jan 2025 00:01:00 GMT")], 60_000 },
    };

    [Theory]
    [MemberData(nameof(Hints))]
    public void ServerHints_AreHonouredExactly(string because, (string, string)[] headers, double expectedMilliseconds)
    {
        var response = new StubResponse(429, headers);

        Assert.True(TimeSpan.FromMilliseconds(expectedMilliseconds) == Strategy.GetNextDelay(response, 0), because);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), ThrottleDelayStrategy.ServerRetryAfter(response));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 200)]
    [InlineData(3, 800)]
    public void WithoutAHint_TheBackOffDoublesEachRetry(int retry, double expectedMilliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), Strategy.GetNextDelay(new StubResponse(503), retry));

    [Fact]
    public void TheBackOff_IsCappedAtMaxDelay() =>
        Assert.Equal(TimeSpan.FromMinutes(5), Strategy.GetNextDelay(new StubResponse(503), 40));

    [Theory]
    [InlineData("soon")]
    [InlineData("-3")]
    [InlineData("NaN")]
    public void UnreadableHints_AreIgnored(string value) =>
        Assert.Null(ThrottleDelayStrategy.ServerRetryAfter(new StubResponse(429, ("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", value))));

    [Theory]
    [InlineData("3", "00:00:05")]
    [InlineData("0", "5 seconds")]
    [InlineData("0", "")]
    public void ResourceGraphQuota_CountsOnlyWhenSpentAndReadable(string remaining, string resetsAfter) =>
        Assert.Null(ThrottleDelayStrategy.ServerRetryAfter(new StubResponse(429, ("x-ms-user-quota-remaining", remaining), ("x-ms-user-quota-resets-after", resetsAfter))));
}
