using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;

namespace CostOps.FunctionsHost.Serve;

/// <summary>
/// <c>serve [--app DIR] [--port 7071] [--settings FILE]</c>: runs the built functions app locally
/// behind the emulator, for people without Core Tools.
/// </summary>
internal static class ServeCommand
{
    public const string Usage = "usage: CostOps.FunctionsHost serve [--app DIR] [--port 7071] [--settings local.settings.json]";
    private const int DefaultPort = 7071;

    /// <summary>Runs until Ctrl+C / SIGTERM (or <paramref name="stop"/>); returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stop = default)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (!ServeArguments.TryParse(args, out var arguments, out var problem))
        {
            await error.WriteLineAsync($"error: {problem}");
            await error.WriteLineAsync(Usage);
            return 2;
        }

        string appDirectory;
        LocalSettings settings;
        try
        {
            appDirectory = arguments.App is null ? BuiltApp.Locate() : Path.GetFullPath(arguments.App, Environment.CurrentDirectory);
            if (!File.Exists(Path.Combine(appDirectory, "worker.config.json")))
            {
                throw new DirectoryNotFoundException($"'{appDirectory}' holds no worker.config.json");
            }

            settings = ReadSettings(arguments.Settings, appDirectory);
        }
        catch (DirectoryNotFoundException ex)
        {
            await error.WriteLineAsync($"error: the functions app is not built; run `dotnet build functions` first ({ex.Message})");
            return 1;
        }
        catch (InvalidDataException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }

        var port = arguments.Port ?? settings.LocalHttpPort ?? DefaultPort;
        var outputGate = new Lock();
        void Print(string line)
        {
            lock (outputGate)
            {
                output.WriteLine(line);
            }
        }

        // Like the CLI's demo: settings that name the local development storage get the embedded Azurite
        // (127.0.0.1:10002, data under .costops/azurite here; one already running is reused), so one command serves.
        var developmentStorage = UsesDevelopmentStorage(settings);
        await using var azurite = developmentStorage ? await StartAzuriteAsync(Print, error, stop) : null;
        if (developmentStorage && azurite is null)
        {
            return 1;
        }

        FunctionsHostEmulator emulator;
        try
        {
            emulator = await FunctionsHostEmulator.StartAsync(new FunctionsHostOptions
            {
                AppDirectory = appDirectory,
                Environment = settings.Values,
                HttpPort = port,
                Log = Print,
            }, stop);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            await error.WriteLineAsync($"error: port {port} is in use on 127.0.0.1; pick another with --port");
            return 1;
        }
        catch (WorkerStartupException ex)
        {
            // The worker's output is already on the console, line by line, through Log.
            await error.WriteLineAsync($"error: {ex.Reason}");
            return 1;
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or DirectoryNotFoundException)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }

        await using (emulator)
        {
            PrintBanner(emulator, appDirectory, Print);
            await WaitForStopAsync(stop);
            Print("Stopping the worker...");
        }

        return 0;
    }

    private static bool UsesDevelopmentStorage(LocalSettings settings) =>
        settings.Values.TryGetValue("CostOps__Storage__ConnectionString", out var storage)
        && storage.Trim().Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    private static async Task<Infrastructure.Azurite.AzuriteLauncher?> StartAzuriteAsync(Action<string> print, TextWriter error, CancellationToken stop)
    {
        try
        {
            var azurite = await Infrastructure.Azurite.AzuriteLauncher.StartLocalAsync(cancellationToken: stop);
            print(azurite.IsReused
                ? $"Storage: the Azurite already running on 127.0.0.1:{azurite.Port} (UseDevelopmentStorage=true)"
                : $"Storage: embedded Azurite on 127.0.0.1:{azurite.Port}, data under .costops/azurite (UseDevelopmentStorage=true)");
            return azurite;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            await error.WriteLineAsync($"error: the settings use UseDevelopmentStorage=true and the local Azurite could not start: {ex.Message}");
            return null;
        }
    }

    private static LocalSettings ReadSettings(string? settingsArgument, string appDirectory)
    {
        if (settingsArgument is not null)
        {
            return LocalSettings.Read(Path.GetFullPath(settingsArgument, Environment.CurrentDirectory));
        }

        // Like Core Tools: the local.settings.json where you run it, else the one the build copied next to the app.
        foreach (var candidate in new[] { Path.Combine(Environment.CurrentDirectory, "local.settings.json"), Path.Combine(appDirectory, "local.settings.json") })
        {
            if (File.Exists(candidate))
            {
                return LocalSettings.Read(candidate);
            }
        }

        return LocalSettings.Empty;
    }

    private static void PrintBanner(FunctionsHostEmulator emulator, string appDirectory, Action<string> print)
    {
        print($"Functions app: {appDirectory} ({emulator.Functions.Count} functions, ready in {emulator.StartedIn.TotalMilliseconds:0} ms)");
        print($"Listening on {emulator.BaseAddress} - UNAUTHENTICATED: the real host checks function keys, this emulator does not. Keep it on this machine.");
        foreach (var function in emulator.Functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var trigger = function.Trigger;
            if (trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))
            {
                var methods = Rpc.FunctionMetadataBindings.ArrayProperty(trigger, "methods") is { Count: > 0 } list
                    ? string.Join(",", list.Select(m => m.ToUpperInvariant()))
                    : "ANY";
                print($"  {function.Name}: [{methods}] {emulator.BaseAddress}{Http.HttpFrontEnd.RouteTemplate(emulator.RoutePrefix, function)}");
            }
            else
            {
                print($"  {function.Name}: {trigger.Type} - run now with POST {emulator.BaseAddress}admin/functions/{function.Name} {{\"input\": \"\"}}");
            }
        }

        print("Press Ctrl+C to stop.");
    }

    private static async Task WaitForStopAsync(CancellationToken stop)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stopped.TrySetResult();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        await using var registration = stop.Register(() => stopped.TrySetResult());
        await stopped.Task;
    }
}

/// <summary>The serve command's options.</summary>
internal sealed record ServeArguments(string? App, int? Port, string? Settings)
{
    public static bool TryParse(string[] args, out ServeArguments arguments, out string? problem)
    {
        arguments = new ServeArguments(null, null, null);
        problem = null;
        if (args[0] != "serve")
        {
            problem = $"unknown command '{args[0]}'";
            return false;
        }

        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (name is not ("--app" or "--port" or "--settings"))
            {
                problem = $"unknown option '{name}'";
                return false;
            }

            if (i + 1 >= args.Length)
            {
                problem = $"{name} needs a value";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--app":
                    arguments = arguments with { App = value };
                    break;
                case "--settings":
                    arguments = arguments with { Settings = value };
                    break;
                default:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                    {
                        problem = $"--port must be a port number (1-65535), not '{value}'";
                        return false;
                    }

                    arguments = arguments with { Port = port };
                    break;
            }
        }

        return true;
    }
}
