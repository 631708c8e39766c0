using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CostOps.Application.Jobs;
using CostOps.FunctionsHost;
using CostOps.Infrastructure;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;
using CostOps.TestSupport.Azurite;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace CostOps.Reliability.Tests.Secrets;

/// <summary>
/// Every job (nightly, autopilot, digest) with OpenAI and Anthropic admin keys and a Teams webhook URL configured, against
/// one HTTPS loopback fake that refuses them all and echoes each secret back in its error (the worst upstream there is).
/// The jobs run twice: in this process (every log record, every span and metric exported to memory by OpenTelemetry,
/// outgoing HTTP spans included) and in the worker through the host emulator (its log lines, the timers' outcomes and
/// every HTTP answer). Then every stored row of every table is read. No secret may appear anywhere.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class SecretsScanTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private readonly string _openAiKey = "sk-admin-" + Guid.NewGuid().ToString("N");
    private readonly string _anthropicKey = "sk-ant-admin01-" + Guid.NewGuid().ToString("N");
    private readonly string _webhookSignature = "sig" + Guid.NewGuid().ToString("N");

    private string[] Secrets => [_openAiKey, _anthropicKey, _webhookSignature];

    [Fact]
    public async Task EveryJob_WithAdminKeysAndAWebhookConfigured_LeavesNoSecretInLogsTracesRowsOrAnswers()
    {
        await using var upstream = await LoopbackServer.StartAsync(EchoTheSecretAsync);
        var directory = Directory.CreateTempSubdirectory("costops-secrets-").FullName;
        var settings = Settings(directory, upstream.BaseUri);
        var found = new List<string>();

        // In process: the jobs' logs, spans and metrics.
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource("CostOps").AddHttpClientInstrumentation().AddInMemoryExporter(activities).Build())
        using (var metering = Sdk.CreateMeterProviderBuilder().AddMeter("CostOps").AddInMemoryExporter(metrics).Build())
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
            services.AddCostOps(configuration);
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(upstream.CreateTrustingHandler));
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<CostOpsTables>().EnsureCreatedAsync();
            var ran = new List<string>();
            foreach (var registration in provider.GetServices<ScheduledJobRegistration>())
            {
                var job = (IScheduledJob)provider.GetRequiredService(registration.JobType);
                try
                {
                    var result = await job.RunAsync(new JobContext(DateTimeOffset.UtcNow, false, null, Guid.NewGuid().ToString(), 0, "timer"));
                    Scan(found, $"{registration.FunctionName} result", result.ToString());
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Scan(found, $"{registration.FunctionName} exception", ex.ToString());
                }
                ran.Add(registration.FunctionName);
            }
            Assert.Equal(["Autopilot", "NightlyTco", "WeeklyDigest"], ran.Order(StringComparer.Ordinal));
            var logs = provider.GetFakeLogCollector().GetSnapshot();
            foreach (var record in logs)
            {
                Scan(found, $"log {record.Level} {record.Category} {record.Id} '{Shorten(record.Message)}'", $"{record.Message} {record.Exception} {string.Join(' ', record.StructuredState ?? [])}");
            }
            tracing.ForceFlush();
            metering.ForceFlush();
            output.WriteLine($"in process: {logs.Count} log records, {activities.Count} spans, {metrics.Count} metrics");
            Assert.NotEmpty(logs);
        }
        foreach (var activity in activities)
        {
            Scan(found, $"span {activity.DisplayName}",
                $"{activity.DisplayName} {activity.StatusDescription} {string.Join(' ', activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))} "
                + string.Join(' ', activity.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}"))));
        }
        foreach (var metric in metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new StringBuilder(metric.Name);
                foreach (var tag in point.Tags)
                {
                    tags.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
                }
                Scan(found, $"metric {metric.Name}", tags.ToString());
            }
        }
        Assert.Contains(activities, a => a.DisplayName.Contains("POST", StringComparison.Ordinal) || a.Kind == ActivityKind.Client);

        // The worker: its log lines, the timers' outcomes and every answer of the API.
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        var pem = Path.Combine(directory, "upstream.pem");
        File.WriteAllText(pem, upstream.Certificate!.ExportCertificatePem());
        environment["SSL_CERT_FILE"] = pem;
        environment["SSL_CERT_DIR"] = directory;
        environment["NightlyTcoSchedule"] = "0 30 1 * * *";
        environment["AutopilotSchedule"] = "0 30 2 * * *";
        environment["WeeklyDigestSchedule"] = "0 0 8 * * 1";
        await using (var emulator = await FunctionsHostEmulator.StartAsync(new FunctionsHostOptions { AppDirectory = BuiltApp.Locate(), Environment = environment }))
        {
            foreach (var timer in (string[])["NightlyTco", "Autopilot", "WeeklyDigest"])
            {
                var outcome = await emulator.InvokeTimerAsync(timer, TimerPayload.WithoutScheduleStatus());
                Scan(found, $"{timer} invocation", $"{outcome.Status} {outcome.ExceptionMessage} {string.Join('\n', outcome.Logs)}");
            }
            var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
            (string Method, string Path, string? Body)[] calls =
            [
                ("POST", "/api/tco/recalculate", "{}"),
                ("GET", "/api/runs?top=100", null),
                ("GET", $"/api/tco/keyed?from={yesterday.AddDays(-6):yyyy-MM-dd}&to={yesterday:yyyy-MM-dd}", null),
                ("GET", "/api/workloads", null),
                ("POST", "/api/autopilot/plan", "{}"),
                ("GET", "/api/decisions?top=100", null),
                ("GET", "/api/digest/preview", null),
                ("GET", "/api/health", null),
                ("POST", "/api/breakeven", """{"workloadId":"keyed"}"""),
            ];
            foreach (var (method, path, body) in calls)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }
                using var response = await emulator.Client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Scan(found, $"{method} {path} ({(int)response.StatusCode})", $"{response.Headers} {response.Content.Headers} {text}");
            }
            Scan(found, "worker log", emulator.Logs);
            output.WriteLine($"worker: {emulator.Logs.Split('\n').Length} log lines");
        }

        // Everything stored, every property of every row.
        var tables = new CostOpsTables(new TableServiceClient(azurite.ConnectionString), CostOpsTableNames.WithPrefix(settings["CostOps:Storage:TablePrefix"]!));
        var rows = 0;
        foreach (var name in tables.Names.All)
        {
            await foreach (var entity in tables.Service.GetTableClient(name).QueryAsync<TableEntity>())
            {
                rows++;
                Scan(found, $"row {name}/{entity.PartitionKey}/{entity.RowKey}", string.Join(' ', entity.Select(p => $"{p.Key}={p.Value}")));
            }
        }
        output.WriteLine($"stored: {rows} rows; upstream saw {upstream.Requests.Count} requests");
        foreach (var line in found.Take(20))
        {
            output.WriteLine(line);
        }
        Directory.Delete(directory, recursive: true);

        // The secrets were really in play: each reached the fake, which echoed it back.
        Assert.Contains(upstream.Requests, r => r.Header("Authorization") == $"Bearer {_openAiKey}");
        Assert.Contains(upstream.Requests, r => r.Header("x-api-key") == _anthropicKey);
        Assert.Contains(upstream.Requests, r => r.PathAndQuery.Contains(_webhookSignature, StringComparison.Ordinal));
        Assert.True(rows > 0);
        Assert.Empty(found);
    }

    private Dictionary<string, string?> Settings(string directory, Uri upstream)
    {
        var catalog = Path.Combine(directory, "catalog.json");
        File.WriteAllText(catalog, new JsonObject
        {
            ["workloads"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "keyed",
                    ["goLive"] = "2026-01-01",
                    ["selfHosted"] = new JsonObject { ["tagSelector"] = new JsonObject { ["costops-workload"] = "keyed" }, ["gpuHourly"] = 2.5, ["tokensPerSecondPerInstance"] = 1000 },
                    ["api"] = new JsonObject { ["model"] = "gpt-5.4" },
                    ["telemetry"] = new JsonObject
                    {
                        ["apiUsage"] = new JsonObject { ["source"] = "openai", ["scopes"] = new JsonArray("proj_keyed"), ["model"] = "gpt-5.4" },
                        ["apiCost"] = new JsonObject { ["source"] = "anthropic", ["scopes"] = new JsonArray("wrkspc_keyed") },
                    },
                }),
        }.ToJsonString());
        return new Dictionary<string, string?>
        {
            ["CostOps:Storage:ConnectionString"] = azurite.ConnectionString,
            ["CostOps:Storage:TablePrefix"] = BackfillWorldPrefix(),
            ["CostOps:Catalog:Path"] = catalog,
            ["CostOps:Telemetry:Retry:MaxRetries"] = "1",
            ["CostOps:Telemetry:Retry:InitialDelay"] = "00:00:00.05",
            ["CostOps:Sources:0:Name"] = "openai",
            ["CostOps:Sources:0:Type"] = "openai",
            ["CostOps:Sources:0:Endpoint"] = upstream.ToString().TrimEnd('/'),
            ["CostOps:Sources:0:ApiKeySetting"] = "OpenAiAdminKey",
            ["CostOps:Sources:1:Name"] = "anthropic",
            ["CostOps:Sources:1:Type"] = "anthropic",
            ["CostOps:Sources:1:Endpoint"] = upstream.ToString().TrimEnd('/'),
            ["CostOps:Sources:1:ApiKeySetting"] = "AnthropicAdminKey",
            ["OpenAiAdminKey"] = _openAiKey,
            ["AnthropicAdminKey"] = _anthropicKey,
            ["CostOps:Digest:WebhookUrl"] = new Uri(upstream, $"workflows/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={_webhookSignature}").ToString(),
            ["CostOps:Digest:WebhookMaxAttempts"] = "1",
        };
    }

    private static string BackfillWorldPrefix() => Chaos.BackfillWorld.NewPrefix("sec");

    /// <summary>Refuses every call, quoting the secret it was sent (some real APIs echo part of a bad key).</summary>
    private Task EchoTheSecretAsync(HttpContext context)
    {
        var sent = context.Request.Headers.Authorization.ToString() + " " + context.Request.Headers["x-api-key"] + " " + context.Request.QueryString;
        context.Response.StatusCode = context.Request.Path.StartsWithSegments("/workflows", StringComparison.Ordinal) ? 400 : 401;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["type"] = "authentication_error", ["message"] = $"Incorrect API key provided: {sent}" },
        }.ToJsonString());
    }

    private static string Shorten(string text) => text.Length <= 160 ? text.ReplaceLineEndings(" ") : text[..160].ReplaceLineEndings(" ") + "...";

    private void Scan(List<string> found, string where, string? text)
    {
        if (text is null)
        {
            return;
        }
        foreach (var secret in Secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                found.Add($"{where}: {secret[..12]}...");
            }
        }
    }
}
