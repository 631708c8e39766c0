using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Telemetry;

/// <summary>
/// Validates <c>CostOps:Sources</c> and <c>CostOps:Telemetry</c> at start-up and reports EVERY problem, each with its
/// full configuration key (<c>CostOps:Sources:2:Endpoint is required for type 'prometheus'.</c>). Messages never
/// contain secret values: an <c>ApiKeySetting</c> is checked for presence, and its value is not echoed (it might be a
/// key pasted where a setting name belongs).
/// </summary>
internal sealed partial class TelemetrySourcesOptionsValidator : IValidateOptions<TelemetrySourcesOptions>
{
    private static readonly Dictionary<string, string[]> _fieldsByType = new(StringComparer.Ordinal)
    {
        [TelemetrySourceTypes.AzureMonitor] = ["Endpoint", "BatchEndpoint", "Region", "ResourceIds"],
        [TelemetrySourceTypes.AzureOpenAI] = ["Endpoint", "BatchEndpoint", "Region", "ResourceIds", "TokenMetrics"],
        [TelemetrySourceTypes.OpenAI] = ["Endpoint", "ApiKeySetting"],
        [TelemetrySourceTypes.Anthropic] = ["Endpoint", "ApiKeySetting"],
        [TelemetrySourceTypes.Prometheus] = ["Endpoint", "Authentication", "Method", "Step", "MaxPointsPerSeries", "MaxSamplesPerQuery", "MaxSeriesPerQuery"],
        [TelemetrySourceTypes.CostManagement] = ["Endpoint", "Scope", "CostColumn", "ResourceTypes"],
        [TelemetrySourceTypes.RetailPrices] = ["Endpoint", "CurrencyCode", "PriceCacheDuration"],
        [TelemetrySourceTypes.Arm] = ["Endpoint", "BatchEndpoint", "Region", "ResourceIds"],
        [TelemetrySourceTypes.Files] = ["Path", "Format", "Step"],
    };

    private readonly IConfiguration _configuration;

    public TelemetrySourcesOptionsValidator(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
    }

