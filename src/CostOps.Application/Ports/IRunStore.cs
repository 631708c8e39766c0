using CostOps.Application.Results;

namespace CostOps.Application.Ports;

/// <summary>The <c>Runs</c> table: every job run, newest first per job.</summary>
public interface IRunStore
{
    Task WriteAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="top"/> runs of <paramref name="job"/> (all jobs when null), newest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListAsync(string? job, int top, CancellationToken cancellationToken = default);

    /// <summary>Every job's runs started in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListStartedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
