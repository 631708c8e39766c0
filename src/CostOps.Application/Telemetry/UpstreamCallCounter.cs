using CostOps.Application.Diagnostics;

namespace CostOps.Application.Telemetry;

/// <summary>
/// Counts HTTP requests sent upstream (every retry counts), so a run can report what it cost the
/// APIs it reads and benchmarks can compare that with the minimum. Adapters' pipelines increment it; each call is
/// also counted on the <c>costops.upstream.calls</c> metric (<see cref="CostOpsTelemetry"/>).
/// </summary>
public sealed class UpstreamCallCounter
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Increment()
    {
        Interlocked.Increment(ref _count);
        CostOpsTelemetry.UpstreamCallSent();
    }
}
