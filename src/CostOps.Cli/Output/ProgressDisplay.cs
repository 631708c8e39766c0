using CostOps.Application.Nightly;
using Spectre.Console;

namespace CostOps.Cli.Output;

/// <summary>Progress of a long run: a bar on a terminal, a line every 10% otherwise (logs, CI).</summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(TextWriter writer, string title, Func<IProgress<TcoProgress>, Task<T>> work)
    {
        if (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(title, maxValue: 1);
                    var result = await work(new Progress<TcoProgress>(p =>
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                    }));
                    task.Value = task.MaxValue;
                    return result;
                });
        }
        var lastDecile = -1;
        var gate = new object();
        return await work(new SynchronousProgress(p =>
        {
            var decile = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
            lock (gate)
            {
                if (decile > lastDecile)
                {
                    lastDecile = decile;
                    writer.WriteLine($"{title}: {p.Done}/{p.Total} workload-days");
                }
            }
        }));
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and lose ordering).</summary>
    private sealed class SynchronousProgress(Action<TcoProgress> report) : IProgress<TcoProgress>
    {
        public void Report(TcoProgress value) => report(value);
    }
}