    public ValidateOptionsResult Validate(string? name, TelemetrySourcesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateShared("CostOps:Telemetry", options.Telemetry, failures);

        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var key = $"CostOps:Sources:{i}";
            var source = options.Sources[i];
            if (string.IsNullOrWhiteSpace(source.Name))
            {
                failures.Add($"{key}:Name is required.");
            }
            else if (names.TryGetValue(source.Name.Trim(), out var first))
            {
                failures.Add($"{key}:Name '{source.Name}' is already used by {first}; source names must be unique.");
            }
            else
            {
                names[source.Name.Trim()] = key;
            }
            ValidateSource(key, source, failures);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateShared(string key, TelemetryOptions telemetry, List<string> failures)
    {
        var retry = telemetry.Retry;
        if (retry.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{key}:Retry:MaxRetries must be between 0 and 10 (was {retry.MaxRetries}).");
        }
        if (retry.InitialDelay <= TimeSpan.Zero)
        {
            failures.Add($"{key}:Retry:InitialDelay must be positive.");
        }
        if (retry.MaxDelay < retry.InitialDelay)
        {
            failures.Add($"{key}:Retry:MaxDelay must not be shorter than InitialDelay.");
        }
    }

    private void ValidateSource(string key, TelemetrySourceOptions source, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(source.Type))
        {
            failures.Add($"{key}:Type is required ({string.Join(", ", TelemetrySourceTypes.All)}).");
            return;
        }
        var type = TelemetrySourceTypes.Canonical(source.Type);
        if (type is null)
        {
            failures.Add($"{key}:Type '{source.Type}' is not a known source type ({string.Join(", ", TelemetrySourceTypes.All)}).");
            return;
        }

        foreach (var field in SetFields(source).Where(f => !_fieldsByType[type].Contains(f)))
        {
            failures.Add($"{key}:{field} does not apply to type '{type}'.");
        }

        var managedIdentity = string.Equals(source.Authentication, "managedIdentity", StringComparison.OrdinalIgnoreCase);
        if (type == TelemetrySourceTypes.Prometheus && string.IsNullOrWhiteSpace(source.Endpoint))
        {
            failures.Add($"{key}:Endpoint is required for type '{type}'.");
        }
        else if (type != TelemetrySourceTypes.Files && !string.IsNullOrWhiteSpace(source.Endpoint))
        {
            // A plain Prometheus inside the network may be http; the managed-identity case is reported just below.
            ValidateUri($"{key}:Endpoint", source.Endpoint, plainHttpAllowed: type == TelemetrySourceTypes.Prometheus, failures);
            if (type == TelemetrySourceTypes.Prometheus && managedIdentity && source.Endpoint.StartsWith("http:", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{key}:Endpoint must use https with Authentication 'managedIdentity' (bearer tokens are never sent in clear).");
            }
        }
        if (!string.IsNullOrWhiteSpace(source.BatchEndpoint) && _fieldsByType[type].Contains("BatchEndpoint"))
        {
            ValidateUri($"{key}:BatchEndpoint", source.BatchEndpoint.Replace("{region}", "eastus", StringComparison.OrdinalIgnoreCase), plainHttpAllowed: false, failures);
        }
        if (!string.IsNullOrWhiteSpace(source.Region) && !RegionName().IsMatch(source.Region))
        {
            failures.Add($"{key}:Region '{source.Region}' is not an Azure region name (e.g. 'eastus').");
        }

        for (var i = 0; i < source.ResourceIds.Count; i++)
        {
            ValidateResourceId($"{key}:ResourceIds:{i}", source.ResourceIds[i], type, failures);
        }

        switch (type)
        {
            case TelemetrySourceTypes.AzureOpenAI:
                OneOf($"{key}:TokenMetrics", source.TokenMetrics, ["auto", "classic", "foundry"], failures);
                break;
            case TelemetrySourceTypes.OpenAI or TelemetrySourceTypes.Anthropic:
                ValidateApiKeySetting($"{key}:ApiKeySetting", source.ApiKeySetting, type, failures);
                break;
            case TelemetrySourceTypes.Prometheus:
                OneOf($"{key}:Authentication", source.Authentication, ["none", "managedIdentity"], failures);
                OneOf($"{key}:Method", source.Method, ["POST", "GET"], failures);
                ValidateStep($"{key}:Step", source.Step, failures);
                ValidateQueryLimits(key, source, failures);
                break;
            case TelemetrySourceTypes.CostManagement:
                if (string.IsNullOrWhiteSpace(source.Scope))
                {
                    failures.Add($"{key}:Scope is required for type '{type}' (e.g. /subscriptions/{{id}}).");
                }
                else if (!ArmIds.IsCostScope(source.Scope))
                {
                    failures.Add($"{key}:Scope '{source.Scope}' is not a Cost Management scope (/subscriptions/{{guid}}[/resourceGroups/{{group}}], /providers/Microsoft.Billing/billingAccounts/{{id}}, /providers/Microsoft.Management/managementGroups/{{id}}).");
                }
                OneOf($"{key}:CostColumn", source.CostColumn, ["Cost", "PreTaxCost"], failures);
                break;
            case TelemetrySourceTypes.RetailPrices:
                if (source.CurrencyCode is { } currency && !CurrencyCode().IsMatch(currency))
                {
                    failures.Add($"{key}:CurrencyCode '{currency}' is not a three-letter ISO currency code.");
                }
                if (source.PriceCacheDuration < TimeSpan.Zero)
                {
                    failures.Add($"{key}:PriceCacheDuration must not be negative.");
                }
                break;
            case TelemetrySourceTypes.Files:
                ValidateFiles(key, source, failures);
                break;
        }
    }

    private void ValidateApiKeySetting(string key, string? setting, string type, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            failures.Add($"{key} is required for type '{type}': the name of the setting that holds the admin key.");
        }
        else if (string.IsNullOrWhiteSpace(_configuration[setting]))
        {
            // The value of ApiKeySetting is not echoed: if someone pasted the key here, the log must not repeat it.
            failures.Add($"{key} names a setting that is missing or empty; it must be the NAME of a setting (e.g. an app setting with a Key Vault reference), never the key itself.");
        }
    }

    private static void ValidateFiles(string key, TelemetrySourceOptions source, List<string> failures)
    {
        var format = TelemetryFileFormats.Canonical(source.Format);
        if (string.IsNullOrWhiteSpace(source.Format))
        {
            failures.Add($"{key}:Format is required for type 'files' ({string.Join(", ", TelemetryFileFormats.All)}).");
        }
        else if (format is null)
        {
            failures.Add($"{key}:Format '{source.Format}' is not a known file format ({string.Join(", ", TelemetryFileFormats.All)}).");
        }
        if (string.IsNullOrWhiteSpace(source.Path))
        {
            failures.Add($"{key}:Path is required for type 'files'.");
        }
        else if (format == TelemetryFileFormats.PrometheusRange ? !Directory.Exists(source.Path) : !File.Exists(source.Path) && !Directory.Exists(source.Path))
        {
            failures.Add($"{key}:Path '{source.Path}' does not exist{(format == TelemetryFileFormats.PrometheusRange ? " as a folder (one file per metric)" : string.Empty)}.");
        }
        if (source.Step is not null)
        {
            ValidateStep($"{key}:Step", source.Step, failures);
        }
    }

