using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using CostOps.FunctionsHost.Http;
using CostOps.FunctionsHost.Rpc;
using CostOps.FunctionsHost.Worker;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace CostOps.FunctionsHost;

/// <summary>
/// Stands in for the Azure Functions host: starts the built isolated-worker app as the host does,
/// handshakes over the host's gRPC protocol, loads every function, invokes timer and queue
/// functions on demand, and serves HTTP functions through a loopback front end that forwards each
/// request to the worker's own HTTP endpoint.
/// </summary>
public sealed partial class FunctionsHostEmulator : IAsyncDisposable
{
    // What the emulated host reports as its version in WorkerInitRequest (a 4.x host).
    private const string HostVersion = "4.1040.0";
    private static readonly TimeSpan TerminateGracePeriod = TimeSpan.FromSeconds(5);
    private const int PortConflictAttempts = 3;

    // The worker's ASP.NET Core extension picks its HTTP port by probing for a free one and binding it
    // later; two workers starting at once can pick the same port, and on "localhost" Kestrel then
    // binds only the address family still free, so requests for one worker reach the other. Workers
    // of this process start one at a time, and a worker that reports the conflict is restarted.
    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static readonly TimeSpan ListenConfirmationWait = TimeSpan.FromSeconds(3);

    private readonly FunctionsHostOptions _options;
    private readonly string _appDirectory;
    private readonly Lock _logGate = new();
    private readonly StringBuilder _logs = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _invocationLogs = new();
    private readonly ConcurrentQueue<InvocationOutcome> _httpInvocations = new();
    private readonly WorkerChannel _channel;
    private RpcServer? _rpc;
    private WorkerProcess? _worker;
    private HttpFrontEnd? _frontEnd;
    private readonly TaskCompletionSource _httpListening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<LoadedFunction> _functions = [];
    private int _disposed;
    private volatile bool _httpPortConflict;

    private FunctionsHostEmulator(FunctionsHostOptions options, string appDirectory, string routePrefix)
    {
        _options = options;
        _appDirectory = appDirectory;
        RoutePrefix = routePrefix;
        _channel = new WorkerChannel(OnRpcLog);
    }

    /// <summary>A client for the front end: BaseAddress http://127.0.0.1:&lt;port&gt;/.</summary>
    public HttpClient Client => _frontEnd?.Client ?? throw new InvalidOperationException("The emulator has not started.");

    public Uri BaseAddress => _frontEnd?.BaseAddress ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>Every function the worker reported and loaded.</summary>
    public IReadOnlyList<LoadedFunction> Functions => _functions;

    /// <summary>The route prefix in force (host.json's, else <see cref="FunctionsHostOptions.RoutePrefix"/>).</summary>
    public string RoutePrefix { get; }

    /// <summary>Everything the worker logged so far (RpcLog, stdout, stderr), one line each.</summary>
    public string Logs
    {
        get
        {
            lock (_logGate)
            {
                return _logs.ToString();
            }
        }
    }

    /// <summary>The outcomes of the HTTP invocations served so far, in completion order.</summary>
    public IReadOnlyList<InvocationOutcome> HttpInvocations => _httpInvocations.ToArray();

    /// <summary>Worker process start to all functions loaded.</summary>
    public TimeSpan StartedIn { get; private set; }

    public int ProcessId => _worker?.Id ?? throw new InvalidOperationException("The worker has not started.");

    public bool HasExited => _worker?.HasExited ?? true;

