using CostOps.Domain.Validation;
using Microsoft.Extensions.Options;

namespace CostOps.Handler.Hosting;

/// <summary>
/// Says why the handler could not start, one problem per line and without a stack trace (the host
/// logs the handler's stderr as errors, so this is what an operator reads first).
/// </summary>
internal static class StartupFailure
{
    /// <returns>2 for configuration or catalog errors, 1 for anything else.</returns>
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
                    return 1;
            }
        }
        await stderr.WriteLineAsync("CostOps cannot start: invalid configuration");
        foreach (var problem in problems)
        {
            await stderr.WriteLineAsync($"  {problem}");
        }
        return 2;
    }
}
