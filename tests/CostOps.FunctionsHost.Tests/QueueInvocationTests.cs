using Xunit.Abstractions;

namespace CostOps.FunctionsHost.Tests;

public sealed class QueueInvocationTests(SampleAppFixture fixture, ITestOutputHelper output) : IClassFixture<SampleAppFixture>, IDisposable
{
    public void Dispose() => fixture.FlushLogTo(output);

    [Fact]
    public async Task QueueMessage_ArrivesWithItsTextAndTheHostsMetadata()
    {
        var metadata = new QueueMessageMetadata
        {
            Id = "message-42",
            DequeueCount = 3,
            InsertionTime = new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero),
        };

        var outcome = await fixture.Emulator.InvokeQueueAsync("QueueEcho", "recompute support-triage", metadata);

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        var line = Assert.Single(outcome.Logs, l => l.Contains("QueueEcho got", StringComparison.Ordinal));
        Assert.Contains("'recompute support-triage' DequeueCount=3 Id=message-42", line, StringComparison.Ordinal);
        // Trigger metadata that is not a string travels as JSON, so the binding data holds the quoted date.
        Assert.Contains("InsertionTime=\"2026-12-03T01:00:00+00:00\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueMessage_WithoutMetadata_IsAFirstDelivery()
    {
        var outcome = await fixture.Emulator.InvokeQueueAsync("QueueEcho", "hello");

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Contains(outcome.Logs, l => l.Contains("'hello' DequeueCount=1", StringComparison.Ordinal));
    }
}