    private static void ValidateQueryLimits(string key, TelemetrySourceOptions source, List<string> failures)
    {
        if (source.MaxPointsPerSeries is { } points)
        {
            // Windows are whole days, each with the sample at its next midnight.
            var step = source.Step ?? TimeSpan.FromMinutes(1);
            var perDay = step > TimeSpan.Zero ? (TimeSpan.FromDays(1).Ticks / step.Ticks) + 1 : 2;
            if (points < perDay)
            {
                failures.Add($"{key}:MaxPointsPerSeries ({points}) must cover one day at the step {step:c} ({perDay} points).");
            }
        }
        if (source.MaxSamplesPerQuery is <= 0)
        {
            failures.Add($"{key}:MaxSamplesPerQuery must be positive (was {source.MaxSamplesPerQuery}).");
        }
        if (source.MaxSeriesPerQuery is <= 0)
        {
            failures.Add($"{key}:MaxSeriesPerQuery must be positive (was {source.MaxSeriesPerQuery}).");
        }
    }

    private static void ValidateResourceId(string key, string? resourceId, string type, List<string> failures)
    {
        if (!ArmIds.IsResourceId(resourceId))
        {
            failures.Add($"{key} '{resourceId}' is not a valid ARM resource id ({ArmIds.ResourceIdShape}).");
            return;
        }
        var resourceType = ArmIds.TypeOf(resourceId!);
        string[]? allowed = type switch
        {
            TelemetrySourceTypes.AzureOpenAI => ["Microsoft.CognitiveServices/accounts"],
            TelemetrySourceTypes.Arm => ["Microsoft.Compute/virtualMachines", "Microsoft.Compute/virtualMachineScaleSets"],
            _ => null,
        };
        if (allowed is not null && !allowed.Contains(resourceType, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{key} is a '{resourceType}'; type '{type}' reads {string.Join(" or ", allowed)}.");
        }
    }

    private static void ValidateUri(string key, string value, bool plainHttpAllowed, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key} '{value}' is not an absolute http(s) URI.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !plainHttpAllowed)
        {
            failures.Add($"{key} '{value}' must use https.");
        }
    }

    private static void ValidateStep(string key, TimeSpan? step, List<string> failures)
    {
        if (step is not { } value)
        {
            return;
        }
        if (value < TimeSpan.FromSeconds(1) || value.Ticks % TimeSpan.TicksPerSecond != 0 || TimeSpan.FromDays(1).Ticks % value.Ticks != 0)
        {
            failures.Add($"{key} '{value}' must be whole seconds that divide a day (e.g. 00:00:30, 00:01:00, 00:05:00).");
        }
    }

    private static void OneOf(string key, string? value, string[] allowed, List<string> failures)
    {
        if (value is not null && !allowed.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{key} '{value}' must be one of {string.Join(", ", allowed)}.");
        }
    }

    private static IEnumerable<string> SetFields(TelemetrySourceOptions source)
    {
        (string Name, bool Set)[] fields =
        [
            ("Endpoint", !string.IsNullOrWhiteSpace(source.Endpoint)),
            ("BatchEndpoint", !string.IsNullOrWhiteSpace(source.BatchEndpoint)),
            ("Region", !string.IsNullOrWhiteSpace(source.Region)),
            ("ResourceIds", source.ResourceIds.Count > 0),
            ("Scope", !string.IsNullOrWhiteSpace(source.Scope)),
            ("CostColumn", source.CostColumn is not null),
            ("ResourceTypes", source.ResourceTypes is not null),
            ("ApiKeySetting", !string.IsNullOrWhiteSpace(source.ApiKeySetting)),
            ("Authentication", source.Authentication is not null),
            ("Method", source.Method is not null),
            ("Step", source.Step is not null),
            ("MaxPointsPerSeries", source.MaxPointsPerSeries is not null),
            ("MaxSamplesPerQuery", source.MaxSamplesPerQuery is not null),
            ("MaxSeriesPerQuery", source.MaxSeriesPerQuery is not null),
            ("TokenMetrics", source.TokenMetrics is not null),
            ("CurrencyCode", source.CurrencyCode is not null),
            ("PriceCacheDuration", source.PriceCacheDuration is not null),
            ("Path", !string.IsNullOrWhiteSpace(source.Path)),
            ("Format", !string.IsNullOrWhiteSpace(source.Format)),
        ];
        return fields.Where(f => f.Set).Select(f => f.Name);
    }

    [GeneratedRegex("^[A-Za-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    [GeneratedRegex("^[A-Za-z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyCode();
}
