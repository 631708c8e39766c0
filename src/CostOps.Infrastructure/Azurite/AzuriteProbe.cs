using System.Net.Sockets;

namespace CostOps.Infrastructure.Azurite;

/// <summary>What answers on a loopback port.</summary>
internal enum PortOccupant
{
    Nothing,
    Azurite,
    SomethingElse,
}

/// <summary>Asks a loopback port whether an Azurite service is there (its <c>Server</c> header says so).</summary>
internal static class AzuriteProbe
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static Task<PortOccupant> ProbeAsync(int port, CancellationToken cancellationToken) => ProbeAsync(port, AzuriteService.Table, cancellationToken);

    public static async Task<PortOccupant> ProbeAsync(int port, AzuriteService service, CancellationToken cancellationToken)
    {
        try
        {
            // Unauthenticated: Azurite answers 403 AuthorizationFailure, which is enough to know it is up.
            var path = service == AzuriteService.Queue ? "devstoreaccount1?comp=list" : "devstoreaccount1/Tables";
            using var response = await Client.GetAsync(new Uri($"http://127.0.0.1:{port}/{path}"), cancellationToken).ConfigureAwait(false);
            var server = response.Headers.Server.ToString();
            var expected = service == AzuriteService.Queue ? "Azurite-Queue" : "Azurite-Table";
            return server.Contains(expected, StringComparison.OrdinalIgnoreCase) ? PortOccupant.Azurite : PortOccupant.SomethingElse;
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
