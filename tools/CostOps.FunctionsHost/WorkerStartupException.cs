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

    internal static WorkerStartupException Create(string reason, string workerOutput, Exception? inner = null)
    {
        var output = string.IsNullOrWhiteSpace(workerOutput) ? "(the worker printed nothing)" : workerOutput.TrimEnd();
        var message = $"{reason}{System.Environment.NewLine}--- worker output ---{System.Environment.NewLine}{output}";
        return inner is null ? new WorkerStartupException(message) : new WorkerStartupException(message, inner);
    }
}
