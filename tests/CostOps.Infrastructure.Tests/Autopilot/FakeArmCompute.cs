using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.ResourceManager;
using CostOps.Infrastructure.Compute;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Infrastructure.Tests.Autopilot;

/// <summary>
/// A stateful ARM Compute fake on an HTTPS loopback server: VMs with a power state, scale sets
/// with a capacity, deallocate / start as 202 + Azure-AsyncOperation long-running operations, the
/// scale set PATCH, and injectable refusals (409, 429, 500) for the writes.
/// </summary>
internal sealed partial class FakeArmCompute : IAsyncDisposable
{
    public const string SubscriptionId = "6f1c2e8a-4b7d-4c1e-9a55-0e2b9d7c1a10";
    public const string ResourceGroup = "gpu-rg";

    private static readonly string s_fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Compute");

    private readonly ConcurrentDictionary<string, FakeResource> _resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(int Status, string Fixture, string? RetryAfter)> _refusals = new();
    private LoopbackServer? _server;

    private FakeArmCompute()
    {
    }

    public LoopbackServer Server => _server!;

    /// <summary>What the Azure-AsyncOperation poll answers: Succeeded, InProgress (never finishes) or Failed (AllocationFailed).</summary>
    public string PollStatus { get; set; } = "Succeeded";

    /// <summary>Seconds the poll asks the client to wait before polling again.</summary>
    public int PollRetryAfterSeconds { get; set; }

    /// <summary>When false, writes are accepted and "succeed" but change nothing (a read-back mismatch).</summary>
    public bool ApplyWrites { get; set; } = true;

    public IReadOnlyList<RecordedRequest> Writes => [.. Server.Requests.Where(r => r.Method != "GET")];

    /// <summary>Called with (method, path) when a write arrives, before it is answered: lets a test look at storage at that moment.</summary>
    public Func<string, string, Task>? OnWrite { get; set; }

