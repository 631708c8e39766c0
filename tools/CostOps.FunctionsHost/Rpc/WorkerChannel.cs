using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace CostOps.FunctionsHost.Rpc;

/// <summary>
/// The host's side of FunctionRpc.EventStream for one worker: sends requests in order over the one
/// stream the worker opens, and pairs the worker's responses with the requests that wait for them.
/// </summary>
internal sealed class WorkerChannel : FunctionRpc.FunctionRpcBase
{
    private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new();
    private readonly Action<RpcLog> _onLog;
    private Exception? _failure;

    public WorkerChannel(Action<RpcLog> onLog)
    {
        _onLog = onLog;
    }

    /// <summary>Completes with the worker id once the worker has opened the stream with StartStream.</summary>
    public Task<string> Started => _started.Task;

    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken))
        {
            return;
        }

        if (requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            Fail(new InvalidOperationException($"The worker opened the stream with {requestStream.Current.ContentCase}, not StartStream."));
            return;
        }

        using var writing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = WriteOutgoingAsync(responseStream, writing.Token);
        _started.TrySetResult(requestStream.Current.StartStream.WorkerId);
        try
        {
            while (await requestStream.MoveNext(cancellationToken))
            {
                Dispatch(requestStream.Current);
            }

            Fail(new InvalidOperationException("The worker closed its gRPC stream."));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or Grpc.Core.RpcException)
        {
            Fail(new InvalidOperationException("The worker's gRPC stream broke.", ex));
        }
        finally
        {
            await writing.CancelAsync();
            try
            {
                await writer;
            }
            catch (OperationCanceledException)
            {
                // The writer stops by cancellation when the stream ends; nothing was lost that a caller waits for.
            }
        }
    }

    /// <summary>Sends a request and waits for the worker's response under <paramref name="key"/>.</summary>
    public async Task<StreamingMessage> SendAndWaitAsync(string key, StreamingMessage request, CancellationToken cancellationToken)
    {
        var response = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, response))
        {
            throw new InvalidOperationException($"A request '{key}' is already waiting for the worker.");
        }

        try
        {
            if (_failure is { } failure)
            {
                throw new InvalidOperationException(failure.Message, failure);
            }

            Send(request);
            return await response.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    /// <summary>Sends a message that has no response (WorkerTerminate).</summary>
    public void Send(StreamingMessage message) => _outgoing.Writer.TryWrite(message);

    /// <summary>Fails everything that waits (the worker exited or the stream broke).</summary>
    public void Fail(Exception failure)
    {
        _failure ??= failure;
        _started.TrySetException(failure);
        foreach (var waiting in _pending.Values)
        {
            waiting.TrySetException(failure);
        }
    }

    internal static string InitKey => "init";

    internal static string MetadataKey => "metadata";

    internal static string LoadKey(string functionId) => "load:" + functionId;

    internal static string InvocationKey(string invocationId) => "invoke:" + invocationId;

    private void Dispatch(StreamingMessage message)
    {
        var key = message.ContentCase switch
        {
            StreamingMessage.ContentOneofCase.WorkerInitResponse => InitKey,
            StreamingMessage.ContentOneofCase.FunctionMetadataResponse => MetadataKey,
            StreamingMessage.ContentOneofCase.FunctionLoadResponse => LoadKey(message.FunctionLoadResponse.FunctionId),
            StreamingMessage.ContentOneofCase.InvocationResponse => InvocationKey(message.InvocationResponse.InvocationId),
            _ => null,
        };
        if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
        {
            _onLog(message.RpcLog);
        }
        else if (key is not null && _pending.TryGetValue(key, out var waiting))
        {
            waiting.TrySetResult(message);
        }
    }

    private async Task WriteOutgoingAsync(IServerStreamWriter<StreamingMessage> responseStream, CancellationToken cancellationToken)
    {
        await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken))
        {
            await responseStream.WriteAsync(message, cancellationToken);
        }
    }
}
