using CostOps.Infrastructure.Azurite;
using Azure.Data.Tables;
using CostOps.TestSupport;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.Azurite;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzuriteLauncherTests(AzuriteFixture azurite)
{
    private static string Infra() => InfraDirectory.Find(AppContext.BaseDirectory);

    [Fact]
    public async Task AnAzuriteAlreadyAnswering_IsReused_AndLeftRunningOnDispose()
    {
        await using (var reused = await AzuriteLauncher.StartAsync(new AzuriteOptions { Port = azurite.Port, InfraDirectory = Infra() }))
        {
            Assert.True(reused.IsReused);
        }

        Assert.Equal(PortOccupant.Azurite, await AzuriteProbe.ProbeAsync(azurite.Port, CancellationToken.None));
    }

    [Fact]
    public async Task APortTakenBySomethingElse_FailsNamingThePort()
    {
        await using var other = await LoopbackServer.StartAsync(context => { context.Response.StatusCode = 200; return Task.CompletedTask; }, https: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AzuriteLauncher.StartAsync(new AzuriteOptions { Port = other.BaseUri.Port, InfraDirectory = Infra() }));

        Assert.Contains($"Port {other.BaseUri.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("not Azurite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataUnderItsLocation_SurvivesARestart_AndDisposeStopsTheProcess()
    {
        var location = Path.Combine(Path.GetTempPath(), "costops-azurite-" + Guid.NewGuid().ToString("N"));
        var port = LoopbackPorts.Free();
        var tableName = AzuriteFixture.UniqueTableName();
        var options = new AzuriteOptions { Port = port, Location = location, ReuseRunning = false, InfraDirectory = Infra() };
        try
        {
            await using (var first = await AzuriteLauncher.StartAsync(options))
            {
                var table = new TableServiceClient(first.ConnectionString).GetTableClient(tableName);
                await table.CreateIfNotExistsAsync();
                await table.UpsertEntityAsync(new TableEntity("w", "2026-11-22") { ["Cost"] = 3.5 });
            }
            Assert.Equal(PortOccupant.Nothing, await AzuriteProbe.ProbeAsync(port, CancellationToken.None));

            await using var second = await AzuriteLauncher.StartAsync(options);
            var read = await new TableServiceClient(second.ConnectionString).GetTableClient(tableName).GetEntityAsync<TableEntity>("w", "2026-11-22");

            Assert.False(second.IsReused);
            Assert.Equal(3.5, read.Value.GetDouble("Cost"));
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public async Task AnAzuriteThatExitsAtStart_FailsWithItsLastOutput()
    {
        var infra = Path.Combine(Path.GetTempPath(), "costops-infra-" + Guid.NewGuid().ToString("N"), "infra");
        var bin = Path.Combine(infra, "node_modules", ".bin");
        Directory.CreateDirectory(bin);
        await File.WriteAllTextAsync(Path.Combine(infra, "package.json"), "{}");
        var script = InfraDirectory.AzuriteTableExecutable(infra);
        if (OperatingSystem.IsWindows())
        {
            await File.WriteAllTextAsync(script, "@echo EADDRINUSE: simulated start failure 1>&2\r\n@exit /b 3\r\n");
        }
        else
        {
            await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'EADDRINUSE: simulated start failure' >&2\nexit 3\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                AzuriteLauncher.StartAsync(new AzuriteOptions { Port = LoopbackPorts.Free(), InfraDirectory = infra }));

            Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
            Assert.Contains("EADDRINUSE: simulated start failure", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(infra)!, recursive: true);
        }
    }

    [Fact]
    public void InfraDirectory_IsFoundByWalkingUp_AndAMissingOneNamesWhereItLooked()
    {
        var nested = Path.Combine(Infra(), "..", "src", "CostOps.Infrastructure", "TableStorage");

        Assert.Equal(Path.GetFullPath(Infra()), Path.GetFullPath(InfraDirectory.Find(nested)));
        var nowhere = Path.GetPathRoot(Path.GetTempPath())!;
        var error = Assert.Throws<DirectoryNotFoundException>(() => InfraDirectory.Find(nowhere));
        Assert.Contains(nowhere, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalRuns_KeepDataUnderDotCostopsInTheWorkingDirectory()
    {
        var options = AzuriteOptions.ForLocalRuns("/work/here");

        Assert.Equal(Path.Combine("/work/here", ".costops", "azurite"), options.Location);
        Assert.Equal(10002, options.Port);
        Assert.True(options.ReuseRunning);
    }
}
