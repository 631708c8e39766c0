using System.Net;
using System.Net.Sockets;

namespace CostOps.TestSupport;

/// <summary>Ports for processes the tests and benchmarks start on loopback (Azurite, the handler).</summary>
public static class LoopbackPorts
{
    /// <summary>A port free on 127.0.0.1 right now: the OS picks it, the listener lets it go for the caller to bind.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
