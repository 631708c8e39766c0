using System.Collections.Concurrent;
using CostOps.FunctionsHost.Rpc;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace CostOps.FunctionsHost;

public sealed partial class FunctionsHostEmulator
{
    /// <summary>Runs a timer function now with the TimerInfo the host would pass.</summary>
    public Task<InvocationOutcome> InvokeTimerAsync(string functionName, TimerPayload payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var function = FindFunction(functionName, "timerTrigger");
        var invocationId = NewId();
        return InvokeAsync(function, InvocationRequests.Timer(function, invocationId, payload, Clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>Runs a queue function with one message, passing the host's queue trigger metadata.</summary>
    public Task<InvocationOutcome> InvokeQueueAsync(string functionName, string messageText, QueueMessageMetadata? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var function = FindFunction(functionName, "queueTrigger");
        var invocationId = NewId();
        var request = InvocationRequests.Queue(function, invocationId, messageText, metadata ?? new QueueMessageMetadata(), Clock.GetUtcNow());
        return InvokeAsync(function, request, cancellationToken);
    }

    /// <summary>The loaded function called <paramref name="functionName"/> (case-insensitive, as the host matches names).</summary>
    public LoadedFunction GetFunction(string functionName) =>
        Functions.FirstOrDefault(f => string.Equals(f.Name, functionName, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No function named '{functionName}'; the worker loaded: {string.Join(", ", Functions.Select(f => f.Name))}.", nameof(functionName));

    internal Task<InvocationOutcome> InvokeHttpAsync(LoadedFunction function, string invocationId, string method, Uri url, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken) =>
        InvokeAsync(function, InvocationRequests.Http(function, invocationId, method, url, routeValues, Clock.GetUtcNow()), cancellationToken);

    private LoadedFunction FindFunction(string functionName, string triggerType)
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        var function = GetFunction(functionName);
        if (!string.Equals(function.Trigger.Type, triggerType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Function '{function.Name}' has a {function.Trigger.Type} binding, not {triggerType}.", nameof(functionName));
        }

        return function;
    }

    private async Task<InvocationOutcome> InvokeAsync(LoadedFunction function, InvocationRequest request, CancellationToken cancellationToken)
    {
        var invocationId = request.InvocationId;
        var logs = new ConcurrentQueue<string>();
        _invocationLogs[invocationId] = logs;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.InvocationTimeout);
        try
        {
            var answer = await _channel.SendAndWaitAsync(WorkerChannel.InvocationKey(invocationId), new StreamingMessage { RequestId = NewId(), InvocationRequest = request }, timeout.Token);
            var result = answer.InvocationResponse.Result;
            var exceptionMessage = result?.Exception?.Message is { Length: > 0 } message ? message : null;
            return new InvocationOutcome(invocationId, ToStatus(result?.Status), exceptionMessage, logs.ToArray());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _channel.Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocationId } });
            throw new TimeoutException($"Function '{function.Name}' did not answer invocation {invocationId} within {_options.InvocationTimeout}.");
        }
        catch (OperationCanceledException)
        {
            // The host tells the worker when it gives up on an invocation; so does the emulator.
            _channel.Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocationId } });
            throw;
        }
        finally
        {
            _invocationLogs.TryRemove(invocationId, out _);
        }
    }

    private static InvocationStatus ToStatus(StatusResult.Types.Status? status) => status switch
    {
        StatusResult.Types.Status.Success => InvocationStatus.Success,
        StatusResult.Types.Status.Cancelled => InvocationStatus.Cancelled,
        _ => InvocationStatus.Failure,
    };
}
