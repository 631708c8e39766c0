using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>Checks <c>CostOps:Storage</c> at start-up; every message names its configuration key.</summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,20}$")]
    private static partial Regex TablePrefix();

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var hasConnection = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasEndpoint = !string.IsNullOrWhiteSpace(options.TableEndpoint);
        if (!hasConnection && !hasEndpoint)
        {
            errors.Add($"{StorageOptions.Section}:ConnectionString or {StorageOptions.Section}:TableEndpoint is required");
        }
        if (hasConnection && hasEndpoint)
        {
            errors.Add($"{StorageOptions.Section}:ConnectionString and {StorageOptions.Section}:TableEndpoint are both set; set one");
        }
        if (hasConnection)
        {
            try
            {
                _ = TableConnectionString.Parse(options.ConnectionString!);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                // The parser's message never repeats the account key.
                errors.Add($"{StorageOptions.Section}:ConnectionString is not usable: {ex.Message}");
            }
        }
        if (hasEndpoint)
        {
            if (!Uri.TryCreate(options.TableEndpoint, UriKind.Absolute, out var endpoint)
                || !(endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback)))
            {
                errors.Add($"{StorageOptions.Section}:TableEndpoint must be an absolute https URL (was '{options.TableEndpoint}')");
            }
        }
        if (!string.IsNullOrEmpty(options.TablePrefix) && !TablePrefix().IsMatch(options.TablePrefix))
        {
            errors.Add($"{StorageOptions.Section}:TablePrefix must be up to 21 letters or digits, starting with a letter (was '{options.TablePrefix}')");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
