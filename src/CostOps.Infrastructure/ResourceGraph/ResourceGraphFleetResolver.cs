using CostOps.Application.Ports;

namespace CostOps.Infrastructure.ResourceGraph;

/// <summary>
/// <see cref="IFleetResolver"/> over Azure Resource Graph. Resource Graph indexes what the identity can read, so a
/// subscription it cannot read answers no rows rather than an error: the docs say which role the identity needs.
/// </summary>
public sealed class ResourceGraphFleetResolver(ResourceGraphClient client, IReadOnlyList<string> defaultSubscriptions) : IFleetResolver
{
    public string SourceName => "Resource Graph";

    public IReadOnlyList<string> SubscriptionsFor(IReadOnlyList<string> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        return listed.Count > 0 ? listed : defaultSubscriptions;
    }

    public async Task<IReadOnlyList<string>> ResolveAsync(
        IReadOnlyDictionary<string, string> tagSelector, IReadOnlyList<string> subscriptions, CancellationToken cancellationToken = default)
    {
        var rows = await client.FindTaggedComputeAsync(tagSelector, subscriptions, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.Id).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
