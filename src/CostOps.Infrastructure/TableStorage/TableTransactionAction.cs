using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>One operation of an entity-group transaction (see <see cref="TableClient.SubmitTransactionAsync"/>).</summary>
public sealed class TableTransactionAction
{
    /// <summary>Creates an action.</summary>
    /// <param name="actionType">What to do with the entity.</param>
    /// <param name="entity">The entity (for deletes only its keys matter).</param>
    /// <param name="etag">For updates and deletes: the ETag the entity must still have; default means any (<c>*</c>).</param>
    public TableTransactionAction(TableTransactionActionType actionType, TableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!Enum.IsDefined(actionType))
        {
            throw new ArgumentOutOfRangeException(nameof(actionType), actionType, "Unknown transaction action type.");
        }
        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    /// <summary>What to do with the entity.</summary>
    public TableTransactionActionType ActionType { get; }

    /// <summary>The entity the action applies to.</summary>
    public TableEntity Entity { get; }

    /// <summary>The ETag an update or delete requires; default means any.</summary>
    public ETag ETag { get; }
}
