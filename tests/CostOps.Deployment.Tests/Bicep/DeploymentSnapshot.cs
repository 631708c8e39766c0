using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CostOps.TestSupport;

namespace CostOps.Deployment.Tests.Bicep;

/// <summary>
/// What bicep/main.bicep deploys with given parameters: <c>bicep snapshot</c> compiles the template and evaluates
/// it with the compiler's own ARM engine (parameters, variables, loops, conditions, modules flattened, outputs),
/// for a fixed subscription, resource group and region. What only Azure knows (an identity's ids, endpoints)
/// stays a <c>reference()</c> expression, evaluated here with <see cref="PlatformValues"/>.
/// </summary>
internal sealed partial class DeploymentSnapshot
{
    public const string SubscriptionId = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d";
    public const string ResourceGroup = "rg-costops";
    public const string Location = "westeurope";
    public const string TenantId = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9";

    private const string AppSettingsType = "Microsoft.Web/sites/config";
    private const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";
    private const string RoleAssignmentSegment = "/providers/Microsoft.Authorization/roleAssignments/";

    private DeploymentSnapshot(JsonObject snapshot)
    {
        Resources = [.. snapshot["predictedResources"]!.AsArray().OfType<JsonObject>()];
        Outputs = snapshot["outputs"]?.AsObject() ?? [];
    }

    /// <summary>Every resource the deployment creates, in any scope.</summary>
    public IReadOnlyList<JsonObject> Resources { get; }

    /// <summary>The template's outputs (those that need no runtime value are plain values).</summary>
    public JsonObject Outputs { get; }

    /// <summary>The snapshot of a deployment with <paramref name="parameters"/>; fails with the compiler's messages.</summary>
    public static DeploymentSnapshot Of(JsonObject parameters)
    {
        var run = TryOf(parameters, out var snapshot);
        return snapshot ?? throw new InvalidOperationException("bicep snapshot failed:\n" + run.Describe());
    }

    /// <summary>Runs the snapshot; <paramref name="snapshot"/> is null when the compiler refuses the parameters.</summary>
    public static ProcessRun TryOf(JsonObject parameters, out DeploymentSnapshot? snapshot)
    {
        var directory = Directory.CreateTempSubdirectory("costops-snapshot-");
        try
        {
            var paramFile = BicepParamFile.Write(directory.FullName, RepositoryRoot.Combine("bicep", "main.bicep"), parameters);
            var run = BicepCli.Run(
                "snapshot", paramFile, "--mode", "overwrite",
                "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup,
                "--location", Location, "--tenant-id", TenantId);
            var output = Path.ChangeExtension(paramFile, ".snapshot.json");
            snapshot = run.ExitCode == 0 && File.Exists(output) ? new DeploymentSnapshot(JsonNode.Parse(File.ReadAllText(output))!.AsObject()) : null;
            return run;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Resources of one type.</summary>
    public IEnumerable<JsonObject> OfType(string type) => Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The one resource of a type.</summary>
    public JsonObject Single(string type) => OfType(type).Single();

    /// <summary>A template value with its runtime references evaluated.</summary>
    public static string Evaluate(JsonNode? value) => value is null ? "" : ArmExpression.EvaluateString(value.GetValue<string>(), PlatformValues.Reference);

    /// <summary>
    /// Exactly the app settings the deployment writes (the <c>appsettings</c> config resource owns the whole
    /// collection), by name as Azure keeps them, values evaluated.
    /// </summary>
    public IReadOnlyDictionary<string, string> AppSettings()
    {
        var config = OfType(AppSettingsType).Single(r => ((string)r["name"]!).EndsWith("/appsettings", StringComparison.OrdinalIgnoreCase));
        return config["properties"]!.AsObject().ToDictionary(p => p.Key, p => Evaluate(p.Value), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every role assignment, with its scope and role id read from the assignment itself.</summary>
    public IReadOnlyList<RoleGrant> RoleGrants() =>
    [
        .. OfType(RoleAssignmentType).Select(r =>
        {
            var id = Evaluate(r["id"]);
            var at = id.LastIndexOf(RoleAssignmentSegment, StringComparison.OrdinalIgnoreCase);
            var properties = r["properties"]!;
            return new RoleGrant(
                Scope: id[..at],
                RoleId: Evaluate(properties["roleDefinitionId"]).Split('/')[^1],
                RoleDefinitionId: Evaluate(properties["roleDefinitionId"]),
                PrincipalId: Evaluate(properties["principalId"]),
                PrincipalType: Evaluate(properties["principalType"]),
                Name: Evaluate(r["name"]));
        }),
    ];

    /// <summary>The secret a Key Vault reference app setting points at, or null when the value is no reference.</summary>
    public static KeyVaultReference? KeyVaultReferenceIn(string value) =>
        KeyVaultReferenceSyntax().Match(value) is { Success: true } match
            ? new KeyVaultReference(match.Groups["vault"].Value, match.Groups["secret"].Value, match.Groups["version"].Success ? match.Groups["version"].Value : null)
            : null;

    [GeneratedRegex(@"^@Microsoft\.KeyVault\(SecretUri=(?<vault>https://[^/]+/)secrets/(?<secret>[A-Za-z0-9-]+)/(?<version>[0-9a-f]{32})?\)$")]
    private static partial Regex KeyVaultReferenceSyntax();
}

/// <summary>One role assignment of the deployment.</summary>
internal sealed record RoleGrant(string Scope, string RoleId, string RoleDefinitionId, string PrincipalId, string PrincipalType, string Name);

/// <summary>A Key Vault reference's vault URI, secret name and pinned version (null: the latest).</summary>
internal sealed record KeyVaultReference(string VaultUri, string Secret, string? Version);
