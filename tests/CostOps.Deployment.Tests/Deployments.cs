using System.Text.Json.Nodes;
using CostOps.Deployment.Tests.Bicep;

namespace CostOps.Deployment.Tests;

/// <summary>The deployments the tests look at, each snapshotted once per test run (a snapshot takes the compiler a few seconds).</summary>
internal static class Deployments
{
    /// <summary>The principal id azd passes as AZURE_PRINCIPAL_ID (the signed-in user) in these tests.</summary>
    public const string AzdPrincipalId = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

    public const string VariantTablePrefix = "staging";
    public const string ManagementGroupScope = "/providers/Microsoft.Management/managementGroups/mg-llm";
    public const string WholeSubscription = "/subscriptions/00000000-0000-0000-0000-000000000000";

    private static readonly Lazy<DeploymentSnapshot> s_scriptExample = new(() => DeploymentSnapshot.Of(ScriptExampleParameters()));
    private static readonly Lazy<DeploymentSnapshot> s_azd = new(() => DeploymentSnapshot.Of(AzdParameters()));
    private static readonly Lazy<DeploymentSnapshot> s_defaults = new(() => DeploymentSnapshot.Of([]));
    private static readonly Lazy<DeploymentSnapshot> s_variant = new(() => DeploymentSnapshot.Of(VariantParameters()));

    /// <summary>infra/parameters.example.json as shipped.</summary>
    public static DeploymentSnapshot ScriptExample => s_scriptExample.Value;

    /// <summary>bicep/main.parameters.json as azd reads it.</summary>
    public static DeploymentSnapshot Azd => s_azd.Value;

    /// <summary>No parameters at all: every default.</summary>
    public static DeploymentSnapshot Defaults => s_defaults.Value;

    /// <summary>
    /// The script example with the options a reader may turn: the nightly fan-out (its queue and queue access), a table prefix, and role scopes
    /// the template must refuse (a whole subscription for Virtual Machine Contributor, a management group).
    /// </summary>
    public static DeploymentSnapshot Variant => s_variant.Value;

    /// <summary>A deployment by name, for theories.</summary>
    public static DeploymentSnapshot Named(string name) => name switch
    {
        nameof(ScriptExample) => ScriptExample,
        nameof(Azd) => Azd,
        nameof(Defaults) => Defaults,
        nameof(Variant) => Variant,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static TheoryData<string> All() => [nameof(ScriptExample), nameof(Azd), nameof(Defaults), nameof(Variant)];

    public static JsonObject ScriptExampleParameters() => ParameterFiles.Load(ParameterFiles.ScriptExample);

    public static JsonObject AzdParameters() => ParameterFiles.Load(ParameterFiles.Azd, new Dictionary<string, string> { ["AZURE_PRINCIPAL_ID"] = AzdPrincipalId });

    private static JsonObject VariantParameters()
    {
        var parameters = ScriptExampleParameters();
        parameters["nightlyMode"] = "FanOut";
        parameters["tablePrefix"] = VariantTablePrefix;
        parameters["gpuResourceGroupIds"]!.AsArray().Add(WholeSubscription);
        parameters["monitoringReaderScopes"]!.AsArray().Add(ManagementGroupScope);
        return parameters;
    }
}
