namespace CostOps.Application.Ports;

/// <summary>
/// Turns a workload's <c>tagSelector</c> into the ARM ids of the GPU VMs and scale sets that carry every tag, so the
/// autopilot can act on fleets that teams tag rather than list. The ids it returns are treated exactly like listed
/// ones: each is read through <see cref="IFleetController"/>, and the opt-in and exclusion tags decide whether it may
/// be touched.
/// </summary>
public interface IFleetResolver
{
    /// <summary>What answers the selector, in words for a decision's reason (e.g. "Resource Graph").</summary>
    string SourceName { get; }

    /// <summary>
    /// The subscriptions a selector is searched in: <paramref name="listed"/> (the catalog's <c>selfHosted.subscriptions</c>)
    /// when there are any, else the resolver's own settings. Empty when neither names one: the selector cannot be resolved.
    /// </summary>
    IReadOnlyList<string> SubscriptionsFor(IReadOnlyList<string> listed);

    /// <summary>Every VM and scale set in <paramref name="subscriptions"/> carrying all the tags of <paramref name="tagSelector"/>.</summary>
    /// <returns>ARM ids, each once. Only a complete answer is returned: a partial one (a page missing, a truncated result) throws.</returns>
    /// <exception cref="ArgumentException">A tag name or value cannot be put into a query (control characters).</exception>
    /// <exception cref="Telemetry.TelemetrySourceException">The source could not be reached, refused, or answered something unreadable; the message names it.</exception>
    Task<IReadOnlyList<string>> ResolveAsync(
        IReadOnlyDictionary<string, string> tagSelector, IReadOnlyList<string> subscriptions, CancellationToken cancellationToken = default);
}
