using System.Reflection;
using System.Text.RegularExpressions;
using CostOps.Application.Digest;
using CostOps.Handler.Hosting;
using CostOps.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostOps.Handler.Tests.Deployment;

/// <summary>
/// The settings CostOps cannot start without, discovered from the code rather than listed by hand:
/// every registration extension of the shape <c>Add*(IServiceCollection, IConfiguration)</c> (the
/// composition root's convention) is run against an EMPTY configuration, then the start-up
/// validation the host would run (<see cref="IStartupValidator"/>, fed by <c>ValidateOnStart</c>)
/// reports what is missing. Every validator names its configuration key, so each failure message
/// becomes one requirement: at least one of the keys it names must be set ("ConnectionString or
/// TableEndpoint" gives two alternatives). A new options class with a validator is picked up as soon
/// as its registration method follows the convention.
/// </summary>
internal static partial class RequiredSettings
{
    private static readonly Assembly[] s_compositionAssemblies =
    [
        typeof(CostOpsServiceCollectionExtensions).Assembly,
        typeof(DigestOptions).Assembly,
        typeof(HandlerPort).Assembly,
    ];

    /// <summary>The registration methods the discovery runs.</summary>
    public static IReadOnlyList<MethodInfo> RegistrationMethods() =>
    [
        .. s_compositionAssemblies
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type is { IsAbstract: true, IsSealed: true })
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(IsRegistration)
            .OrderBy(method => method.DeclaringType!.FullName + "." + method.Name, StringComparer.Ordinal),
    ];

    /// <summary>What an empty configuration fails on at start-up, one entry per validation failure.</summary>
    public static IReadOnlyList<SettingRequirement> Discover()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        foreach (var method in RegistrationMethods())
        {
            method.Invoke(null, [services, configuration]);
        }
        using var provider = services.BuildServiceProvider();
        IEnumerable<string> failures;
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            failures = [];
        }
        catch (OptionsValidationException exception)
        {
            failures = exception.Failures;
        }
        catch (AggregateException exception)
        {
            failures = exception.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures);
        }
        return [.. failures.Select(failure => new SettingRequirement(failure, [.. ConfigurationKey().Matches(failure).Select(m => m.Value).Distinct()]))];
    }

    /// <summary>A configuration key (<c>CostOps:Storage:TableEndpoint</c>) as an app setting name (<c>CostOps__Storage__TableEndpoint</c>).</summary>
    public static string AppSettingName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static bool IsRegistration(MethodInfo method) =>
        method.ReturnType == typeof(IServiceCollection)
        && method.GetParameters() is [var services, var configuration]
        && services.ParameterType == typeof(IServiceCollection)
        && configuration.ParameterType == typeof(IConfiguration);

    [GeneratedRegex(@"\bCostOps(?::[A-Za-z0-9]+)+")]
    private static partial Regex ConfigurationKey();
}

/// <summary>One start-up validation failure and the configuration keys it names (any one satisfies it).</summary>
internal sealed record SettingRequirement(string Message, IReadOnlyList<string> Keys);
