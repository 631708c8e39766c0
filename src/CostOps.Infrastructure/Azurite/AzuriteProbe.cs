using System.Net.Sockets;

namespace CostOps.Infrastructure.Azurite;

/// <summary>What answers on a loopback port.</summary>
internal enum PortOccupant
{
    Nothing,
    Azurite,
    SomethingElse,
}

/// <summary>Asks a loopback port whether Azurite's Table service is there (its <c>Server</c> header says so).</summary>
internal static class AzuriteProbe
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static async Task<PortOccupant> ProbeAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            // Unauthenticated: Azurite answers 403 AuthorizationFailure, which is enough to know it is up.
            using var response = await Client.GetAsync(new Uri($"http://127.0.0.1:{port}/devstoreaccount1/Tables"), cancellationToken).ConfigureAwait(false);
            var server = response.Headers.Server.ToString();
            return server.Contains("Azurite-Table", StringComparison.OrdinalIgnoreCase) ? PortOccupant.Azurite : PortOccupant.SomethingElse;
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException)
        {
            return PortOccupant.Nothing;
        }
        catch (HttpRequestException)
        {
            return PortOccupant.SomethingElse;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Something accepted the connection but did not answer in time.
            return PortOccupant.SomethingElse;
        }
    }
}
