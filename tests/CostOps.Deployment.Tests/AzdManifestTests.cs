using CostOps.Deployment.Tests.Bicep;
using CostOps.TestSupport;
using YamlDotNet.RepresentationModel;

namespace CostOps.Deployment.Tests;

/// <summary>azure.yaml: what <c>azd up</c> provisions and deploys.</summary>
public sealed class AzdManifestTests
{
    private static YamlMappingNode Manifest()
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(RepositoryRoot.Combine("azure.yaml")));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static string Scalar(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)])).Value!;

    [Fact]
    public void TheInfrastructure_IsTheBicepFolder_WithItsMainTemplateAndAzdParameters()
    {
        var manifest = Manifest();

        Assert.Equal("bicep", Scalar(manifest, "infra", "provider"));
        var path = Scalar(manifest, "infra", "path");
        var module = Scalar(manifest, "infra", "module");
        Assert.True(File.Exists(RepositoryRoot.Combine(path, module + ".bicep")), $"azure.yaml infra {path}/{module}.bicep does not exist");
        // azd reads <module>.parameters.json beside the template, with ${VARIABLE} substitution.
        Assert.True(File.Exists(RepositoryRoot.Combine(path, module + ".parameters.json")));
        Assert.Equal(RepositoryRoot.Combine(ParameterFiles.Azd), RepositoryRoot.Combine(path, module + ".parameters.json"));
    }

    [Fact]
    public void TheOneService_IsTheFunctionsProject_DeployedToTheAppTaggedWithItsName()
    {
        var services = (YamlMappingNode)Manifest().Children[new YamlScalarNode("services")];
        var (name, service) = Assert.Single(services.Children);

        Assert.Equal("dotnet", Scalar(service, "language"));
        Assert.Equal("function", Scalar(service, "host"));
        // azd finds the app to deploy to by this tag.
        var site = Deployments.Azd.Single("Microsoft.Web/sites");
        Assert.Equal(((YamlScalarNode)name).Value, (string?)site["tags"]!["azd-service-name"]);

        var project = Scalar(service, "project");
        Assert.Equal("./functions", project);
        // The isolated-worker project lands in functions/ in another change; once it is there, azd must find exactly it.
        var projects = Directory.Exists(RepositoryRoot.Combine(project)) ? Directory.GetFiles(RepositoryRoot.Combine(project), "*.csproj") : [];
        Assert.True(projects.Length <= 1, "azd needs exactly one project in " + project);
    }
}
