using System.Globalization;
using System.Xml;
using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>
/// Reads Azure Monitor platform metrics. Resources with a known region go through the data-plane
/// <c>metrics:getBatch</c> API, at most 50 resource ids of one subscription, region and type per call;
/// resources without a region, or a group the batch API refuses (403: Monitoring Reader is needed at
/// subscription scope for batch), are read one by one through the ARM metrics API.
/// </summary>
public sealed class AzureMonitorMetricsClient : IMetricsReader
{
    /// <summary>The batch API's limit of resource ids per call.</summary>
    public const int MaxResourcesPerBatch = 50;

    public const string ArmScope = "https://management.azure.com/.default";
    public const string BatchScope = "https://metrics.monitor.azure.com/.default";

    private const string ArmApiVersion = "2023-10-01";
    private const string BatchApiVersion = "2024-02-01";
    private const int ArmParallelism = 4;
    private const int BatchParallelism = 4;
    private static readonly TimeSpan _maxWindow = TimeSpan.FromDays(30);

    private readonly SourceContext _armSource;
    private readonly SourceContext _batchSource;
    private readonly AzureMonitorEndpoints _endpoints;
    private readonly HttpPipeline _armPipeline;
    private readonly HttpPipeline _batchPipeline;
    private readonly ILogger _logger;

    public AzureMonitorMetricsClient(string sourceName, AzureMonitorEndpoints endpoints, HttpPipeline armPipeline, HttpPipeline batchPipeline, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(armPipeline);
        ArgumentNullException.ThrowIfNull(batchPipeline);
        ArgumentNullException.ThrowIfNull(logger);
        _armSource = new SourceContext(sourceName, "Azure Monitor metrics (ARM)");
        _batchSource = new SourceContext(sourceName, "Azure Monitor metrics batch");
        _endpoints = endpoints;
        _armPipeline = armPipeline;
        _batchPipeline = batchPipeline;
        _logger = logger;
    }

    public async Task<IReadOnlyList<ResourceMetrics>> ReadAsync(MetricsRequest request, IReadOnlyList<MetricsTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var results = new ResourceMetrics[targets.Count];
        await ReadEachAsync(request, targets, (i, metrics) => results[i] = metrics, cancellationToken).ConfigureAwait(false);
        return results;
    }

