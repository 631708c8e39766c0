namespace CostOps.Application.Jobs;

/// <summary>
/// A job the Functions host runs on a timer (and the CLI runs by hand). The job does not know how
/// it was triggered; the handler maps the function name to it.
/// </summary>
public interface IScheduledJob
{
    /// <summary>The Azure Function (folder) name that triggers this job, e.g. <c>NightlyTco</c>.</summary>
    string FunctionName { get; }

    Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken = default);
}
