using System.Net;
using System.Net.Sockets;
using CostOps.TestSupport;

namespace CostOps.Cli.Tests;

public sealed class StorageUnreachableTests
{
    [Fact]
    public async Task Nightly_WithStorageUnreachable_Fails_NamingTheEndpoint_WithoutTheKeyOrAnExceptionName()
    {
        // A port that was just free and is now closed: connections are refused at once.
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        var storage = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1";

        var result = await CliRun.RunAsync(
            "nightly", "--settings", RepositoryRoot.Combine("samples", "demo", "costops.settings.json"), "--storage", storage, "--date", "2026-11-01");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Table storage at http://127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
        Assert.Contains("could not be reached", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.Error + result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }
}
