using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace CostOps.Deployment.Tests.Binding;

/// <summary>
/// App settings as the worker's configuration sees them (the environment-variable provider turns <c>__</c>
/// into <c>:</c>), remembering every key that something read. Options binding reads each key it binds, so a
/// setting nobody read is a setting nothing binds (a misspelt name, a field the options do not have).
/// </summary>
internal sealed class RecordingConfigurationSource(IReadOnlyDictionary<string, string> appSettings) : IConfigurationSource
{
    public RecordingConfigurationProvider Provider { get; } = new(appSettings);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
}

/// <inheritdoc cref="RecordingConfigurationSource"/>
internal sealed class RecordingConfigurationProvider : ConfigurationProvider
{
    private readonly ConcurrentDictionary<string, bool> _read = new(StringComparer.OrdinalIgnoreCase);

    public RecordingConfigurationProvider(IReadOnlyDictionary<string, string> appSettings)
    {
        foreach (var (name, value) in appSettings)
        {
            Data[ConfigurationKey(name)] = value;
        }
    }

    /// <summary>The configuration key of an app setting name, as the environment-variable provider maps it.</summary>
    public static string ConfigurationKey(string appSettingName) => appSettingName.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    /// <summary>Whether anything read the setting <paramref name="appSettingName"/>.</summary>
    public bool WasRead(string appSettingName) => _read.ContainsKey(ConfigurationKey(appSettingName));

    public override bool TryGet(string key, out string? value)
    {
        var found = base.TryGet(key, out value);
        if (found)
        {
            _read[key] = true;
        }
        return found;
    }
}
