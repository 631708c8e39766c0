namespace CostOps.Application.Jobs;

/// <summary>
/// Names a scheduled job's function without building the job, so the handler can map its endpoint
/// before the catalog is read (and a bad catalog fails the start with a clear message, not a crash).
/// </summary>
public sealed record ScheduledJobRegistration(string FunctionName, Type JobType);
