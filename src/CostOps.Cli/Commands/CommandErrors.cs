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
            if (ex.OmittedNote is { } more)
            {
                await stderr.WriteLineAsync($"  ... {more}");
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
        catch (Infrastructure.TableStorage.TableStorageUnreachableException ex)
        {
            // Our own message: which endpoint, how many attempts, and the connection's reason; never a key.
            await stderr.WriteLineAsync($"error: {ex.Message}; check CostOps:Storage (or --storage)");
            return CliApp.Failed;
        }
        catch (Azure.RequestFailedException ex)
        {
            // The SDK's own message carries its request dump; the status and error code say what happened.
            await stderr.WriteLineAsync(ex.Status == 0
                ? "error: table storage could not be reached; check CostOps:Storage (or --storage)"
                : $"error: table storage answered HTTP {ex.Status}{(string.IsNullOrEmpty(ex.ErrorCode) ? "" : $" ({ex.ErrorCode})")}");
            return CliApp.Failed;
        }
        catch (HttpRequestException ex)
        {
            await stderr.WriteLineAsync($"error: an upstream service could not be reached ({ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "its name did not resolve",
                HttpRequestError.ConnectionError => "the connection failed",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                _ => ex.StatusCode is { } status ? $"HTTP {(int)status}" : "no answer",
            }})");
            return CliApp.Failed;
        }
        catch (Exception ex)
        {
            // Our own upstream failures (telemetry, fleet, digest transports) say what failed in their message;
            // never the exception's type name or a stack trace.
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return CliApp.Failed;
        }
    }
}