    public async Task ReadEachAsync(MetricsRequest request, IReadOnlyList<MetricsTarget> targets, ResourceMetricsHandler onResource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(onResource);
        if (request.End - request.Start <= _maxWindow)
        {
            await ReadWindowAsync(request, targets, onResource, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Long windows are read in slices of at most 30 days (a documented safe size) and stitched back together, so
        // each slice is held until the last one is read.
        var slices = new List<ResourceMetrics[]>();
        for (var start = request.Start; start < request.End; start += _maxWindow)
        {
            var end = start + _maxWindow < request.End ? start + _maxWindow : request.End;
            var slice = new ResourceMetrics[targets.Count];
            await ReadWindowAsync(request with { Start = start, End = end }, targets, (i, metrics) => slice[i] = metrics, cancellationToken).ConfigureAwait(false);
            slices.Add(slice);
        }
        for (var i = 0; i < targets.Count; i++)
        {
            onResource(i, Stitch(targets[i].ResourceId, slices.Select(slice => slice[i])));
        }
    }

    private static ResourceMetrics Stitch(string resourceId, IEnumerable<ResourceMetrics> slices)
    {
        var parts = slices.ToList();
        if (parts.FirstOrDefault(p => p.Error is not null) is { } failed)
        {
            return failed;
        }
        var metrics = parts.SelectMany(p => p.Metrics)
            .GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.FirstOrDefault(m => !m.Succeeded) ?? g.First() with
            {
                Series = [.. g.SelectMany(m => m.Series)
                    .GroupBy(s => string.Join('|', s.Dimensions.OrderBy(d => d.Key, StringComparer.OrdinalIgnoreCase).Select(d => $"{d.Key.ToLowerInvariant()}={d.Value}")))
                    .Select(sg => sg.First() with { Points = [.. sg.SelectMany(s => s.Points).OrderBy(p => p.TimeStamp)] })],
            });
        return new ResourceMetrics(resourceId, [.. metrics]);
    }

    // Each batch's answer is handed over as soon as it is parsed, and a few batches are in flight at once: a fleet of
    // 10,000 VMs is 200 calls, which one at a time would spend minutes waiting on the network.
    private async Task ReadWindowAsync(MetricsRequest request, IReadOnlyList<MetricsTarget> targets, ResourceMetricsHandler onResource, CancellationToken cancellationToken)
    {
        // Every target naming an id (in any casing) gets that id's one answer, under the id as the target spelled it.
        var targetsById = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < targets.Count; i++)
        {
            if (!targetsById.TryGetValue(targets[i].ResourceId, out var indexes))
            {
                targetsById[targets[i].ResourceId] = indexes = [];
            }
            indexes.Add(i);
        }
        var handOver = new Lock();
        void Deliver(string resourceId, ResourceMetrics? answered)
        {
            lock (handOver)
            {
                foreach (var i in targetsById[resourceId])
                {
                    onResource(i, answered is null
                        ? ResourceMetrics.Failed(targets[i].ResourceId, "the metrics answer did not include this resource.")
                        : answered with { ResourceId = targets[i].ResourceId });
                }
            }
        }

        var batched = targets
            .Where(t => !string.IsNullOrWhiteSpace(t.Region))
            .DistinctBy(t => t.ResourceId, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var chunks = batched
            .GroupBy(t => (Subscription: SubscriptionOf(t.ResourceId), Region: t.Region!.ToLowerInvariant(), Type: TypeOf(t.ResourceId)))
            .SelectMany(group => group.Select(t => t.ResourceId).Chunk(MaxResourcesPerBatch).Select(ids => (group.Key.Subscription, group.Key.Region, Ids: ids)))
            .ToList();
        var viaArm = new List<string>();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            var answered = await ReadBatchAsync(request, chunk.Subscription, chunk.Region, chunk.Ids, ct).ConfigureAwait(false);
            if (answered is null)
            {
                lock (viaArm)
                {
                    viaArm.AddRange(chunk.Ids);
                }
                return;
            }
            var byId = new Dictionary<string, ResourceMetrics>(StringComparer.OrdinalIgnoreCase);
            foreach (var resource in answered)
            {
                byId[resource.ResourceId] = resource;
            }
            foreach (var id in chunk.Ids)
            {
                Deliver(id, byId.GetValueOrDefault(id));
            }
        }).ConfigureAwait(false);

