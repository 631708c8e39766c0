namespace CostOps.Infrastructure.TableStorage;

/// <summary>The kind of one operation inside an entity-group transaction.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; the transaction fails if the entity exists.</summary>
    Add = 0,

    /// <summary>Merge into an existing entity, guarded by the action's ETag (<c>*</c> when none).</summary>
    UpdateMerge = 1,

    /// <summary>Replace an existing entity, guarded by the action's ETag (<c>*</c> when none).</summary>
    UpdateReplace = 2,

    /// <summary>Delete an entity, guarded by the action's ETag (<c>*</c> when none).</summary>
    Delete = 3,

    /// <summary>Insert or merge.</summary>
    UpsertMerge = 4,

    /// <summary>Insert or replace.</summary>
    UpsertReplace = 5,
}