    /// <summary>Starts the worker, handshakes and loads every function; throws <see cref="WorkerStartupException"/> when the worker exits or is not ready in time.</summary>
    public static async Task<FunctionsHostEmulator> StartAsync(FunctionsHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var appDirectory = Path.GetFullPath(options.AppDirectory);
        var config = WorkerConfig.Read(appDirectory);
        var routePrefix = HostJson.ReadRoutePrefix(options.HostJsonPath ?? Path.Combine(appDirectory, "host.json"), required: options.HostJsonPath is not null)
            ?? options.RoutePrefix.Trim('/');
        for (var attempt = 1; ; attempt++)
        {
            var emulator = new FunctionsHostEmulator(options, appDirectory, routePrefix);
            try
            {
                await emulator.StartWorkerAsync(config, cancellationToken);
                emulator._frontEnd = await HttpFrontEnd.StartAsync(emulator, options.HttpPort, cancellationToken);
                return emulator;
            }
            catch (WorkerStartupException ex) when (ex.IsHttpPortConflict && attempt < PortConflictAttempts)
            {
                await emulator.DisposeAsync();
                options.Log?.Invoke($"[host] The worker's HTTP port was taken by another process; starting a new worker (attempt {attempt + 1}).");
            }
            catch
            {
                await emulator.DisposeAsync();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_frontEnd is not null)
        {
            await _frontEnd.DisposeAsync();
        }

        if (_worker is not null)
        {
            await StopWorkerAsync(_worker);
            _worker.Dispose();
        }

        _channel.Fail(new ObjectDisposedException(nameof(FunctionsHostEmulator)));
        if (_rpc is not null)
        {
            await _rpc.DisposeAsync();
        }
    }

    internal string AppDirectory => _appDirectory;

    internal Uri? WorkerHttpUri { get; private set; }

    internal TimeProvider Clock => _options.TimeProvider;

    internal void RecordHttpInvocation(InvocationOutcome outcome) => _httpInvocations.Enqueue(outcome);

    internal void AppendLog(string line)
    {
        lock (_logGate)
        {
            _logs.AppendLine(line);
        }

        WatchForHttpListening(line);

        try
        {
            _options.Log?.Invoke(line);
        }
        catch (InvalidOperationException)
        {
            // A test's output helper throws once its test has finished; the worker may still be
            // talking while the emulator shuts down, and that must not break the output reader.
        }
    }

    private async Task StartWorkerAsync(WorkerConfig config, CancellationToken cancellationToken)
    {
        _rpc = await RpcServer.StartAsync(_channel, cancellationToken);
        // Waiting for another worker of this process to finish starting does not count against the timeout.
        await StartGate.WaitAsync(cancellationToken);
        try
        {
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(_options.StartupTimeout);
            await StartWorkerProcessAsync(config, _rpc.Address, startup, cancellationToken);
        }
        finally
        {
            StartGate.Release();
        }
    }

    private async Task StartWorkerProcessAsync(WorkerConfig config, Uri rpcAddress, CancellationTokenSource startup, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var worker = WorkerProcess.Start(config, _appDirectory, rpcAddress, _options.Environment, AppendLog);
        _worker = worker;
        _ = worker.Exited.ContinueWith(
            exited => _channel.Fail(new InvalidOperationException($"The worker process exited with code {exited.Result}.")),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            await _channel.Started.WaitAsync(startup.Token);
            await InitializeAsync(startup.Token);
            _functions = await LoadFunctionsAsync(startup.Token);
            StartedIn = clock.Elapsed;
            await ConfirmHttpListenerAsync(startup.Token);
        }
        catch (WorkerStartupException)
        {
            throw;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            string reason;
            if (worker.Exited.IsCompleted)
            {
                reason = $"The worker process ({config.WorkerPath}) exited with code {worker.Exited.Result} before all functions were loaded.";
            }
            else if (ex is OperationCanceledException)
            {
                reason = $"The worker ({config.WorkerPath}) did not get ready within {_options.StartupTimeout.TotalSeconds:0.#} s (process start to all functions loaded).";
            }
            else
            {
                reason = $"The worker ({config.WorkerPath}) failed to start: {ex.Message}";
            }

            // Let the output readers drain, so the exception carries the worker's last words.
            await worker.WaitForExitAsync(TimeSpan.FromSeconds(worker.Exited.IsCompleted ? 2 : 0.2));
            throw WorkerStartupException.Create(reason, Logs, ex);
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var init = await _channel.SendAndWaitAsync(WorkerChannel.InitKey, new StreamingMessage
        {
            RequestId = NewId(),
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = HostVersion,
                WorkerDirectory = _appDirectory,
                FunctionAppDirectory = _appDirectory,
            },
        }, cancellationToken);
        EnsureSuccess(init.WorkerInitResponse.Result, "WorkerInitRequest");
        if (init.WorkerInitResponse.Capabilities.TryGetValue("HttpUri", out var httpUri) && !string.IsNullOrEmpty(httpUri))
        {
            WorkerHttpUri = new Uri(httpUri);
        }
    }

    private async Task<IReadOnlyList<LoadedFunction>> LoadFunctionsAsync(CancellationToken cancellationToken)
    {
        var answer = await _channel.SendAndWaitAsync(WorkerChannel.MetadataKey, new StreamingMessage
        {
            RequestId = NewId(),
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = _appDirectory },
        }, cancellationToken);
        var response = answer.FunctionMetadataResponse;
        EnsureSuccess(response.Result, "FunctionsMetadataRequest");
        if (response.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException("The worker asks the host to index functions itself (workerIndexing off); the emulator only supports worker indexing.");
        }

        var loads = response.FunctionMetadataResults.Select(metadata => LoadFunctionAsync(metadata, cancellationToken)).ToList();
        return await Task.WhenAll(loads);
    }

