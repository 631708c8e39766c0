using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CostOps.Application.Diagnostics;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CostOps.Functions.Hosting;

/// <summary>
/// The worker's OpenTelemetry: CostOps' traces and metrics (<see cref="CostOpsTelemetry"/>), the invocation's own
/// activity (so log lines carry its trace and span ids), outgoing HTTP calls, and the logs, exported to Application
/// Insights. Only when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set: the Functions defaults tell the host to
/// stop emitting the worker's telemetry on its behalf, so switching them on without an exporter would lose the logs.
/// </summary>
internal static partial class WorkerTelemetry
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Registers the export when the connection string is set; returns whether it did.</summary>
    public static bool AddCostOpsOpenTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }
        var authentication = ExporterAuthentication.Parse(configuration[AuthenticationStringKey]);
        // A bad authentication string stops the start with the key named (StartupChecks), not the first export.
        services.AddOptions<ExporterAuthentication>().Configure(o => o.CopyFrom(authentication)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExporterAuthentication>, ExporterAuthenticationValidator>();

        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(CostOpsTelemetry.Name).AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(CostOpsTelemetry.Name).AddHttpClientInstrumentation())
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = authentication.CreateCredential();
                // The host streams Live Metrics for the app; a second stream from every worker instance adds nothing.
                options.EnableLiveMetrics = false;
            });
        return true;
    }

    /// <summary>One start-up line saying whether telemetry leaves the worker, and how it authenticates.</summary>
    public static void LogExport(IServiceProvider services, bool exporting)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CostOps.Functions.Telemetry");
        if (!exporting)
        {
            LogExportOff(logger, ConnectionStringKey);
            return;
        }
        var authentication = services.GetRequiredService<IOptions<ExporterAuthentication>>().Value;
        LogExportOn(logger, authentication.UsesEntraId ? $"managed identity {authentication.ClientId ?? "(system-assigned)"}" : "instrumentation key");
    }

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Telemetry export to Application Insights: on ({Authentication}); traces and metrics of CostOps, HTTP calls and logs")]
    private static partial void LogExportOn(ILogger logger, string authentication);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Telemetry export to Application Insights: off ({Key} is not set); logs go to the host")]
    private static partial void LogExportOff(ILogger logger, string key);
}

/// <summary>
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=&lt;id&gt;;Authorization=AAD</c>): Entra ID ingestion with
/// the app's managed identity, as the Bicep sets it. Absent: the connection string's instrumentation key alone.
/// </summary>
internal sealed class ExporterAuthentication
{
    public bool UsesEntraId { get; private set; }

    public string? ClientId { get; private set; }

    /// <summary>Why the setting cannot be used; null when it can (or is absent).</summary>
    public string? Problem { get; private set; }

    public static ExporterAuthentication Parse(string? value)
    {
        var result = new ExporterAuthentication();
        if (string.IsNullOrWhiteSpace(value))
        {
            return result;
        }
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                result.Problem = $"{WorkerTelemetry.AuthenticationStringKey}: expected Key=Value pairs separated by ';' (was '{part}')";
                return result;
            }
            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            result.Problem = $"{WorkerTelemetry.AuthenticationStringKey}: must contain Authorization=AAD (Entra ID with the managed identity)";
            return result;
        }
        result.UsesEntraId = true;
        result.ClientId = parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrWhiteSpace(clientId) ? clientId : null;
        return result;
    }

    /// <summary>The managed identity named by the client id (system-assigned without one); null without Entra ID.</summary>
    public TokenCredential? CreateCredential() =>
        !UsesEntraId || Problem is not null ? null
        : ClientId is { } id ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id))
        : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);

    public void CopyFrom(ExporterAuthentication other)
    {
        UsesEntraId = other.UsesEntraId;
        ClientId = other.ClientId;
        Problem = other.Problem;
    }
}

internal sealed class ExporterAuthenticationValidator : IValidateOptions<ExporterAuthentication>
{
    public ValidateOptionsResult Validate(string? name, ExporterAuthentication options) =>
        options.Problem is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
