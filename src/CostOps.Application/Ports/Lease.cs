namespace CostOps.Application.Ports;

/// <summary>A lease held by <see cref="Owner"/> until <see cref="ExpiresAt"/> (see <see cref="ILeaseStore"/>).</summary>
/// <param name="Name">What the lease guards, e.g. "autopilot".</param>
/// <param name="Owner">Who holds it (an instance or run id).</param>
/// <param name="ExpiresAt">When others may take it over unless it is renewed.</param>
/// <param name="Version">The store's opaque version of the lease; renew and release succeed only while it is current.</param>
public sealed record Lease(string Name, string Owner, DateTimeOffset ExpiresAt, string Version);
