using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Application.Catalog;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.ResourceGraph;

/// <summary>
/// <c>POST {arm}/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01</c>: runs one KQL query over the
/// given subscriptions and follows <c>$skipToken</c> until the last page. Only a whole answer is returned: a truncated
/// result, a repeated or missing page, or a row that is not what was asked for throws, naming the source. Throttling
/// (429 with <c>x-ms-user-quota-resets-after</c>) is waited out by the shared retry policy.
/// </summary>
public sealed class ResourceGraphClient
{
    private const string ApiVersion = "2022-10-01";
    private const int PageSize = 1_000;
    private const int MaxPages = 1_000;

    private readonly SourceContext _source;
    private readonly Uri _uri;
    private readonly HttpPipeline _pipeline;

    /// <param name="sourceName">The name in errors and logs.</param>
    /// <param name="armEndpoint">The ARM endpoint (public cloud: <c>https://management.azure.com</c>).</param>
    /// <param name="pipeline">A pipeline with bearer auth for the ARM audience.</param>
    public ResourceGraphClient(string sourceName, Uri armEndpoint, HttpPipeline pipeline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(armEndpoint);
        ArgumentNullException.ThrowIfNull(pipeline);
        _source = new SourceContext(sourceName, "Resource Graph query");
        _uri = new Uri($"{armEndpoint.AbsoluteUri.TrimEnd('/')}/providers/Microsoft.ResourceGraph/resources?api-version={ApiVersion}");
        _pipeline = pipeline;
    }

    public SourceContext Source => _source;

    /// <summary>The VMs and scale sets of <paramref name="subscriptions"/> carrying every tag of <paramref name="tagSelector"/>.</summary>
    /// <exception cref="ArgumentException">No subscription, or a selector <see cref="KqlTagQuery"/> refuses.</exception>
    /// <exception cref="Application.Telemetry.TelemetrySourceException">Unreachable, refused, or an incomplete or malformed answer.</exception>
    public async Task<IReadOnlyList<TaggedResource>> FindTaggedComputeAsync(
        IReadOnlyDictionary<string, string> tagSelector, IReadOnlyList<string> subscriptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (subscriptions.Count == 0)
        {
            throw new ArgumentException("Resource Graph needs at least one subscription to search", nameof(subscriptions));
        }
        var query = KqlTagQuery.For(tagSelector);
        var rows = new List<TaggedResource>();
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? skipToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await SendAsync(query, subscriptions, skipToken, cancellationToken).ConfigureAwait(false);
            var data = result.Data ?? throw TelemetryHttp.Malformed(_source, "the answer has no 'data' (resultFormat objectArray expected).");
            if (result.Count is { } count && count != data.Count)
            {
                throw TelemetryHttp.Malformed(_source, $"'count' is {count} but 'data' holds {data.Count} rows.");
            }
            rows.AddRange(data.Select((row, index) => Read(row, tagSelector, page, index)));
            skipToken = result.SkipToken;
            if (string.IsNullOrEmpty(skipToken))
            {
                if (Truncated(result))
                {
                    throw _source.Error("returned a truncated result without a $skipToken to read the rest: the fleet would be incomplete.");
                }
                if (result.TotalRecords is { } total && total != rows.Count)
                {
                    throw TelemetryHttp.Malformed(_source, $"'totalRecords' is {total} but the pages held {rows.Count} rows.");
                }
                return rows;
            }
            if (!seenTokens.Add(skipToken))
            {
                throw TelemetryHttp.Malformed(_source, "$skipToken repeats an earlier page.");
            }
        }
        throw TelemetryHttp.Malformed(_source, $"more than {MaxPages} pages.");
    }

    private async Task<GraphQueryResultBody> SendAsync(string query, IReadOnlyList<string> subscriptions, string? skipToken, CancellationToken cancellationToken)
    {
        var body = new GraphQueryBody
        {
            Subscriptions = [.. subscriptions],
            Query = query,
            Options = new GraphQueryOptionsBody { Top = PageSize, SkipToken = skipToken, ResultFormat = "objectArray" },
        };
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(_uri);
        message.Request.Headers.SetValue("Accept", "application/json");
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(body, ResourceGraphJsonContext.Default.GraphQueryBody));

        var response = await TelemetryHttp.SendAsync(_pipeline, message, _source, cancellationToken).ConfigureAwait(false);
        TelemetryHttp.EnsureSuccess(response, _source);
        return TelemetryHttp.ReadJson(response, ResourceGraphJsonContext.Default.GraphQueryResultBody, _source);
    }

    /// <summary>
    /// One row, checked against what was asked: a VM or scale set id, and every tag of the selector (names and values
    /// case-insensitively, as <c>=~</c> compares). A row that fails either is a wrong answer, not a resource to act on.
    /// </summary>
    private TaggedResource Read(GraphRowBody row, IReadOnlyDictionary<string, string> tagSelector, int page, int index)
    {
        var where = $"page {page + 1}, row {index + 1}";
        if (string.IsNullOrEmpty(row.Id) || !ArmResourceId.IsGpuCompute(row.Id))
        {
            throw TelemetryHttp.Malformed(_source, $"{where}: '{row.Id}' is not the id of a VM or scale set.");
        }
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in row.Tags ?? [])
        {
            tags[name] = value ?? "";
        }
        foreach (var (name, value) in tagSelector)
        {
            if (!tags.TryGetValue(name, out var actual) || !string.Equals(actual, value, StringComparison.OrdinalIgnoreCase))
            {
                throw TelemetryHttp.Malformed(_source, $"{where}: {ArmResourceId.Name(row.Id)} does not carry the tag {name}={value} the query asked for.");
            }
        }
        return new TaggedResource(row.Id, row.Name ?? ArmResourceId.Name(row.Id), row.Type ?? "", row.Location, tags);
    }

    private static bool Truncated(GraphQueryResultBody result) => result.ResultTruncated.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => string.Equals(result.ResultTruncated.GetString(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
