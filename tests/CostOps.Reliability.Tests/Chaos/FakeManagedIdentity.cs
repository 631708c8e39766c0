using System.Globalization;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>
/// The App Service managed identity endpoint (<c>IDENTITY_ENDPOINT</c> + <c>IDENTITY_HEADER</c>) on plain-HTTP loopback, so a
/// child process's <c>ManagedIdentityCredential</c> gets a token for the fake ARM the way it would in Azure.
/// </summary>
internal sealed class FakeManagedIdentity : IAsyncDisposable
{
    public const string Token = "loopback-arm-token";

    private const string Header = "loopback-identity-header";

    private LoopbackServer? _server;

    public static async Task<FakeManagedIdentity> StartAsync()
    {
        var identity = new FakeManagedIdentity();
        identity._server = await LoopbackServer.StartAsync(Answer, https: false);
        return identity;
    }

    /// <summary>The environment that points a process's managed identity here.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["IDENTITY_ENDPOINT"] = new Uri(_server!.BaseUri, "msi/token").ToString(),
        ["IDENTITY_HEADER"] = Header,
    };

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static async Task Answer(HttpContext context)
    {
        if (context.Request.Headers["X-IDENTITY-HEADER"] != Header)
        {
            context.Response.StatusCode = 401;
            return;
        }
        var expiresOn = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            $$"""{"access_token":"{{Token}}","expires_on":"{{expiresOn}}","resource":"{{context.Request.Query["resource"]}}","token_type":"Bearer","client_id":"{{context.Request.Query["client_id"]}}"}""");
    }
}