    public static async Task<FakeArmCompute> StartAsync()
    {
        var fake = new FakeArmCompute();
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    public static string VmId(string name) =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.Compute/virtualMachines/{name}";

    public static string ScaleSetId(string name) =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.Compute/virtualMachineScaleSets/{name}";

    public string AddVm(string name, string powerState = "running", Dictionary<string, string>? tags = null)
    {
        _resources[Key("virtualMachines", name)] = new FakeResource(name, tags ?? [], powerState, null);
        return VmId(name);
    }

    public string AddScaleSet(string name, int capacity, Dictionary<string, string>? tags = null)
    {
        _resources[Key("virtualMachineScaleSets", name)] = new FakeResource(name, tags ?? [], null, capacity);
        return ScaleSetId(name);
    }

    public string PowerStateOf(string name) => _resources[Key("virtualMachines", name)].PowerState!;

    public int CapacityOf(string name) => _resources[Key("virtualMachineScaleSets", name)].Capacity!.Value;

    public void SetPowerState(string name, string powerState) => _resources[Key("virtualMachines", name)].PowerState = powerState;

    /// <summary>The next <paramref name="times"/> writes are refused with this status and error fixture.</summary>
    public void RefuseWrites(int status, string fixture, int times = int.MaxValue, string? retryAfter = null)
    {
        for (var i = 0; i < Math.Min(times, 100); i++)
        {
            _refusals.Enqueue((status, fixture, retryAfter));
        }
    }

    /// <summary>An ArmClient that talks only to this server, trusting only its certificate, with fast retries.</summary>
    public ArmClient CreateArmClient(int maxRetries = 2)
    {
        var options = new ArmClientOptions
        {
            Environment = new ArmEnvironment(Server.BaseUri, "https://management.azure.com/"),
            Transport = Server.CreateTransport(),
        };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        return new ArmClient(new FixedTokenCredential(), SubscriptionId, options);
    }

    public ArmFleetController CreateController(TimeSpan? operationTimeout = null, int maxRetries = 2) =>
        new(
            CreateArmClient(maxRetries),
            Options.Create(new ArmFleetControllerOptions { OperationTimeout = operationTimeout ?? TimeSpan.FromMinutes(2) }),
            Clock,
            NullLogger<ArmFleetController>.Instance);

    /// <summary>The controllers' clock: operation timeouts fire only when a test advances it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (path.Contains("/operations/", StringComparison.OrdinalIgnoreCase) && method == "GET")
        {
            var poll = Fixture("async-operation.json");
            poll["status"] = PollStatus;
            if (PollStatus == "Failed")
            {
                poll["error"] = new JsonObject
                {
                    ["code"] = "AllocationFailed",
                    ["message"] = "Allocation failed. We do not have sufficient capacity for the requested VM size in this region.",
                };
            }
            context.Response.Headers.RetryAfter = PollRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Json(context, 200, poll);
            return;
        }
        var match = ResourcePath().Match(path);
        if (!match.Success || !_resources.TryGetValue(Key(match.Groups["type"].Value, match.Groups["name"].Value), out var resource))
        {
            await Json(context, 404, JsonNode.Parse("""{"error":{"code":"ResourceNotFound","message":"The Resource was not found."}}""")!);
            return;
        }
        if (method != "GET" && OnWrite is { } onWrite)
        {
            await onWrite(method, path);
        }
        var isVm = match.Groups["type"].Value.Equals("virtualMachines", StringComparison.OrdinalIgnoreCase);
        var action = match.Groups["action"].Success ? match.Groups["action"].Value.ToLowerInvariant() : null;

        if (method != "GET" && _refusals.TryDequeue(out var refusal))
        {
            if (refusal.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = refusal.RetryAfter;
            }
            await Json(context, refusal.Status, Fixture(refusal.Fixture));
            return;
        }

        switch (method, isVm, action)
        {
            case ("GET", true, null):
                await Json(context, 200, VmBody(resource));
                return;
            case ("GET", true, "instanceview"):
                await Json(context, 200, InstanceView(resource));
                return;
            case ("GET", false, null):
                await Json(context, 200, ScaleSetBody(resource));
                return;
            case ("POST", true, "deallocate" or "start"):
                if (ApplyWrites)
                {
                    resource.PowerState = action == "deallocate" ? "deallocated" : "running";
                }
                AsyncOperationHeaders(context);
                context.Response.StatusCode = 202;
                return;
            case ("PATCH", false, null):
                using (var body = JsonDocument.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()))
                {
                    if (ApplyWrites)
                    {
                        resource.Capacity = body.RootElement.GetProperty("sku").GetProperty("capacity").GetInt32();
                    }
                }
                AsyncOperationHeaders(context);
                await Json(context, 200, ScaleSetBody(resource));
                return;
            default:
                await Json(context, 405, new JsonObject { ["error"] = new JsonObject { ["code"] = "MethodNotAllowed", ["message"] = $"{method} {path}" } });
                return;
        }
    }

    private void AsyncOperationHeaders(HttpContext context)
    {
        var operation = new Uri(Server.BaseUri, $"subscriptions/{SubscriptionId}/providers/Microsoft.Compute/locations/eastus/operations/{Guid.NewGuid()}?api-version=2023-07-01");
        context.Response.Headers["Azure-AsyncOperation"] = operation.ToString();
        context.Response.Headers.Location = operation + "&monitor=true";
        context.Response.Headers.RetryAfter = "0";
    }

    private static JsonNode VmBody(FakeResource vm)
    {
        var body = Fixture("vm-get.json");
        body["id"] = VmId(vm.Name);
        body["name"] = vm.Name;
        body["tags"] = Tags(vm);
        body["properties"]!["instanceView"] = InstanceView(vm);
        return body;
    }

    /// <summary>The spec's instance view with its PowerState status set to the VM's (or dropped while "provisioning").</summary>
    private static JsonNode InstanceView(FakeResource vm)
    {
        var view = Fixture("vm-instance-view.json");
        var statuses = view["statuses"]!.AsArray();
        var power = statuses.Single(s => s!["code"]!.GetValue<string>().StartsWith("PowerState/", StringComparison.Ordinal))!;
        if (vm.PowerState == "provisioning")
        {
            statuses.Remove(power);
        }
        else
        {
            power["code"] = "PowerState/" + vm.PowerState;
            power["displayStatus"] = "VM " + vm.PowerState;
        }
        return view;
    }

    private static JsonNode ScaleSetBody(FakeResource set)
    {
        var body = Fixture("vmss-get.json");
        body["id"] = ScaleSetId(set.Name);
        body["name"] = set.Name;
        body["tags"] = Tags(set);
        body["sku"]!["capacity"] = set.Capacity;
        return body;
    }

    private static JsonObject Tags(FakeResource resource) => new(resource.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))));

    private static JsonNode Fixture(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(s_fixtures, name)))!;

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static string Key(string type, string name) => $"{type}/{name}";

    [GeneratedRegex(@"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Compute/(?<type>virtualMachines|virtualMachineScaleSets)/(?<name>[^/]+)(/(?<action>[^/]+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ResourcePath();

    private sealed class FakeResource(string name, Dictionary<string, string> tags, string? powerState, int? capacity)
    {
        public string Name { get; } = name;

        public Dictionary<string, string> Tags { get; } = tags;

        public string? PowerState { get; set; } = powerState;

        public int? Capacity { get; set; } = capacity;
    }
}