        var inBatches = new HashSet<string>(batched.Select(t => t.ResourceId), StringComparer.OrdinalIgnoreCase);
        viaArm.AddRange(targets.Where(t => string.IsNullOrWhiteSpace(t.Region) && inBatches.Add(t.ResourceId)).Select(t => t.ResourceId));
        await Parallel.ForAsync(0, viaArm.Count, new ParallelOptions { MaxDegreeOfParallelism = ArmParallelism, CancellationToken = cancellationToken },
            async (i, ct) => Deliver(viaArm[i], await ReadArmAsync(request, viaArm[i], ct).ConfigureAwait(false))).ConfigureAwait(false);
    }

    // Null means "read these through ARM instead" (the batch API refused the group).
    private async Task<IReadOnlyList<ResourceMetrics>?> ReadBatchAsync(MetricsRequest request, string subscription, string region, string[] resourceIds, CancellationToken cancellationToken)
    {
        using var message = _batchPipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        var uri = message.Request.Uri;
        uri.Reset(_endpoints.BatchFor(region));
        uri.AppendPath($"/subscriptions/{subscription}/metrics:getBatch", escape: false);
        uri.AppendQuery("api-version", BatchApiVersion);
        uri.AppendQuery("metricnamespace", request.MetricNamespace);
        uri.AppendQuery("metricnames", string.Join(',', request.MetricNames));
        uri.AppendQuery("starttime", Iso(request.Start));
        uri.AppendQuery("endtime", Iso(request.End));
        uri.AppendQuery("interval", XmlConvert.ToString(request.Interval));
        uri.AppendQuery("aggregation", string.Join(',', request.Aggregations));
        if (request.EffectiveTop is { } top)
        {
            uri.AppendQuery("top", top.ToString(CultureInfo.InvariantCulture));
        }
        if (request.Filter is not null)
        {
            // The data-plane API spells it "filter", without ARM's '$'.
            uri.AppendQuery("filter", request.Filter);
        }
        message.Request.Headers.SetValue("Accept", "application/json");
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(
            new MetricsBatchRequestBody { ResourceIds = resourceIds }, MetricsJsonContext.Default.MetricsBatchRequestBody));

        var response = await TelemetryHttp.SendAsync(_batchPipeline, message, _batchSource, cancellationToken).ConfigureAwait(false);
        if (response.Status == 403)
        {
            TelemetryLog.BatchRefusedFallingBack(_logger, _batchSource.Name, resourceIds.Length, subscription, region, response.Status);
            return null;
        }
        TelemetryHttp.EnsureSuccess(response, _batchSource);
        var body = TelemetryHttp.ReadJson(response, MetricsJsonContext.Default.MetricsBatchResponseBody, _batchSource);
        if (body.Values is null)
        {
            throw TelemetryHttp.Malformed(_batchSource, "the batch answer has no 'values' array.");
        }
        var answered = new List<ResourceMetrics>(body.Values.Count);
        foreach (var item in body.Values)
        {
            var resourceId = item.Resourceid
                ?? item.Value?.Select(MetricsParser.ResourceIdOf).FirstOrDefault(id => id is not null)
                ?? throw TelemetryHttp.Malformed(_batchSource, "a batch item names no resource.");
            answered.Add(MetricsGrain.Resource(resourceId, MetricsParser.Parse(item.Value, _batchSource), item.Interval, request));
        }
        return answered;
    }

    private async Task<ResourceMetrics> ReadArmAsync(MetricsRequest request, string resourceId, CancellationToken cancellationToken)
    {
        using var message = _armPipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        var uri = message.Request.Uri;
        uri.Reset(_endpoints.Arm);
        // The resource id is a path, not a value: it is sent as is (the API marks it x-ms-skip-url-encoding).
        uri.AppendPath(resourceId, escape: false);
        uri.AppendPath("/providers/Microsoft.Insights/metrics", escape: false);
        uri.AppendQuery("api-version", ArmApiVersion);
        uri.AppendQuery("timespan", $"{Iso(request.Start)}/{Iso(request.End)}");
        uri.AppendQuery("interval", XmlConvert.ToString(request.Interval));
        uri.AppendQuery("metricnames", string.Join(',', request.MetricNames));
        uri.AppendQuery("aggregation", string.Join(',', request.Aggregations));
        uri.AppendQuery("metricnamespace", request.MetricNamespace);
        if (request.Filter is not null)
        {
            uri.AppendQuery("$filter", request.Filter);
        }
        if (request.EffectiveTop is { } top)
        {
            uri.AppendQuery("top", top.ToString(CultureInfo.InvariantCulture));
        }
        message.Request.Headers.SetValue("Accept", "application/json");

        var response = await TelemetryHttp.SendAsync(_armPipeline, message, _armSource, cancellationToken).ConfigureAwait(false);
        // 400/403/404 concern this one resource (a metric its kind lacks, no access, deleted); the
        // other resources are still read.
        if (response.Status is 400 or 403 or 404 && TelemetryHttp.FailureOf(response, _armSource) is { } failure)
        {
            TelemetryLog.ResourceUnreadable(_logger, _armSource.Name, resourceId, failure.Message);
            return ResourceMetrics.Failed(resourceId, failure.Message);
        }
        TelemetryHttp.EnsureSuccess(response, _armSource);
        var body = TelemetryHttp.ReadJson(response, MetricsJsonContext.Default.MetricsResponseBody, _armSource);
        return MetricsGrain.Resource(resourceId, MetricsParser.Parse(body.Value, _armSource), body.Interval, request);
    }

    private static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string SubscriptionOf(string resourceId) =>
        ResourceIdentifier.TryParse(resourceId, out var id) && id?.SubscriptionId is { } subscription
            ? subscription
            : throw new ArgumentException($"'{resourceId}' is not an ARM resource id with a subscription.", nameof(resourceId));

    private static string TypeOf(string resourceId) =>
        ResourceIdentifier.TryParse(resourceId, out var id) && id is not null
            ? id.ResourceType.ToString().ToLowerInvariant()
            : throw new ArgumentException($"'{resourceId}' is not an ARM resource id.", nameof(resourceId));
}
