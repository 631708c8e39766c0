using CostOps.TestSupport;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;

namespace CostOps.Infrastructure.Tests.Teams;

/// <summary>
/// A real <see cref="GraphServiceClient"/> pointed at a loopback server: the SDK's own middleware (retry handler
/// included, via <see cref="GraphClientFactory"/>) over a handler that trusts only that server's certificate, and a
/// bearer token for 127.0.0.1 (the SDK sends none to non-Graph hosts unless told).
/// </summary>
internal static class GraphLoopback
{
    public const string Scope = "https://graph.microsoft.com/.default";

    public static GraphServiceClient Client(LoopbackServer server, FixedTokenCredential credential)
    {
        var authentication = new AzureIdentityAuthenticationProvider(credential, allowedHosts: ["127.0.0.1"], observabilityOptions: null, isCaeEnabled: true, scopes: Scope);
        var httpClient = GraphClientFactory.Create(finalHandler: server.CreateTrustingHandler());
        return new GraphServiceClient(httpClient, authentication, new Uri(server.BaseUri, "v1.0").AbsoluteUri);
    }
}
