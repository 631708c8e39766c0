namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// A checked storage connection string: <c>UseDevelopmentStorage=true</c> (Azurite's well-known
/// account on 127.0.0.1:10002) or <c>AccountName</c> + <c>AccountKey</c> with either
/// <c>TableEndpoint</c> or <c>DefaultEndpointsProtocol</c> + <c>EndpointSuffix</c>.
/// Errors name the missing or bad setting and never repeat the string, which holds the key.
/// </summary>
/// <remarks>
/// Azure.Data.Tables parses the string again to connect; this check comes first because the SDK
/// accepts <c>TableEndpoint=nope</c> or an unknown protocol and only fails on the first request, and
/// its message for a segment without '=' repeats that segment (which may be the key).
/// </remarks>
internal sealed record TableConnectionString(Uri TableEndpoint, string AccountName)
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    // Azurite's published, well-known development key (not a secret).
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static readonly Uri DevelopmentTableEndpoint = new("http://127.0.0.1:10002/" + DevelopmentAccountName);

    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = Split(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var useDevelopment))
        {
            if (!bool.TryParse(useDevelopment, out var enabled) || !enabled)
            {
                throw Error("'UseDevelopmentStorage' must be 'true' when present.");
            }
            var endpoint = DevelopmentTableEndpoint;
            if (settings.TryGetValue("DevelopmentStorageProxyUri", out var proxy))
            {
                var proxyUri = AbsoluteHttpUri(proxy, "DevelopmentStorageProxyUri");
                endpoint = new UriBuilder(proxyUri) { Port = 10002, Path = DevelopmentAccountName }.Uri;
            }
            return new TableConnectionString(endpoint, DevelopmentAccountName);
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw Error("'SharedAccessSignature' connection strings are not supported; use 'AccountName' and 'AccountKey', or Entra ID with a TokenCredential.");
        }
        var accountName = Required(settings, "AccountName");
        if (!IsBase64(Required(settings, "AccountKey")))
        {
            // The message must not echo the key, even a malformed one.
            throw Error("'AccountKey' is not valid base64.");
        }

        Uri tableEndpoint;
        if (settings.TryGetValue("TableEndpoint", out var explicitEndpoint))
        {
            tableEndpoint = AbsoluteHttpUri(explicitEndpoint, "TableEndpoint");
        }
        else
        {
            var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
            if (protocol is not ("http" or "https"))
            {
                throw Error("'DefaultEndpointsProtocol' must be 'http' or 'https'.");
            }
            var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            if (!Uri.TryCreate($"{protocol}://{accountName}.table.{suffix}", UriKind.Absolute, out var built))
            {
                throw Error("'AccountName' and 'EndpointSuffix' do not form a valid table endpoint.");
            }
            tableEndpoint = built;
        }
        return new TableConnectionString(tableEndpoint, accountName);
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0;
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            index++;
            var separator = segment.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw Error($"Segment {index} is not of the form 'Name=Value'.");
            }
            // Split at the first '=' only: base64 keys end with '=' padding.
            settings[segment[..separator].Trim()] = segment[(separator + 1)..].Trim();
        }
        return settings;
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw Error($"'{name}' is missing; a storage connection string needs 'AccountName' and 'AccountKey' (or 'UseDevelopmentStorage=true').");

    private static Uri AbsoluteHttpUri(string value, string name) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw Error($"'{name}' must be an absolute http or https URI.");

    private static ArgumentException Error(string problem) =>
        TableArgument.Invalid($"The storage connection string is invalid: {problem}", "connectionString");
}
