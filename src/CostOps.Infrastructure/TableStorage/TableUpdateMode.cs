namespace CostOps.Infrastructure.TableStorage;

/// <summary>How a write treats the properties of an entity that already exists.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep existing properties that the new entity does not mention (HTTP MERGE).</summary>
    Merge = 0,

    /// <summary>Replace the whole entity: properties it does not mention are removed (HTTP PUT).</summary>
    Replace = 1,
}
