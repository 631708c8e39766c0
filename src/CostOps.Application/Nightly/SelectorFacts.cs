using CostOps.Application.Catalog;
using CostOps.Application.Diagnostics;
using CostOps.Application.Telemetry;

namespace CostOps.Application.Nightly;

/// <summary>
/// Selector-keyed facts (Prometheus: vLLM usage, DCGM utilization) read once per source for every workload bound to
/// it, so the source can answer all of them with one range query per metric. Per workload, the result looks as if
/// the workload had been asked alone: its selector's facts, its issues, and a failure when the source (or the part
/// of the batch that carried its selector) could not answer.
/// </summary>
internal sealed class SelectorFacts<TFact>
    where TFact : class
{
    private readonly Dictionary<string, TelemetryResult<TFact>> _bySource = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ILookup<string, TFact>> _factsBySelector = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _sourceFailures = new(StringComparer.OrdinalIgnoreCase);

    private SelectorFacts()
    {
    }

    public static async Task<SelectorFacts<TFact>> ReadAsync(
        IReadOnlyList<WorkloadDefinition> workloads,
        string signal,
        Func<WorkloadDefinition, SourceBinding?> binding,
        Func<TFact, string> selectorOf,
        Func<string, IReadOnlyList<SelfHostedSelector>, Task<TelemetryResult<TFact>>> read)
    {
        var facts = new SelectorFacts<TFact>();
        foreach (var group in workloads.Where(w => binding(w) is not null).GroupBy(w => binding(w)!.Source, StringComparer.OrdinalIgnoreCase))
        {
            // One selector per distinct label selector; its series estimate is the largest fleet that uses it.
            var selectors = group
                .GroupBy(w => binding(w)!.LabelSelector ?? string.Empty, StringComparer.Ordinal)
                .Select(g => new SelfHostedSelector(g.Key, Math.Max(1, g.Max(w => w.Resources.ResourceIds.Count))))
                .ToList();
            using var span = CostOpsTelemetry.StartUpstreamRead(signal, group.Key);
            try
            {
                var result = await read(group.Key, selectors);
                facts._bySource[group.Key] = result;
                facts._factsBySelector[group.Key] = result.Facts.ToLookup(selectorOf, StringComparer.Ordinal);
            }
            catch (TelemetrySourceException ex)
            {
                span.Fail(ex.Message);
                facts._sourceFailures[group.Key] = $"{ex.SourceName}: {ex.Message}";
            }
        }
        return facts;
    }

    /// <summary>What the source said about one workload's selector; null (with a failure added) when it could not answer.</summary>
    public TelemetryResult<TFact>? For(SourceBinding? binding, List<string> failures, List<string> issues)
    {
        if (binding is null)
        {
            return null;
        }
        if (_sourceFailures.TryGetValue(binding.Source, out var sourceFailure))
        {
            failures.Add(sourceFailure);
            return null;
        }
        if (!_bySource.TryGetValue(binding.Source, out var result))
        {
            return null;
        }
        var selector = binding.LabelSelector ?? string.Empty;
        var failed = result.Failures.Where(f => string.Equals(f.Subject, selector, StringComparison.Ordinal)).ToList();
        if (failed.Count > 0)
        {
            failures.AddRange(failed.Select(f => $"{f.Source}: {f.Message}"));
            return null;
        }
        issues.AddRange(result.Issues
            .Where(i => string.Equals(i.Subject, selector, StringComparison.Ordinal))
            .Select(i => $"{i.Source}: {i.Subject}: {i.Message}"));
        return TelemetryResult<TFact>.Of([.. _factsBySelector[binding.Source][selector]]);
    }
}
