namespace CostOps.Infrastructure.TableStorage;

/// <summary>A table of the account.</summary>
/// <param name="Name">The table name.</param>
public sealed record TableItem(string Name);
