using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Application.Telemetry;
using CostOps.Domain.Autopilot;
using CostOps.Infrastructure.AzureMonitor;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Compute;

/// <summary>
/// Read-only GPU fleet state: VM power state from the ARM instance view, scale-set capacity from <c>sku.capacity</c>
/// (plain ARM GETs that read only those fields), and running hours per day from <c>VmAvailabilityMetric</c> (Azure Monitor).
/// This adapter never changes the fleet; acting on it is the autopilot's separate port.
/// </summary>
public sealed class ArmFleetStateSource : IFleetStateSource
{
    public const string AvailabilityMetric = "VmAvailabilityMetric";

    /// <summary>The Compute api-version of the instance-view and scale-set reads.</summary>
    public const string ComputeApiVersion = "2023-07-01";
    private const string VmType = "Microsoft.Compute/virtualMachines";
    private const string ScaleSetType = "Microsoft.Compute/virtualMachineScaleSets";
    private const int Parallelism = 4;
    private static readonly TimeSpan _maxStretch = TimeSpan.FromDays(7);

    private readonly SourceContext _source;
    private readonly Uri _armEndpoint;
    private readonly HttpPipeline _armPipeline;
    private readonly IMetricsReader _metrics;
    private readonly string? _region;
    private readonly IReadOnlyList<string> _defaultResourceIds;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="armPipeline">A pipeline that authenticates for ARM (<see cref="AzureMonitorMetricsClient.ArmScope"/>).</param>
    public ArmFleetStateSource(string sourceName, Uri armEndpoint, HttpPipeline armPipeline, IMetricsReader metrics, string? region, IReadOnlyList<string> defaultResourceIds, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(armEndpoint);
        ArgumentNullException.ThrowIfNull(armPipeline);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(defaultResourceIds);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _source = new SourceContext(sourceName, "ARM compute");
        _armEndpoint = armEndpoint;
        _armPipeline = armPipeline;
        _metrics = metrics;
        _region = region;
        _defaultResourceIds = defaultResourceIds;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<TelemetryResult<FleetResourceState>> GetCurrentStateAsync(IReadOnlyList<string> resourceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceIds);
        var ids = resourceIds.Count > 0 ? resourceIds : _defaultResourceIds;
        var states = new FleetResourceState?[ids.Count];
        var issues = new TelemetryIssue?[ids.Count];
        await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            (states[i], issues[i]) = await ReadStateAsync(ids[i], ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var result = new TelemetryResult<FleetResourceState>([.. states.OfType<FleetResourceState>()], [.. issues.OfType<TelemetryIssue>()]);
        TelemetryLog.ReadFacts(_logger, _source.Name, "fleet state", result.Facts.Count, result.Issues.Count, [new Completeness(ids.Count, result.Facts.Count)]);
        return result;
    }

    public async Task<TelemetryResult<RunningHoursFact>> GetDailyRunningHoursAsync(FleetQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = query.ResourceIds.Count > 0 ? query.ResourceIds : _defaultResourceIds;

        // Read up to the current hour (not just the window's end) so a gap that runs until now can be told from a gap
        // that ended: only the former is explained by a deallocation that is still in force. Old windows are not
        // stretched to now (too costly); their trailing gaps stay unknown.
        var utcNow = _timeProvider.GetUtcNow().UtcDateTime;
        var currentHour = new DateTimeOffset(utcNow.Year, utcNow.Month, utcNow.Day, utcNow.Hour, 0, 0, TimeSpan.Zero);
        var stretch = currentHour > query.Days.End && currentHour - query.Days.End <= _maxStretch;
        var readUntil = stretch ? currentHour : query.Days.End;
        var readsUpToNow = stretch || currentHour == query.Days.End;

        var facts = new List<RunningHoursFact>();
        var issues = new List<TelemetryIssue>();
        var answered = new List<(string ResourceId, ComputeResourceKind Kind, HourlyAvailability.Reduced Hours)>();
        var reducer = new HourlyAvailability(query.Days);
        foreach (var (kind, type, filter) in new[]
        {
            (ComputeResourceKind.VirtualMachine, VmType, (string?)null),
            (ComputeResourceKind.ScaleSet, ScaleSetType, MetricsRequest.SplitBy("VMName")),
        })
        {
            var ofKind = ids.Where(id => IsType(id, type)).ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }
            // Each resource's answer is reduced to its days as it is read; the hourly points are let go at once.
            var problems = new string?[ofKind.Count];
            var hours = new HourlyAvailability.Reduced?[ofKind.Count];
            var request = new MetricsRequest(type, [AvailabilityMetric], ["average"], TimeSpan.FromHours(1), query.Days.Start, readUntil, filter);
            await _metrics.ReadEachAsync(request, [.. ofKind.Select(id => new MetricsTarget(id, _region))], (i, resource) =>
            {
                var metric = resource.Metric(AvailabilityMetric);
                problems[i] = resource.Error
                    ?? (metric is null ? "the answer did not include VmAvailabilityMetric." : null)
                    ?? (metric!.Succeeded ? null : $"{metric.ErrorCode}: {metric.ErrorMessage}");
                hours[i] = problems[i] is null ? reducer.Reduce(metric!) : null;
            }, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < ofKind.Count; i++)
            {
                if (problems[i] is { } problem)
                {
                    issues.Add(_source.Issue(ofKind[i], problem));
                    facts.AddRange(query.Days.EachDay().Select(day => new RunningHoursFact(ofKind[i], kind, day, null, Completeness.Missing(24))));
                    continue;
                }
                answered.Add((ofKind[i], kind, hours[i]!));
            }
        }

        // The current state only matters for a resource whose availability stops before the window ends (is it
        // deallocated, or was monitoring down?). Asking ARM for every resource would cost one call per VM per night,
        // 2,000 calls for a 2,000-VM fleet that is almost always running.
        var stateById = new Dictionary<string, FleetResourceState>(StringComparer.OrdinalIgnoreCase);
        var unexplained = readsUpToNow
            ? answered.Where(a => HourlyAvailability.StopsBefore(a.Hours, query.Days.End)).Select(a => a.ResourceId).ToList()
            : [];
        if (unexplained.Count > 0)
        {
            var states = await GetCurrentStateAsync(unexplained, cancellationToken).ConfigureAwait(false);
            issues.AddRange(states.Issues);
            foreach (var state in states.Facts)
            {
                stateById[state.ResourceId] = state;
            }
        }
        foreach (var (resourceId, kind, hours) in answered)
        {
            var state = stateById.GetValueOrDefault(resourceId);
            var stoppedNow = state is { PowerState: VmPowerState.Deallocated } || state is { Kind: ComputeResourceKind.ScaleSet, Capacity: 0 };
            facts.AddRange(HourlyAvailability.Daily(resourceId, kind, hours, query.Days, readUntil, stoppedNow));
        }
        foreach (var id in ids.Where(id => !IsType(id, VmType) && !IsType(id, ScaleSetType)))
        {
            issues.Add(_source.Issue(id, "not a virtual machine or scale set id."));
        }
        TelemetryLog.ReadFacts(_logger, _source.Name, "running hours", facts.Count, issues.Count, facts.Select(f => f.Completeness));
        return new TelemetryResult<RunningHoursFact>(facts, issues);
    }

