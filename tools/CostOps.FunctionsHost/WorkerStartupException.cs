namespace CostOps.FunctionsHost;

/// <summary>The worker exited or did not get ready in time; the message carries what it printed.</summary>
public sealed class WorkerStartupException : Exception
{
    public WorkerStartupException()
    {
    }

    public WorkerStartupException(string message)
        : base(message)
    {
    }

    public WorkerStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the start failed, in one line (the message adds the worker's output).</summary>
    public string Reason { get; private init; } = string.Empty;

    /// <summary>The worker could not bind its HTTP port alone (the emulator retries these).</summary>
    internal bool IsHttpPortConflict { get; private init; }

    internal static WorkerStartupException Create(string reason, string workerOutput, Exception? inner = null, bool isHttpPortConflict = false)
    {
        var output = string.IsNullOrWhiteSpace(workerOutput) ? "(the worker printed nothing)" : workerOutput.TrimEnd();
        var message = $"{reason}{System.Environment.NewLine}--- worker output ---{System.Environment.NewLine}{output}";
        return inner is null
            ? new WorkerStartupException(message) { Reason = reason, IsHttpPortConflict = isHttpPortConflict }
            : new WorkerStartupException(message, inner) { Reason = reason, IsHttpPortConflict = isHttpPortConflict };
    }
}
