using System.Text.Json.Nodes;

namespace CostOps.Deployment.Tests.Bicep;

/// <summary>
/// Stand-ins for what Azure assigns when it creates a resource (an identity's ids, an account's endpoints,
/// a vault's URI): the runtime properties <c>reference()</c> reads, which no compiler can know. Shaped like the
/// real values so the app's validators judge them as they would judge Azure's.
/// </summary>
internal static class PlatformValues
{
    public const string IdentityClientId = "0c1d2e3f-4a5b-4c6d-8e7f-000000000001";
    public const string IdentityPrincipalId = "9a8b7c6d-5e4f-4a3b-8c2d-000000000002";

    /// <summary>The runtime properties of the resource <paramref name="resourceId"/>, by its type.</summary>
    public static JsonNode Reference(string resourceId)
    {
        var segments = resourceId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
        var type = providers >= 0 && segments.Length > providers + 3 ? $"{segments[providers + 1]}/{segments[providers + 2]}" : "";
        var name = segments[^1];
        return type.ToLowerInvariant() switch
        {
            "microsoft.managedidentity/userassignedidentities" => new JsonObject
            {
                ["clientId"] = IdentityClientId,
                ["principalId"] = IdentityPrincipalId,
            },
            "microsoft.storage/storageaccounts" => new JsonObject
            {
                ["primaryEndpoints"] = new JsonObject
                {
                    ["blob"] = $"https://{name}.blob.core.windows.net/",
                    ["queue"] = $"https://{name}.queue.core.windows.net/",
                    ["table"] = $"https://{name}.table.core.windows.net/",
                },
            },
            "microsoft.insights/components" => new JsonObject
            {
                ["ConnectionString"] = $"InstrumentationKey=5f3e2d1c-0b9a-4876-9543-210fedcba987;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;ApplicationId={name}",
            },
            "microsoft.keyvault/vaults" => new JsonObject { ["vaultUri"] = $"https://{name}.vault.azure.net/" },
            "microsoft.web/sites" => new JsonObject { ["defaultHostName"] = $"{name}.azurewebsites.net" },
            _ => throw new InvalidOperationException($"no stand-in runtime properties for {resourceId}; add its type to PlatformValues"),
        };
    }
}