    private async Task<LoadedFunction> LoadFunctionAsync(RpcFunctionMetadata metadata, CancellationToken cancellationToken)
    {
        var functionId = string.IsNullOrEmpty(metadata.FunctionId) ? NewId() : metadata.FunctionId;
        metadata.FunctionId = functionId;
        var bindings = FunctionMetadataBindings.Parse(metadata);
        FunctionMetadataBindings.Fill(metadata, bindings);
        var answer = await _channel.SendAndWaitAsync(WorkerChannel.LoadKey(functionId), new StreamingMessage
        {
            RequestId = NewId(),
            FunctionLoadRequest = new FunctionLoadRequest { FunctionId = functionId, Metadata = metadata },
        }, cancellationToken);
        EnsureSuccess(answer.FunctionLoadResponse.Result, $"FunctionLoadRequest for '{metadata.Name}'");
        return new LoadedFunction(metadata.Name, functionId, metadata.EntryPoint, bindings);
    }

    // Waits (briefly) for the worker's Kestrel to report its address, and fails when it could not bind it alone.
    private async Task ConfirmHttpListenerAsync(CancellationToken cancellationToken)
    {
        if (WorkerHttpUri is null)
        {
            return;
        }

        await Task.WhenAny(_httpListening.Task, Task.Delay(ListenConfirmationWait, cancellationToken));
        if (_httpPortConflict)
        {
            throw WorkerStartupException.Create(
                $"The worker could not bind its HTTP port {WorkerHttpUri.Port} alone (another process holds it).", Logs, inner: null, isHttpPortConflict: true);
        }
    }

    private void WatchForHttpListening(string line)
    {
        if (line.Contains("Unable to bind to", StringComparison.OrdinalIgnoreCase) || line.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            _httpPortConflict = true;
            _httpListening.TrySetResult();
        }
        else if (line.Contains("Now listening on:", StringComparison.Ordinal))
        {
            _httpListening.TrySetResult();
        }
    }

    private async Task StopWorkerAsync(WorkerProcess worker)
    {
        if (worker.HasExited)
        {
            return;
        }

        if (_channel.Started.IsCompletedSuccessfully)
        {
            _channel.Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(TerminateGracePeriod) } });
            if (await worker.WaitForExitAsync(TerminateGracePeriod + TimeSpan.FromSeconds(1)))
            {
                return;
            }
        }

        worker.Kill();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(5));
    }

    private void OnRpcLog(RpcLog log)
    {
        var line = $"[{log.Level}] {log.Category}: {log.Message}";
        if (log.Exception is { } exception && !string.IsNullOrEmpty(exception.Message))
        {
            line += $" | {exception.Message}";
        }

        if (!string.IsNullOrEmpty(log.InvocationId) && _invocationLogs.TryGetValue(log.InvocationId, out var invocationLogs))
        {
            invocationLogs.Enqueue(line);
        }

        AppendLog(line);
    }

    private static void EnsureSuccess(StatusResult? result, string request)
    {
        if (result is not null && result.Status != StatusResult.Types.Status.Success)
        {
            var detail = result.Exception?.Message is { Length: > 0 } message ? message : result.Result;
            throw new InvalidOperationException($"The worker answered {request} with {result.Status}: {detail}");
        }
    }

    private static string NewId() => Guid.NewGuid().ToString();
}
