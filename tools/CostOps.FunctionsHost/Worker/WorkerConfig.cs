using System.Text.Json;

namespace CostOps.FunctionsHost.Worker;

/// <summary>How to start the app's worker, as worker.config.json in its build output says.</summary>
internal sealed record WorkerConfig(string ExecutablePath, string WorkerPath)
{
    public const string FileName = "worker.config.json";

    public static WorkerConfig Read(string appDirectory)
    {
        if (!Directory.Exists(appDirectory))
        {
            throw new DirectoryNotFoundException($"The app folder '{appDirectory}' does not exist: build the functions app first.");
        }

        var path = Path.Combine(appDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' is missing: '{appDirectory}' is not an isolated-worker build output (the Worker SDK writes {FileName}).", path);
        }

        using var document = ParseOrThrow(path);
        if (!document.RootElement.TryGetProperty("description", out var description) || description.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"'{path}' has no 'description' object.");
        }

        var executable = RequiredString(description, "defaultExecutablePath", path);
        var worker = RequiredString(description, "defaultWorkerPath", path);
        return new WorkerConfig(executable, Path.GetFullPath(Path.Combine(appDirectory, worker)));
    }

    /// <summary>The executable to run: "dotnet" means the same dotnet that runs this process, when known.</summary>
    public string ResolveExecutable()
    {
        if (!string.Equals(ExecutablePath, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return ExecutablePath;
        }

        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? processPath
            : "dotnet";
    }

    private static JsonDocument ParseOrThrow(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string RequiredString(JsonElement description, string name, string path) =>
        description.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"'{path}' has no 'description.{name}'.");
}
