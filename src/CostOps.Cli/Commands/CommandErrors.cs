using CostOps.Domain.Validation;

namespace CostOps.Cli.Commands;

/// <summary>Turns failures into one clear message on stderr and an exit code; never a stack trace.</summary>
internal static class CommandErrors
{
    public static async Task<int> GuardAsync(TextWriter stderr, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (DomainValidationException ex)
        {
            await stderr.WriteLineAsync("error: invalid input");
            foreach (var error in ex.Errors)
            {
                await stderr.WriteLineAsync($"  {error.Field}: {error.Message}");
            }
            return CliApp.BadInput;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await stderr.WriteLineAsync("error: invalid configuration");
            foreach (var failure in ex.Failures)
            {
                await stderr.WriteLineAsync($"  {failure}");
            }
            return CliApp.BadInput;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("cancelled");
            return CliApp.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return CliApp.BadInput;
        }
        catch (Exception ex)
        {
            // Upstream, storage or environment failures: the reason, not a stack trace.
            await stderr.WriteLineAsync($"error: {ex.GetType().Name}: {ex.Message}");
            return CliApp.Failed;
        }
    }
}
