using CostOps.Deployment.Tests.Bicep;

namespace CostOps.Deployment.Tests.Binding;

/// <summary>
/// Turns the app settings a deployment writes into what the worker process sees, doing only what Azure does
/// between the two: each Key Vault reference becomes its secret's value (here a placeholder shaped like the
/// real secret), and the package is extracted into the app root the worker starts in (here a temporary folder
/// holding a test catalog at the catalog path).
/// </summary>
internal sealed class WorkerEnvironment : IDisposable
{
    /// <summary>Placeholder values for the secrets the shipped parameters refer to, shaped as the real ones are.</summary>
    public static readonly IReadOnlyDictionary<string, string> PlaceholderSecrets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["openai-admin-key"] = "sk-admin-placeholder-not-a-key",
        ["anthropic-admin-key"] = "sk-ant-admin01-placeholder-not-a-key",
        ["teams-workflow-webhook-url"] = "https://prod-00.westeurope.logic.azure.com/workflows/0a1b2c3d/triggers/manual/paths/invoke?api-version=2016-06-01",
    };

    private readonly DirectoryInfo _appRoot = Directory.CreateTempSubdirectory("costops-app-root-");

    private WorkerEnvironment(IReadOnlyDictionary<string, string> settings) => Settings = settings;

    /// <summary>The worker's settings: environment variable name -> value.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>
    /// The worker environment of <paramref name="deployment"/>, with the test catalog <paramref name="catalogFixture"/>
    /// (a file under Fixtures/) in its package. <paramref name="change"/> may edit the app settings first.
    /// </summary>
    public static WorkerEnvironment Of(DeploymentSnapshot deployment, string catalogFixture, Action<Dictionary<string, string>>? change = null)
    {
        var appSettings = new Dictionary<string, string>(deployment.AppSettings(), StringComparer.OrdinalIgnoreCase);
        change?.Invoke(appSettings);
        var vaultUri = PlatformValues.Reference(deployment.Single("Microsoft.KeyVault/vaults")["id"]!.GetValue<string>())["vaultUri"]!.GetValue<string>();

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in appSettings)
        {
            settings[name] = DeploymentSnapshot.KeyVaultReferenceIn(value) is { } reference
                ? Resolve(name, reference, vaultUri)
                : value;
        }
        var environment = new WorkerEnvironment(settings);
        if (settings.TryGetValue("CostOps__Catalog__Path", out var catalogPath) && !Path.IsPathRooted(catalogPath))
        {
            // The worker's working directory is the app root, so a relative catalog path is a path inside the package.
            var inPackage = Path.Combine(environment._appRoot.FullName, catalogPath);
            Directory.CreateDirectory(Path.GetDirectoryName(inPackage)!);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", catalogFixture), inPackage);
            settings["CostOps__Catalog__Path"] = inPackage;
        }
        return environment;
    }

    public void Dispose() => _appRoot.Delete(recursive: true);

    private static string Resolve(string setting, KeyVaultReference reference, string vaultUri)
    {
        if (!string.Equals(reference.VaultUri, vaultUri, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{setting} refers to {reference.VaultUri}, not this deployment's vault {vaultUri}");
        }
        return PlaceholderSecrets.TryGetValue(reference.Secret, out var value)
            ? value
            : throw new InvalidOperationException($"{setting} refers to secret '{reference.Secret}': add a placeholder value for it to {nameof(WorkerEnvironment)}.{nameof(PlaceholderSecrets)}");
    }
}
