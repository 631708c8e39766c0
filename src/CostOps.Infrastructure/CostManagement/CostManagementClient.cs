using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.CostManagement;

/// <summary>
/// <c>POST {scope}/providers/Microsoft.CostManagement/query?api-version=2023-11-01</c>: amortized cost, daily,
/// grouped by ResourceId, following <c>nextLink</c> by POSTing the same body. QPU throttling
/// (<c>x-ms-ratelimit-microsoft.costmanagement-*-retry-after</c>) is honoured by the shared retry policy.
/// </summary>
public sealed class CostManagementClient
{
    public const string Scope = "https://management.azure.com/.default";
    private const string ApiVersion = "2023-11-01";
    private const int MaxPages = 1_000;

    private readonly SourceContext _source;
    private readonly Uri _armEndpoint;
    private readonly string _scope;
    private readonly HttpPipeline _pipeline;
    private readonly CostColumnNaming _naming;
    private readonly IReadOnlyList<string> _resourceTypes;

    /// <param name="sourceName">The configured source name.</param>
    /// <param name="armEndpoint">The ARM endpoint.</param>
    /// <param name="scope">e.g. <c>/subscriptions/{id}</c> or <c>/subscriptions/{id}/resourceGroups/{rg}</c>.</param>
    /// <param name="pipeline">An ARM pipeline (bearer for <see cref="Scope"/>).</param>
    /// <param name="naming">The cost column names of the agreement.</param>
    /// <param name="resourceTypes">Resource types to keep (server-side filter), e.g. <c>microsoft.compute/virtualmachines</c>; empty for all.</param>
    public CostManagementClient(string sourceName, Uri armEndpoint, string scope, HttpPipeline pipeline, CostColumnNaming naming, IReadOnlyList<string> resourceTypes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(armEndpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(resourceTypes);
        _source = new SourceContext(sourceName, "Cost Management query");
        _armEndpoint = armEndpoint;
        _scope = "/" + scope.Trim('/');
        _pipeline = pipeline;
        _naming = naming;
        _resourceTypes = resourceTypes;
    }

    public SourceContext Source => _source;

    public async Task<IReadOnlyList<CostRow>> QueryAmortizedDailyAsync(DayRange days, CancellationToken cancellationToken = default)
    {
        var body = BinaryData.FromObjectAsJson(Definition(days), CostQueryJsonContext.Default.CostQueryBody);
        var uri = new Uri($"{_armEndpoint.AbsoluteUri.TrimEnd('/')}{_scope}/providers/Microsoft.CostManagement/query?api-version={ApiVersion}");
        var rows = new List<CostRow>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; page < MaxPages; page++)
        {
            using var message = _pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Post;
            message.Request.Uri.Reset(uri);
            message.Request.Headers.SetValue("Accept", "application/json");
            message.Request.Headers.SetValue("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(body);

            var response = await TelemetryHttp.SendAsync(_pipeline, message, _source, cancellationToken).ConfigureAwait(false);
            if (response.Status == 204)
            {
                // "No Content" is a valid answer: no cost in the window.
                return rows;
            }
            TelemetryHttp.EnsureSuccess(response, _source);
            var result = TelemetryHttp.ReadJson(response, CostQueryJsonContext.Default.CostQueryResultBody, _source);
            var properties = result.Properties ?? throw TelemetryHttp.Malformed(_source, "the answer has no 'properties'.");
            var columns = CostColumns.Of(properties.Columns ?? throw TelemetryHttp.Malformed(_source, "the answer has no 'columns'."), _source);
            foreach (var row in properties.Rows ?? throw TelemetryHttp.Malformed(_source, "the answer has no 'rows'."))
            {
                rows.Add(columns.Read(row, _source));
            }
            if (string.IsNullOrEmpty(properties.NextLink))
            {
                return rows;
            }
            if (!visited.Add(properties.NextLink))
            {
                throw TelemetryHttp.Malformed(_source, "nextLink repeats an earlier page.");
            }
            uri = NextLink.Resolve(_source, _armEndpoint, properties.NextLink);
        }
        throw TelemetryHttp.Malformed(_source, $"more than {MaxPages} pages.");
    }

    private CostQueryBody Definition(DayRange days)
    {
        var (cost, costUsd) = _naming == CostColumnNaming.PreTaxCost ? ("PreTaxCost", "PreTaxCostUSD") : ("Cost", "CostUSD");
        return new CostQueryBody
        {
            Type = "AmortizedCost",
            Timeframe = "Custom",
            // Cost Management's "to" is inclusive: the last second of the last day.
            TimePeriod = new CostQueryTimePeriodBody { From = days.Start, To = days.End.AddSeconds(-1) },
            Dataset = new CostQueryDatasetBody
            {
                Granularity = "Daily",
                Aggregation = new Dictionary<string, CostQueryAggregationBody>
                {
                    ["totalCost"] = new() { Name = cost, Function = "Sum" },
                    ["totalCostUSD"] = new() { Name = costUsd, Function = "Sum" },
                },
                Grouping = [new CostQueryGroupingBody { Type = "Dimension", Name = "ResourceId" }],
                Filter = _resourceTypes.Count == 0
                    ? null
                    : new CostQueryFilterBody { Dimensions = new CostQueryComparisonBody { Name = "ResourceType", Operator = "In", Values = [.. _resourceTypes] } },
            },
        };
    }
}
