using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using CostOps.Application.Ports;
using CostOps.Domain.Autopilot;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Compute;

/// <summary>
/// The autopilot's hands on Azure, through Azure.ResourceManager.Compute 1.2.0: deallocates and
/// starts VMs, sets scale set capacity, and never powers off (a powered-off VM is still billed).
/// Retries of 408/429/5xx are the <see cref="ArmClient"/> pipeline's (its <c>ArmClientOptions.Retry</c>);
/// what is still refused after that becomes a <see cref="FleetActionStatus.Failed"/> outcome.
/// </summary>
public sealed class ArmFleetController : IFleetController
{
    private readonly ArmClient _arm;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ArmFleetController> _logger;
    private readonly TimeSpan _operationTimeout;

    public ArmFleetController(
        ArmClient arm,
        IOptions<ArmFleetControllerOptions> options,
        TimeProvider timeProvider,
        ILogger<ArmFleetController> logger)
    {
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Value.OperationTimeout, TimeSpan.Zero, "options.OperationTimeout");
        _arm = arm;
        _timeProvider = timeProvider;
        _logger = logger;
        _operationTimeout = options.Value.OperationTimeout;
    }

    public async Task<FleetResourceSnapshot> ReadAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        var (id, kind) = Parse(resourceId);
        try
        {
            return await ReadCoreAsync(resourceId, id, kind, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw new FleetControlException(resourceId, ex.Status >= 400 ? ex.Status : null, ex.ErrorCode, $"reading {resourceId} failed: {ex.Message}", ex);
        }
    }

    public async Task<FleetActionOutcome> ApplyAsync(ResourceTarget target, AutopilotMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var attempt = new Attempt(target, _timeProvider.GetUtcNow());
        if (target.Status != TargetStatus.Act || target.Operation == TargetOperation.None)
        {
            return attempt.End(FleetActionStatus.Skipped, $"the decision plans no write for this resource ({target.Status})", _timeProvider);
        }
        if (mode is not (AutopilotMode.DryRun or AutopilotMode.Enforce))
        {
            return attempt.End(FleetActionStatus.Skipped, "autopilot is off: nothing sent", _timeProvider);
        }
        if (Mismatch(target) is { } mismatch)
        {
            return attempt.End(FleetActionStatus.Failed, mismatch, _timeProvider);
        }
        var operation = Describe(target);
        ResourceIdentifier id;
        ComputeResourceKind kind;
        try
        {
            (id, kind) = Parse(target.ResourceId);
        }
        catch (ArgumentException ex)
        {
            return attempt.End(FleetActionStatus.Failed, ex.Message, _timeProvider);
        }
        if (kind != target.Kind)
        {
            return attempt.End(FleetActionStatus.Failed, $"the target says {target.Kind} but the id names a {kind}", _timeProvider);
        }

        FleetResourceSnapshot before;
        try
        {
            before = await ReadCoreAsync(target.ResourceId, id, kind, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            ArmFleetControllerLog.Failed(_logger, operation, target.ResourceId, ex.Status, ex.ErrorCode);
            return attempt.Refused(ex, $"reading the state before acting failed: {ex.Message}", _timeProvider);
        }
        attempt.StateBefore = before.StateText;

        if (AlreadyThere(before, target))
        {
            ArmFleetControllerLog.AlreadyInState(_logger, operation, target.ResourceId, before.StateText);
            return attempt.End(FleetActionStatus.AlreadyInState, $"already {before.StateText}: nothing sent", _timeProvider);
        }
        // The caller enforces dry-run too; this second check makes "no write in dry-run" hold even if it does not.
        if (mode != AutopilotMode.Enforce)
        {
            ArmFleetControllerLog.DryRun(_logger, operation, target.ResourceId, before.StateText);
            return attempt.End(FleetActionStatus.DryRun, $"dry run: would {operation} (now {before.StateText}); nothing sent", _timeProvider);
        }

        return await WriteAndConfirmAsync(attempt, id, operation, cancellationToken);
    }

    private async Task<FleetActionOutcome> WriteAndConfirmAsync(Attempt attempt, ResourceIdentifier id, string operation, CancellationToken cancellationToken)
    {
        var target = attempt.Target;
        using var timeout = new CancellationTokenSource(_operationTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var timedOut = false;
        try
        {
            attempt.WriteSent = true;
            await WriteAsync(id, target, linked.Token);
        }
        catch (RequestFailedException ex)
        {
            ArmFleetControllerLog.Failed(_logger, operation, target.ResourceId, ex.Status, ex.ErrorCode);
            attempt.StateAfter = await TryReadStateAsync(target.ResourceId, id, target.Kind, cancellationToken);
            return attempt.Refused(ex, $"{operation} failed: {ex.Message}", _timeProvider);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One resource's surprise (a malformed LRO response, say) must not end the run: it is recorded.
            ArmFleetControllerLog.Unexpected(_logger, operation, target.ResourceId, ex);
            attempt.StateAfter = await TryReadStateAsync(target.ResourceId, id, target.Kind, cancellationToken);
            return attempt.End(FleetActionStatus.Failed, $"{operation} failed: {ex.GetType().Name}: {ex.Message}", _timeProvider);
        }

        var after = await TryReadAsync(target.ResourceId, id, target.Kind, cancellationToken);
        attempt.StateAfter = after?.StateText;
        if (timedOut)
        {
            ArmFleetControllerLog.TimedOut(_logger, operation, target.ResourceId, _operationTimeout, attempt.StateAfter);
            return attempt.End(FleetActionStatus.TimedOut, $"{operation} did not complete within {_operationTimeout}; now {attempt.StateAfter ?? "unknown"}", _timeProvider);
        }
        if (after is null || !Reached(after, target))
        {
            ArmFleetControllerLog.Unconfirmed(_logger, operation, target.ResourceId, attempt.StateAfter);
            return attempt.End(FleetActionStatus.Unconfirmed, $"ARM reported {operation} done but the resource reads back as {attempt.StateAfter ?? "unreadable"}", _timeProvider);
        }
        ArmFleetControllerLog.Succeeded(_logger, operation, target.ResourceId, attempt.StateBefore, attempt.StateAfter);
        return attempt.End(FleetActionStatus.Succeeded, $"{operation}: {attempt.StateBefore} -> {attempt.StateAfter}", _timeProvider);
    }

    /// <summary>The only writes this class makes. Deallocate, never power off; no hibernation.</summary>
    private async Task WriteAsync(ResourceIdentifier id, ResourceTarget target, CancellationToken cancellationToken)
    {
        switch (target.Operation)
        {
            case TargetOperation.Deallocate:
                await _arm.GetVirtualMachineResource(id).DeallocateAsync(WaitUntil.Completed, hibernate: null, cancellationToken);
                break;
            case TargetOperation.Start:
                await _arm.GetVirtualMachineResource(id).PowerOnAsync(WaitUntil.Completed, cancellationToken);
                break;
            case TargetOperation.SetCapacity:
                var patch = new VirtualMachineScaleSetPatch { Sku = new ComputeSku { Capacity = target.Capacity } };
                await _arm.GetVirtualMachineScaleSetResource(id).UpdateAsync(WaitUntil.Completed, patch, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"no write for {target.Operation}");
        }
    }

    private async Task<FleetResourceSnapshot> ReadCoreAsync(string resourceId, ResourceIdentifier id, ComputeResourceKind kind, CancellationToken cancellationToken)
    {
        if (kind == ComputeResourceKind.VirtualMachine)
        {
            // One GET with the instance view expanded: tags and size from the VM, power state from the view.
            var vm = (await _arm.GetVirtualMachineResource(id).GetAsync(InstanceViewType.InstanceView, cancellationToken)).Value.Data;
            var codes = vm.InstanceView?.Statuses.Select(s => s.Code) ?? [];
            return new FleetResourceSnapshot(
                resourceId,
                kind,
                ArmPowerStates.From(codes),
                null,
                vm.HardwareProfile?.VmSize?.ToString(),
                Tags(vm.Tags),
                _timeProvider.GetUtcNow());
        }
        var set = (await _arm.GetVirtualMachineScaleSetResource(id).GetAsync(expand: null, cancellationToken)).Value.Data;
        return new FleetResourceSnapshot(
            resourceId,
            kind,
            VmPowerState.Unknown,
            set.Sku?.Capacity is { } capacity ? checked((int)capacity) : null,
            set.Sku?.Name,
            Tags(set.Tags),
            _timeProvider.GetUtcNow());
    }

    /// <summary>A read after a write: its failure must not hide the write's own result.</summary>
    private async Task<FleetResourceSnapshot?> TryReadAsync(string resourceId, ResourceIdentifier id, ComputeResourceKind kind, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadCoreAsync(resourceId, id, kind, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            ArmFleetControllerLog.Failed(_logger, "read-back", resourceId, ex.Status, ex.ErrorCode);
            return null;
        }
    }

    private async Task<string?> TryReadStateAsync(string resourceId, ResourceIdentifier id, ComputeResourceKind kind, CancellationToken cancellationToken) =>
        (await TryReadAsync(resourceId, id, kind, cancellationToken))?.StateText;

    /// <summary>
    /// Already where the decision wants it, or on its way there. For capacity the direction counts:
    /// a scale-up target is met by any capacity at or above it, so a set someone scaled further
    /// up meanwhile is never scaled back down by a stale decision (and vice versa).
    /// </summary>
    private static bool AlreadyThere(FleetResourceSnapshot state, ResourceTarget target) => target.Operation switch
    {
        TargetOperation.Deallocate => state.PowerState is VmPowerState.Deallocated or VmPowerState.Deallocating,
        TargetOperation.Start => state.PowerState is VmPowerState.Running or VmPowerState.Starting,
        _ when state.Capacity is null => false,
        _ when target.Capacity > target.Resource.Capacity => state.Capacity >= target.Capacity,
        _ when target.Capacity < target.Resource.Capacity => state.Capacity <= target.Capacity,
        _ => state.Capacity == target.Capacity,
    };

    private static bool Reached(FleetResourceSnapshot state, ResourceTarget target) => target.Operation switch
    {
        TargetOperation.Deallocate => state.PowerState == VmPowerState.Deallocated,
        TargetOperation.Start => state.PowerState == VmPowerState.Running,
        _ => state.Capacity == target.Capacity,
    };

    private static string? Mismatch(ResourceTarget target) => (target.Operation, target.Kind) switch
    {
        (TargetOperation.Deallocate or TargetOperation.Start, ComputeResourceKind.VirtualMachine) => null,
        (TargetOperation.SetCapacity, ComputeResourceKind.ScaleSet) when target.Capacity >= 0 => null,
        (TargetOperation.SetCapacity, ComputeResourceKind.ScaleSet) => $"capacity {target.Capacity?.ToString() ?? "(none)"} cannot be set",
        _ => $"{target.Operation} does not apply to a {target.Kind}",
    };

    private static (ResourceIdentifier Id, ComputeResourceKind Kind) Parse(string resourceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        ResourceIdentifier id;
        try
        {
            id = new ResourceIdentifier(resourceId);
            if (id.ResourceType == VirtualMachineResource.ResourceType)
            {
                return (id, ComputeResourceKind.VirtualMachine);
            }
            if (id.ResourceType == VirtualMachineScaleSetResource.ResourceType)
            {
                return (id, ComputeResourceKind.ScaleSet);
            }
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"{resourceId} is not an ARM resource id", nameof(resourceId), ex);
        }
        throw new ArgumentException($"{resourceId} is not a virtual machine or scale set ({id.ResourceType})", nameof(resourceId));
    }

    private static string Describe(ResourceTarget target) => target.Operation switch
    {
        TargetOperation.Deallocate => "deallocate",
        TargetOperation.Start => "start",
        _ => $"set capacity {target.Capacity}",
    };

    private static Dictionary<string, string> Tags(IDictionary<string, string>? tags) =>
        tags is null ? [] : new Dictionary<string, string>(tags, StringComparer.OrdinalIgnoreCase);

    /// <summary>What is known so far about one target's execution.</summary>
    private sealed class Attempt(ResourceTarget target, DateTimeOffset startedAt)
    {
        public ResourceTarget Target { get; } = target;

        public bool WriteSent { get; set; }

        public string? StateBefore { get; set; }

        public string? StateAfter { get; set; }

        public FleetActionOutcome End(FleetActionStatus status, string message, TimeProvider clock, int? httpStatus = null, string? errorCode = null) =>
            new(Target.ResourceId, Target.Operation, Target.Capacity, status, WriteSent, StateBefore, StateAfter, httpStatus, errorCode, message, startedAt, clock.GetUtcNow());

        /// <summary>A long-running operation that ends "Failed" arrives on a 200 poll: no HTTP refusal, only its error code.</summary>
        public FleetActionOutcome Refused(RequestFailedException ex, string message, TimeProvider clock) =>
            End(FleetActionStatus.Failed, message, clock, ex.Status >= 400 ? ex.Status : null, ex.ErrorCode);
    }
}
