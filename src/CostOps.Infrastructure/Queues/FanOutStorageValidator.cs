using CostOps.Application.Nightly;
using CostOps.Infrastructure.TableStorage.Stores;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Queues;

/// <summary>Checks at start-up that a fanned-out nightly can reach its queue: with the managed identity, <c>CostOps:Storage:QueueEndpoint</c> is set.</summary>
public sealed class FanOutStorageValidator(IOptions<StorageOptions> storage) : IValidateOptions<NightlyOptions>
{
    public ValidateOptionsResult Validate(string? name, NightlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = storage.Value;
        if (!string.IsNullOrWhiteSpace(store.QueueEndpoint)
            && !(Uri.TryCreate(store.QueueEndpoint, UriKind.Absolute, out var endpoint)
                && (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback))))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.Section}:QueueEndpoint must be an absolute https URL (was '{store.QueueEndpoint}')");
        }
        if (options.IsFanOut && string.IsNullOrWhiteSpace(store.ConnectionString) && string.IsNullOrWhiteSpace(store.QueueEndpoint))
        {
            return ValidateOptionsResult.Fail(
                $"{StorageOptions.Section}:QueueEndpoint is required when {NightlyOptions.Section}:Mode is {NightlyOptions.FanOut} and storage is reached with {StorageOptions.Section}:TableEndpoint");
        }
        return ValidateOptionsResult.Success;
    }
}