    // One resource's state, or the issue that makes it unknown (and so never taken for stopped): gone, out of reach,
    // or a body whose power-state field does not parse. Any other failure is the source's, and fails the read.
    private async Task<(FleetResourceState? State, TelemetryIssue? Issue)> ReadStateAsync(string resourceId, CancellationToken cancellationToken)
    {
        var isVm = IsType(resourceId, VmType);
        if (!isVm && !IsType(resourceId, ScaleSetType))
        {
            return (null, _source.Issue(resourceId, "not a virtual machine or scale set id."));
        }
        using var message = _armPipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        var uri = message.Request.Uri;
        uri.Reset(_armEndpoint);
        // The resource id is a path, not a value: it is sent as is.
        uri.AppendPath(resourceId, escape: false);
        if (isVm)
        {
            uri.AppendPath("/instanceView", escape: false);
        }
        uri.AppendQuery("api-version", ComputeApiVersion);
        message.Request.Headers.SetValue("Accept", "application/json");

        var response = await TelemetryHttp.SendAsync(_armPipeline, message, _source, cancellationToken).ConfigureAwait(false);
        if (response.Status is 400 or 403 or 404 && TelemetryHttp.FailureOf(response, _source) is { } failure)
        {
            // This resource is gone or out of reach; the rest of the fleet is still read.
            return (null, Unreadable(resourceId, failure.Message));
        }
        TelemetryHttp.EnsureSuccess(response, _source);
        var observedAt = _timeProvider.GetUtcNow();
        var body = response.Content.ToMemory();
        if (isVm)
        {
            var (power, problem) = ArmStateBodies.PowerStateOf(body);
            return problem is null
                ? (new FleetResourceState(resourceId, ComputeResourceKind.VirtualMachine, power!.Value, null, observedAt), null)
                : (null, Unreadable(resourceId, $"returned an instance view that does not parse: {problem}"));
        }
        var (capacity, capacityProblem) = ArmStateBodies.CapacityOf(body);
        if (capacityProblem is not null)
        {
            return (null, Unreadable(resourceId, $"returned a scale set that does not parse: {capacityProblem}"));
        }
        var state = capacity switch
        {
            null => VmPowerState.Unknown,
            0 => VmPowerState.Deallocated,
            _ => VmPowerState.Running,
        };
        return (new FleetResourceState(resourceId, ComputeResourceKind.ScaleSet, state, capacity, observedAt), null);
    }

    private TelemetryIssue Unreadable(string resourceId, string problem)
    {
        TelemetryLog.ResourceUnreadable(_logger, _source.Name, resourceId, problem);
        return _source.Issue(resourceId, problem);
    }

    private static bool IsType(string resourceId, string type) =>
        ResourceIdentifier.TryParse(resourceId, out var id) && id is not null
        && string.Equals(id.ResourceType.ToString(), type, StringComparison.OrdinalIgnoreCase);
}
