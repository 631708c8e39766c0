using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;

namespace CostOps.Infrastructure.Identity;

/// <summary>What a credential signs in for: each may be granted to a different identity.</summary>
public enum CredentialPurpose
{
    /// <summary>Reading telemetry (Azure Monitor, Cost Management, Prometheus, Resource Graph) and Microsoft Graph for the digest.</summary>
    Telemetry,

    /// <summary>Table storage over Entra ID (<c>CostOps:Storage:TableEndpoint</c>).</summary>
    Storage,

    /// <summary>The autopilot's writes to VMs and scale sets through ARM.</summary>
    Autopilot,
}

/// <summary>
/// The one place CostOps creates Azure credentials, chosen once per purpose from the settings and kept for the process
/// (so each identity's tokens are cached once): a purpose whose setting names a user-assigned managed identity
/// (<c>ManagedIdentityClientId</c>) signs in as it; otherwise telemetry uses <see cref="DefaultAzureCredential"/>
/// (preferring <c>CostOps:Telemetry:ManagedIdentityClientId</c>), storage a plain <see cref="DefaultAzureCredential"/>,
/// and the autopilot the telemetry's credential.
/// </summary>
public sealed class AzureCredentials
{
    private readonly ConcurrentDictionary<CredentialPurpose, Lazy<TokenCredential>> _chosen = new();
    private readonly Func<CredentialPurpose, TokenCredential> _choose;

    private AzureCredentials(Func<CredentialPurpose, TokenCredential> choose) => _choose = choose;

    /// <summary>The credentials the settings name (each client id may be null: none configured).</summary>
    public static AzureCredentials FromSettings(string? telemetryClientId, string? storageClientId, string? autopilotClientId)
    {
        AzureCredentials? credentials = null;
        credentials = new AzureCredentials(purpose => purpose switch
        {
            CredentialPurpose.Storage => (TokenCredential?)ManagedIdentity(storageClientId) ?? new DefaultAzureCredential(),
            CredentialPurpose.Autopilot => (TokenCredential?)ManagedIdentity(autopilotClientId) ?? credentials!.For(CredentialPurpose.Telemetry),
            _ => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = Blank(telemetryClientId) }),
        });
        return credentials;
    }

    /// <summary>One credential for every purpose: tests and benchmarks against loopback fakes.</summary>
    public static AzureCredentials ForEveryPurpose(TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new AzureCredentials(_ => credential);
    }

    /// <summary>The credential for <paramref name="purpose"/>, created on first use.</summary>
    public TokenCredential For(CredentialPurpose purpose) =>
        _chosen.GetOrAdd(purpose, p => new Lazy<TokenCredential>(() => _choose(p))).Value;

    private static ManagedIdentityCredential? ManagedIdentity(string? clientId) =>
        Blank(clientId) is { } id ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id)) : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
