using CostOps.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace CostOps.Functions.Hosting;

/// <summary>
/// Relative file settings (<c>CostOps:Catalog:Path</c>, a file source's <c>Path</c>, <c>PriceBooks</c>, ...) are
/// relative to the app's folder, where the deployment puts them, not to whatever working directory the host
/// or Core Tools started the worker in.
/// </summary>
internal static class AppFolderSettings
{
    public const string Section = "CostOps";

    public static IConfigurationBuilder ResolveRelativePaths(this IConfigurationManager configuration, string appFolder)
    {
        var settings = configuration.GetSection(Section).AsEnumerable();
        return configuration.AddInMemoryCollection(RelativeSettingPaths.Absolute(settings, appFolder));
    }
}
