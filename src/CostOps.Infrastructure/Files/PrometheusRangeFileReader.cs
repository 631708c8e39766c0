using CostOps.Infrastructure.Pipeline;
using CostOps.Infrastructure.Prometheus;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Files;

/// <summary>
/// Range queries answered from saved <c>/api/v1/query_range</c> answers, parsed by the same code as the live client.
/// The folder holds one file per metric, named after it with ':' as '_' (<c>vllm_prompt_tokens_total.json</c>,
/// <c>DCGM_FI_DEV_GPU_UTIL.json</c>). The query's label matchers (<c>=</c>, <c>!=</c>) select series; samples
/// outside [start, end] are dropped. A metric without a file has no series (its days are reported missing).
/// </summary>
internal sealed class PrometheusRangeFileReader : IPrometheusRangeReader
{
    private readonly SourceContext _source;
    private readonly string _folder;
    private readonly ILogger _logger;

    public PrometheusRangeFileReader(string sourceName, string folder, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(logger);
        _source = new SourceContext(sourceName, "Prometheus range export");
        _folder = folder;
        _logger = logger;
    }

    public PrometheusQueryLimits Limits => PrometheusQueryLimits.Files;

    public async Task ReadRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, PrometheusSeriesHandler onSeries, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentNullException.ThrowIfNull(onSeries);
        if (!Directory.Exists(_folder))
        {
            throw _source.Error($"cannot read '{_folder}': no such folder.");
        }
        var (metric, matchers) = LabelMatchers.Parse(query, _source);
        var file = Path.Combine(_folder, metric.Replace(':', '_') + ".json");
        if (!File.Exists(file))
        {
            return;
        }
        var source = _source.For($"Prometheus range export '{Path.GetFileName(file)}'");
        await using var stream = ExportFiles.Open(file, source);
        await PrometheusMatrixReader.ReadAsync(stream, (labels, samples) =>
        {
            if (matchers.All(m => m.Matches(labels)))
            {
                onSeries(labels, Within(samples, start, end));
            }
        }, source, _logger, cancellationToken).ConfigureAwait(false);
    }

    private static ReadOnlySpan<PrometheusSample> Within(ReadOnlySpan<PrometheusSample> samples, DateTimeOffset start, DateTimeOffset end)
    {
        // In time order: the samples inside [start, end] are one run.
        var first = 0;
        while (first < samples.Length && samples[first].At < start)
        {
            first++;
        }
        var last = first;
        while (last < samples.Length && samples[last].At <= end)
        {
            last++;
        }
        return samples[first..last];
    }
}
