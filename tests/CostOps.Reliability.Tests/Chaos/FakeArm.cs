using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>How the fake answers a VM's writes.</summary>
internal enum ArmFault
{
    None,

    /// <summary>500 InternalServerError on every attempt.</summary>
    ServerError,

    /// <summary>409 Conflict (OperationNotAllowed).</summary>
    Conflict,

    /// <summary>Never answers: the client's operation timeout has to end it.</summary>
    Timeout,
}

/// <summary>
/// ARM Compute on an HTTPS loopback server for a CLI in another process: VMs with a power state and opt-in tag, deallocate
/// as a 202 + Azure-AsyncOperation long-running operation, and a fault per VM for its writes. Every write is recorded
/// with whether it was accepted, so a test can count the actions each VM really received.
/// </summary>
internal sealed partial class FakeArm : IAsyncDisposable
{
    public const string SubscriptionId = "6f1c2e8a-4b7d-4c1e-9a55-0e2b9d7c1a10";

    private static readonly string s_fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Compute");

    private readonly ConcurrentDictionary<string, Vm> _vms = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(string Vm, bool Accepted)> _writes = new();
    private LoopbackServer? _server;

    public LoopbackServer Server => _server!;

    /// <summary>The writes received, in order: the VM's name and whether it was accepted (2xx).</summary>
    public IReadOnlyList<(string Vm, bool Accepted)> Writes => [.. _writes];

    /// <summary>Called with the VM's name when a write arrives, before it is answered.</summary>
    public Func<string, Task>? OnWrite { get; set; }

    public static async Task<FakeArm> StartAsync()
    {
        var fake = new FakeArm();
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    public static string VmId(string name) =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/{name}";

    public string AddVm(string name, ArmFault fault = ArmFault.None)
    {
        _vms[name] = new Vm(name) { Fault = fault };
        return VmId(name);
    }

    public void SetFault(string name, ArmFault fault) => _vms[name].Fault = fault;

    public void Heal()
    {
        foreach (var vm in _vms.Values)
        {
            vm.Fault = ArmFault.None;
        }
    }

    public string PowerStateOf(string name) => _vms[name].PowerState;

    public int AcceptedWritesTo(string name) => Writes.Count(w => w.Vm == name && w.Accepted);

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (path.Contains("/operations/", StringComparison.OrdinalIgnoreCase))
        {
            await Json(context, 200, Fixture("async-operation.json"));
            return;
        }
        var match = VmPath().Match(path);
        if (!match.Success || !_vms.TryGetValue(match.Groups["name"].Value, out var vm))
        {
            await Json(context, 404, JsonNode.Parse("""{"error":{"code":"ResourceNotFound","message":"The Resource was not found."}}""")!);
            return;
        }
        var action = match.Groups["action"].Success ? match.Groups["action"].Value.ToLowerInvariant() : null;
        if (method == "GET")
        {
            await Json(context, 200, action == "instanceview" ? InstanceView(vm) : VmBody(vm));
            return;
        }
        if (OnWrite is { } onWrite)
        {
            await onWrite(vm.Name);
        }
        switch (vm.Fault)
        {
            case ArmFault.ServerError:
                _writes.Enqueue((vm.Name, false));
                await Json(context, 500, Fixture("error-internal.json"));
                return;
            case ArmFault.Conflict:
                _writes.Enqueue((vm.Name, false));
                await Json(context, 409, Fixture("error-conflict.json"));
                return;
            case ArmFault.Timeout:
                _writes.Enqueue((vm.Name, false));
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
        }
        if (method == "POST" && action is "deallocate" or "start")
        {
            _writes.Enqueue((vm.Name, true));
            vm.PowerState = action == "deallocate" ? "deallocated" : "running";
            var operation = new Uri(Server.BaseUri, $"subscriptions/{SubscriptionId}/providers/Microsoft.Compute/locations/eastus/operations/{Guid.NewGuid()}?api-version=2023-07-01");
            context.Response.Headers["Azure-AsyncOperation"] = operation.ToString();
            context.Response.Headers.Location = operation + "&monitor=true";
            context.Response.Headers.RetryAfter = "0";
            context.Response.StatusCode = 202;
            return;
        }
        await Json(context, 405, new JsonObject { ["error"] = new JsonObject { ["code"] = "MethodNotAllowed", ["message"] = $"{method} {path}" } });
    }

    private static JsonNode VmBody(Vm vm)
    {
        var body = Fixture("vm-get.json");
        body["id"] = VmId(vm.Name);
        body["name"] = vm.Name;
        body["tags"] = new JsonObject { [Domain.Autopilot.AutopilotTags.OptInName] = Domain.Autopilot.AutopilotTags.OptInValue };
        body["properties"]!["instanceView"] = InstanceView(vm);
        return body;
    }

    private static JsonNode InstanceView(Vm vm)
    {
        var view = Fixture("vm-instance-view.json");
        var power = view["statuses"]!.AsArray().Single(s => s!["code"]!.GetValue<string>().StartsWith("PowerState/", StringComparison.Ordinal))!;
        power["code"] = "PowerState/" + vm.PowerState;
        power["displayStatus"] = "VM " + vm.PowerState;
        return view;
    }

    private static JsonNode Fixture(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(s_fixtures, name)))!;

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex(@"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Compute/virtualMachines/(?<name>[^/]+)(/(?<action>[^/]+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex VmPath();

    private sealed class Vm(string name)
    {
        public string Name { get; } = name;

        public volatile string PowerState = "running";

        public ArmFault Fault { get; set; }
    }
}
