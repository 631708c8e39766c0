using CostOps.Application.Telemetry;
using CostOps.Infrastructure.ResourceGraph;
using CostOps.Infrastructure.Tests.Telemetry;

namespace CostOps.Infrastructure.Tests.ResourceGraph;

public sealed class ResourceGraphClientTests : IAsyncLifetime
{
    private const string Subscription = "6f1c2e8a-4b7d-4c1e-9a55-0e2b9d7c1a10";
    private static readonly Dictionary<string, string> s_selector = new() { ["costops-workload"] = "triage" };

    private readonly TelemetryHarness _harness = new();
    private FakeResourceGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await FakeResourceGraph.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private static string Vm(string name) => $"/subscriptions/{Subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/{name}";

    private static string ScaleSet(string name) => $"/subscriptions/{Subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachineScaleSets/{name}";

    private Task<IReadOnlyList<TaggedResource>> FindAsync() => _graph.Client(_harness).FindTaggedComputeAsync(s_selector, [Subscription]);

    [Fact]
    public async Task TwoPages_AreFollowedBySkipToken_WithTheSameQuery()
    {
        _graph.PageSize = 2;
        _graph.AddRow(Vm("vm-a"), new Dictionary<string, string> { ["costops-workload"] = "triage", ["team"] = "ml" });
        _graph.AddRow(Vm("vm-b"), new Dictionary<string, string> { ["COSTOPS-WORKLOAD"] = "Triage" });
        _graph.AddRow(ScaleSet("vmss-c"), new Dictionary<string, string> { ["costops-workload"] = "triage" });

        var found = await FindAsync();

        Assert.Equal([Vm("vm-a"), Vm("vm-b"), ScaleSet("vmss-c")], found.Select(r => r.Id));
        Assert.Equal("ml", found[0].Tags["TEAM"]);
        var requests = _graph.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(("POST", "/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01", "Bearer loopback-token"), (r.Method, r.PathAndQuery, r.Header("Authorization"))));
        var (first, second) = (_graph.Bodies[0], _graph.Bodies[1]);
        Assert.Equal([Subscription], first["subscriptions"]!.AsArray().Select(s => (string)s!));
        Assert.Equal((string?)first["query"], (string?)second["query"]);
        Assert.Equal((1000, "objectArray"), ((int)first["options"]!["$top"]!, (string)first["options"]!["resultFormat"]!));
        Assert.Null(first["options"]!["$skipToken"]);
        Assert.Equal("page-from-2", (string?)second["options"]!["$skipToken"]);
    }

    [Fact]
    public async Task TheQuery_SelectsVmsAndScaleSetsByEveryTag_WithLiteralsOnly()
    {
        await _graph.Client(_harness).FindTaggedComputeAsync(new Dictionary<string, string> { ["team"] = "ml", ["costops-workload"] = "triage" }, [Subscription]);

        Assert.Equal(
            "resources | where type in~ ('microsoft.compute/virtualmachines', 'microsoft.compute/virtualmachinescalesets')"
            + " | where tags['costops-workload'] =~ 'triage' | where tags['team'] =~ 'ml'"
            + " | project id, name, type, location, tags | order by id asc",
            (string?)_graph.Bodies[0]["query"]);
    }

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"a\b", @"'a\\b'")]
    [InlineData(@"x' or 1==1 | where '\", @"'x\' or 1==1 | where \'\\'")]
    [InlineData("", "''")]
    public void Literals_EscapeQuoteAndBackslash_SoNothingEndsThem(string text, string literal) =>
        Assert.Equal(literal, KqlTagQuery.Literal(text));

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    public void ControlCharacters_AreRefused_NotCleaned(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => KqlTagQuery.For(new Dictionary<string, string> { ["team"] = value }));

        Assert.Contains("control character", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AThrottledQuery_WaitsForTheUserQuotaToReset_ThenReads()
    {
        _graph.AddRow(Vm("vm-a"), s_selector);
        _graph.Then(context => LoopbackReplies.Json(context, """{"error":{"code":"RateLimiting","message":"Please provide below info when asking for support"}}""", 429,
            ("x-ms-user-quota-remaining", "0"), ("x-ms-user-quota-resets-after", "00:00:07")));

        var found = await FindAsync();

        Assert.Equal([TimeSpan.FromSeconds(7)], _harness.Time.Delays);
        Assert.Equal(2, _graph.Server.Requests.Count);
        Assert.Equal(Vm("vm-a"), Assert.Single(found).Id);
    }

    [Fact]
    public async Task QuotaLeftOnAnAnswer_AddsNoWait()
    {
        _graph.AddRow(Vm("vm-a"), s_selector);
        _graph.Then(context => LoopbackReplies.Json(context, """{"totalRecords":1,"count":1,"data":[{"id":"VMID","name":"vm-a","type":"microsoft.compute/virtualmachines","location":"eastus","tags":{"costops-workload":"triage"}}],"facets":[],"resultTruncated":"false"}""".Replace("VMID", Vm("vm-a"), StringComparison.Ordinal), 200,
            ("x-ms-user-quota-remaining", "14"), ("x-ms-user-quota-resets-after", "00:00:05")));

        Assert.Single(await FindAsync());
        Assert.Empty(_harness.Time.Delays);
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "not JSON", "<html>gateway</html>" },
        { "no data", """{"totalRecords":0,"count":0,"facets":[],"resultTruncated":"false"}""" },
        { "count disagrees", """{"totalRecords":2,"count":2,"data":[],"facets":[],"resultTruncated":"false"}""" },
        { "a row that is no VM", """{"totalRecords":1,"count":1,"data":[{"id":"/subscriptions/x/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/s","tags":{"costops-workload":"triage"}}],"facets":[],"resultTruncated":"false"}""" },
        { "a row without the tag", """{"totalRecords":1,"count":1,"data":[{"id":"VMID","tags":{"costops-workload":"search"}}],"facets":[],"resultTruncated":"false"}""" },
        { "truncated without a token", """{"totalRecords":2,"count":1,"data":[{"id":"VMID","tags":{"costops-workload":"triage"}}],"facets":[],"resultTruncated":"true"}""" },
        { "fewer rows than totalRecords", """{"totalRecords":3,"count":1,"data":[{"id":"VMID","tags":{"costops-workload":"triage"}}],"facets":[],"resultTruncated":"false"}""" },
        { "a repeated skipToken", """{"totalRecords":9,"count":0,"data":[],"facets":[],"resultTruncated":"false","$skipToken":"same"}""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task AnIncompleteOrMalformedAnswer_Throws_NamingTheSource(string because, string body)
    {
        for (var i = 0; i < 2; i++)
        {
            _graph.Then(context => LoopbackReplies.Json(context, body.Replace("VMID", Vm("vm-a"), StringComparison.Ordinal)));
        }

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(FindAsync);

        Assert.True(error.Message.StartsWith("Source 'resource-graph' (Resource Graph query) ", StringComparison.Ordinal), because + ": " + error.Message);
    }

    [Fact]
    public async Task ARefusal_Throws_WithTheStatusAndTheUpstreamCode()
    {
        _graph.Then(context => LoopbackReplies.Json(context, """{"error":{"code":"AuthorizationFailed","message":"no read access"}}""", 403));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(FindAsync);

        Assert.Equal(403, error.Status);
        Assert.Contains("AuthorizationFailed: no read access", error.Message, StringComparison.Ordinal);
    }
}
