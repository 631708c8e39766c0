using System.Text.Json;
using CostOps.Application.Ports;
using CostOps.Domain.Autopilot;

namespace CostOps.Infrastructure.Files;

/// <summary>
/// A fleet described by a JSON file instead of ARM, for offline plans and the demo:
/// <c>{"resources":[{"id":"/subscriptions/.../virtualMachines/x","kind":"virtualMachine|scaleSet",
/// "powerState":"running|deallocated|...","capacity":2,"sku":"Standard_...","tags":{"costops-autopilot":"enabled"}}]}</c>.
/// It can be read and planned against; it cannot be changed: in enforce mode every action fails
/// with a message saying so (dry-run records what would be done, as against ARM).
/// </summary>
public sealed class FleetStateFile : IFleetController
{
    private readonly Dictionary<string, FleetResourceSnapshot> _resources;
    private readonly TimeProvider _time;

    public FleetStateFile(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _time = time;
        _resources = Read(path, time.GetUtcNow());
    }

    public Task<FleetResourceSnapshot> ReadAsync(string resourceId, CancellationToken cancellationToken = default) =>
        _resources.TryGetValue(resourceId, out var snapshot)
            ? Task.FromResult(snapshot)
            : throw new FleetControlException(resourceId, 404, "ResourceNotFound", $"{resourceId} is not in the fleet file");

    public Task<FleetActionOutcome> ApplyAsync(ResourceTarget target, AutopilotMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var now = _time.GetUtcNow();
        var before = _resources.TryGetValue(target.ResourceId, out var snapshot) ? snapshot.StateText : null;
        var (status, message) = mode switch
        {
            AutopilotMode.Off => (FleetActionStatus.Skipped, "autopilot is off"),
            AutopilotMode.DryRun => (FleetActionStatus.DryRun, $"dry-run: would {target.Operation} (fleet file)"),
            _ => (FleetActionStatus.Failed, "the fleet is a file (offline/demo): it cannot be changed; use dry-run"),
        };
        return Task.FromResult(new FleetActionOutcome(
            target.ResourceId, target.Operation, target.Capacity, status, WriteSent: false, before, before, null, null, message, now, now));
    }

    private static Dictionary<string, FleetResourceSnapshot> Read(string path, DateTimeOffset now)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var resources = new Dictionary<string, FleetResourceSnapshot>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in document.RootElement.GetProperty("resources").EnumerateArray())
        {
            var where = $"{path}: resources[{index++}]";
            var id = item.GetProperty("id").GetString() ?? throw new InvalidDataException($"{where}.id is required");
            var kind = item.GetProperty("kind").GetString() switch
            {
                "virtualMachine" => ComputeResourceKind.VirtualMachine,
                "scaleSet" => ComputeResourceKind.ScaleSet,
                var other => throw new InvalidDataException($"{where}.kind must be virtualMachine or scaleSet (was '{other}')"),
            };
            var power = Enum.TryParse<VmPowerState>(item.GetProperty("powerState").GetString(), ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidDataException($"{where}.powerState is not a power state");
            int? capacity = item.TryGetProperty("capacity", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
            var sku = item.TryGetProperty("sku", out var s) ? s.GetString() : null;
            var tags = item.TryGetProperty("tags", out var t)
                ? t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            resources[id] = new FleetResourceSnapshot(id, kind, power, capacity, sku, tags, now);
        }
        return resources;
    }
}
