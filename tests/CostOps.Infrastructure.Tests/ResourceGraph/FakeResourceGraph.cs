using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CostOps.Infrastructure.ResourceGraph;
using CostOps.Infrastructure.Tests.Telemetry;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CostOps.Infrastructure.Tests.ResourceGraph;

/// <summary>
/// Resource Graph's <c>resources</c> endpoint on an HTTPS loopback server: answers the query with the rows it holds,
/// <see cref="PageSize"/> at a time, in the documented objectArray shape (<c>totalRecords</c>, <c>count</c>, <c>data</c>,
/// <c>facets</c>, <c>resultTruncated</c>, <c>$skipToken</c>). Queued replies (throttling, malformed bodies) go first.
/// It does not evaluate KQL: tests put in the rows the query should find and assert the query text.
/// </summary>
internal sealed class FakeResourceGraph : IAsyncDisposable
{
    public const string Path = "/providers/Microsoft.ResourceGraph/resources";

    private readonly List<JsonObject> _rows = [];
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _replies = new();
    private LoopbackServer? _server;

    public LoopbackServer Server => _server!;

    public int PageSize { get; set; } = 1_000;

    public static async Task<FakeResourceGraph> StartAsync()
    {
        var fake = new FakeResourceGraph();
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    /// <summary>A row as Resource Graph projects it (type in lower case, tags as an object).</summary>
    public void AddRow(string id, IReadOnlyDictionary<string, string>? tags)
    {
        var type = id.Contains("/virtualMachineScaleSets/", StringComparison.OrdinalIgnoreCase)
            ? "microsoft.compute/virtualmachinescalesets"
            : "microsoft.compute/virtualmachines";
        var tagObject = tags is null ? null : new JsonObject(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))));
        _rows.Add(new JsonObject
        {
            ["id"] = id,
            ["name"] = id[(id.LastIndexOf('/') + 1)..],
            ["type"] = type,
            ["location"] = "eastus",
            ["tags"] = tagObject,
        });
    }

    /// <summary>The next request is answered by <paramref name="reply"/> instead of the rows.</summary>
    public void Then(Func<HttpContext, Task> reply) => _replies.Enqueue(reply);

    public IReadOnlyList<JsonNode> Bodies => [.. Server.Requests.Select(r => JsonNode.Parse(r.Body)!)];

    /// <summary>The product's client on this server, with the harness's bearer, retries and recording clock.</summary>
    public ResourceGraphClient Client(TelemetryHarness harness) =>
        new("resource-graph", Server.BaseUri, harness.Pipeline(Server, "resource-graph", "https://management.azure.com/.default"));

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        if (_replies.TryDequeue(out var reply))
        {
            await reply(context);
            return;
        }
        if (context.Request.Path != Path || context.Request.Method != "POST")
        {
            await LoopbackReplies.Json(context, """{"error":{"code":"NotFound","message":"no such route"}}""", 404);
            return;
        }
        using var body = JsonDocument.Parse(await LoopbackReplies.Body(context));
        var options = body.RootElement.GetProperty("options");
        var top = Math.Min(PageSize, options.GetProperty("$top").GetInt32());
        var skip = options.TryGetProperty("$skipToken", out var token) ? int.Parse(token.GetString()!["page-from-".Length..], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var page = _rows.Skip(skip).Take(top).Select(r => r.DeepClone()).ToArray();
        var next = skip + page.Length < _rows.Count ? $"page-from-{skip + page.Length}" : null;
        var answer = new JsonObject
        {
            ["totalRecords"] = _rows.Count,
            ["count"] = page.Length,
            ["data"] = new JsonArray(page),
            ["facets"] = new JsonArray(),
            ["resultTruncated"] = "false",
        };
        if (next is not null)
        {
            answer["$skipToken"] = next;
        }
        await LoopbackReplies.Json(context, answer.ToJsonString());
    }
}
