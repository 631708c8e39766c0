using CostOps.FunctionsHost;
using CostOps.Functions.Tests.Worker;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Startup;

/// <summary>
/// A worker with a bad configuration or catalog must stop before it loads a function, saying what is wrong
/// one line per problem, naming the key, file and field, with no stack trace before those lines.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class StartupFailureTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task MissingSettings_StopTheWorker_NamingEachKey()
    {
        var settings = AppSettings.For(azurite, AppSettings.EmptyCatalog);
        settings.Remove("CostOps__Storage__ConnectionString");
        settings.Remove("CostOps__Catalog__Path");

        var failure = await StartFailingAsync(settings);

        AssertProblemLines(failure,
            "CostOps:Storage:ConnectionString or CostOps:Storage:TableEndpoint is required",
            "CostOps:Catalog:Path is required");
    }

    [Fact]
    public async Task ABadSetting_StopsTheWorker_NamingTheKey()
    {
        var settings = AppSettings.For(azurite, AppSettings.EmptyCatalog);
        settings["CostOps__Autopilot__Mode"] = "yolo";

        var failure = await StartFailingAsync(settings);

        AssertProblemLines(failure, "CostOps:Autopilot:Mode");
    }

    [Fact]
    public async Task ABadCatalog_StopsTheWorker_NamingTheFileWorkloadAndField()
    {
        var settings = AppSettings.For(azurite, """
            { "workloads": [ { "id": "triage", "goLive": "2026-01-01", "selfHosted": { "resources": [], "targetUtilization": 7 }, "api": { "model": "gpt-5.4" } } ] }
            """);

        var failure = await StartFailingAsync(settings);

        AssertProblemLines(failure, Path.GetFileName(settings["CostOps__Catalog__Path"]), "workloads[0] (triage).selfHosted.targetUtilization");
    }

    private async Task<string> StartFailingAsync(Dictionary<string, string> settings)
    {
        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => WorkerApp.StartAsync(settings));
        output.WriteLine(failure.Message);
        return failure.Message;
    }

    /// <summary>Each expected text is on a line of its own after the headline, and nothing that looks like a stack trace comes first.</summary>
    private static void AssertProblemLines(string workerOutput, params string[] expected)
    {
        var lines = workerOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var headline = lines.FindIndex(l => l.Contains("CostOps cannot start: invalid configuration", StringComparison.Ordinal));
        Assert.True(headline >= 0, $"no start-up failure headline in:\n{workerOutput}");
        foreach (var text in expected)
        {
            Assert.Contains(lines.Skip(headline + 1), l => l.Contains(text, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(lines.Take(headline), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at CostOps.", StringComparison.Ordinal));
    }
}
