using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using CostOps.Application.Telemetry;
using CostOps.Infrastructure.AzureMonitor;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Compute;

/// <summary>
/// Read-only GPU fleet state: VM power state from the ARM instance view, scale-set capacity from <c>sku.capacity</c>
/// (Azure.ResourceManager.Compute), and running hours per day from <c>VmAvailabilityMetric</c> (Azure Monitor).
/// This adapter never changes the fleet; acting on it is the autopilot's separate port.
/// </summary>
public sealed class ArmFleetStateSource : IFleetStateSource
{
    public const string AvailabilityMetric = "VmAvailabilityMetric";
    private const string VmType = "Microsoft.Compute/virtualMachines";
    private const string ScaleSetType = "Microsoft.Compute/virtualMachineScaleSets";
    private const int Parallelism = 4;
    private static readonly TimeSpan _maxStretch = TimeSpan.FromDays(7);

    private readonly SourceContext _source;
    private readonly ArmClient _armClient;
    private readonly IMetricsReader _metrics;
    private readonly string? _region;
    private readonly IReadOnlyList<string> _defaultResourceIds;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ArmFleetStateSource(string sourceName, ArmClient armClient, IMetricsReader metrics, string? region, IReadOnlyList<string> defaultResourceIds, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(armClient);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(defaultResourceIds);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _source = new SourceContext(sourceName, "ARM compute");
        _armClient = armClient;
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
            try
            {
                states[i] = await ReadStateAsync(ids[i], ct).ConfigureAwait(false);
            }
            catch (RequestFailedException exception) when (exception.Status is 400 or 403 or 404)
            {
                // This resource is gone, out of reach, or malformed; the rest of the fleet is still read.
                var problem = $"HTTP {exception.Status} {exception.ErrorCode}";
                TelemetryLog.ResourceUnreadable(_logger, _source.Name, ids[i], problem);
                issues[i] = _source.Issue(ids[i], problem);
            }
            catch (RequestFailedException exception)
            {
                throw _source.Error($"answered HTTP {exception.Status} {exception.ErrorCode} for {ids[i]}", exception, exception.Status);
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or FormatException)
            {
                throw _source.Error($"returned a malformed body for {ids[i]}: {exception.Message}", exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or AggregateException or InvalidOperationException)
            {
                throw _source.Error($"could not be reached: {exception.GetType().Name}: {exception.Message}", exception);
            }
            catch (ArgumentException exception)
            {
                issues[i] = _source.Issue(ids[i], exception.Message);
            }
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
        var answered = new List<(string ResourceId, FleetResourceKind Kind, SortedDictionary<DateTimeOffset, double> Hourly)>();
        foreach (var (kind, type, filter) in new[]
        {
            (FleetResourceKind.VirtualMachine, VmType, (string?)null),
            (FleetResourceKind.ScaleSet, ScaleSetType, MetricsRequest.SplitBy("VMName")),
        })
        {
            var ofKind = ids.Where(id => IsType(id, type)).ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }
            var request = new MetricsRequest(type, [AvailabilityMetric], ["average"], TimeSpan.FromHours(1), query.Days.Start, readUntil, filter);
            var answers = await _metrics.ReadAsync(request, [.. ofKind.Select(id => new MetricsTarget(id, _region))], cancellationToken).ConfigureAwait(false);
            foreach (var resource in answers)
            {
                var metric = resource.Metric(AvailabilityMetric);
                var problem = resource.Error
                    ?? (metric is null ? "the answer did not include VmAvailabilityMetric." : null)
                    ?? (metric!.Succeeded ? null : $"{metric.ErrorCode}: {metric.ErrorMessage}");
                if (problem is not null)
                {
                    issues.Add(_source.Issue(resource.ResourceId, problem));
                    facts.AddRange(query.Days.EachDay().Select(day => new RunningHoursFact(resource.ResourceId, kind, day, null, Completeness.Missing(24))));
                    continue;
                }
                answered.Add((resource.ResourceId, kind, HourlyAvailability.Hourly(metric!)));
            }
        }

        // The current state only matters for a resource whose availability stops before the window ends (is it
        // deallocated, or was monitoring down?). Asking ARM for every resource would cost one call per VM per night,
        // 2,000 calls for a 2,000-VM fleet that is almost always running.
        var stateById = new Dictionary<string, FleetResourceState>(StringComparer.OrdinalIgnoreCase);
        var unexplained = readsUpToNow
            ? answered.Where(a => HourlyAvailability.StopsBefore(a.Hourly, query.Days.End)).Select(a => a.ResourceId).ToList()
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
        foreach (var (resourceId, kind, hourly) in answered)
        {
            var state = stateById.GetValueOrDefault(resourceId);
            var stoppedNow = state is { PowerState: PowerState.Deallocated } || state is { Kind: FleetResourceKind.ScaleSet, Capacity: 0 };
            facts.AddRange(HourlyAvailability.Daily(resourceId, kind, hourly, query.Days, readUntil, stoppedNow));
        }
        foreach (var id in ids.Where(id => !IsType(id, VmType) && !IsType(id, ScaleSetType)))
        {
            issues.Add(_source.Issue(id, "not a virtual machine or scale set id."));
        }
        TelemetryLog.ReadFacts(_logger, _source.Name, "running hours", facts.Count, issues.Count, facts.Select(f => f.Completeness));
        return new TelemetryResult<RunningHoursFact>(facts, issues);
    }

    private async Task<FleetResourceState> ReadStateAsync(string resourceId, CancellationToken cancellationToken)
    {
        var id = new ResourceIdentifier(resourceId);
        var observedAt = _timeProvider.GetUtcNow();
        if (IsType(resourceId, VmType))
        {
            var view = await _armClient.GetVirtualMachineResource(id).InstanceViewAsync(cancellationToken).ConfigureAwait(false);
            return new FleetResourceState(resourceId, FleetResourceKind.VirtualMachine, PowerStates.From(view.Value.Statuses.Select(s => s.Code)), null, observedAt);
        }
        if (IsType(resourceId, ScaleSetType))
        {
            var scaleSet = await _armClient.GetVirtualMachineScaleSetResource(id).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var capacity = scaleSet.Value.Data.Sku?.Capacity;
            var power = capacity switch
            {
                null => PowerState.Unknown,
                0 => PowerState.Deallocated,
                _ => PowerState.Running,
            };
            return new FleetResourceState(resourceId, FleetResourceKind.ScaleSet, power, capacity, observedAt);
        }
        throw new ArgumentException("not a virtual machine or scale set id.", nameof(resourceId));
    }

    private static bool IsType(string resourceId, string type) =>
        ResourceIdentifier.TryParse(resourceId, out var id) && id is not null
        && string.Equals(id.ResourceType.ToString(), type, StringComparison.OrdinalIgnoreCase);
}
