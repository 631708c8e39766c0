using CostOps.Domain.Validation;
using Microsoft.Extensions.Options;

namespace CostOps.Functions.Hosting;

/// <summary>
/// Says why the worker could not start, one problem per line and without a stack trace (the host logs
/// the worker's stderr as errors, so this is what an operator reads first).
/// </summary>
internal static class StartupFailure
{
    /// <summary>2: the configuration or catalog is wrong. 1: anything else (e.g. storage unreachable).</summary>
    public const int InvalidConfiguration = 2;

    public const int OtherFailure = 1;

    public static async Task<int> ReportAsync(Exception exception, TextWriter stderr)
    {
        var causes = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        var problems = new List<string>();
        foreach (var cause in causes)
        {
            switch (cause)
            {
                case OptionsValidationException options:
                    problems.AddRange(options.Failures);
                    break;
                case DomainValidationException domain:
                    problems.AddRange(domain.Errors.Select(e => e.ToString()));
                    break;
                default:
                    await stderr.WriteLineAsync($"CostOps cannot start: {cause.GetType().Name}: {cause.Message}");
                    return OtherFailure;
            }
        }
        await stderr.WriteLineAsync("CostOps cannot start: invalid configuration");
        foreach (var problem in problems)
        {
            await stderr.WriteLineAsync($"  {problem}");
        }
        return InvalidConfiguration;
    }
}
