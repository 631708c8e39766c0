using Azure;
using Azure.Core;

namespace CostOps.Infrastructure.TableStorage;

public partial class TableClient
{
    /// <summary>
    /// Submits an entity-group transaction (<c>$batch</c>): 1–100 actions on distinct entities of
    /// one partition, at most 4 MiB, applied atomically. Limits are checked before the request.
    /// When the service rejects an action nothing is written and a
    /// <see cref="TableTransactionFailedException"/> names the failing action's index.
    /// </summary>
    /// <returns>One embedded response per action, in order.</returns>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions.ToList();
        ValidateTransaction(actions);
        var (body, contentType) = TableBatchContent.Build(_http, Name, actions);
        if (body.Length > TableConstants.MaxBatchBytes)
        {
            throw TableArgument.Invalid(
                $"The transaction body is {body.Length} bytes; Table storage allows at most {TableConstants.MaxBatchBytes} (4 MiB) per transaction.",
                nameof(transactionActions));
        }

        using var message = _http.CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, contentType);
        message.Request.Content = RequestContent.Create(body);
        var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var partition = actions[0].Entity.PartitionKey;
        if (response.Status != 202)
        {
            throw TableServiceError.ToException(response, $"Transaction on table '{Name}' (PartitionKey '{partition}')");
        }

        var parts = TableBatchResponse.Parse(response);
        var failed = parts.FirstOrDefault(p => p.Status >= 400);
        if (failed is not null)
        {
            throw TransactionFailure(failed, actions, partition);
        }
        if (parts.Count != actions.Count)
        {
            throw new RequestFailedException(response.Status, $"Transaction on table '{Name}' returned {parts.Count} responses for {actions.Count} actions.", null, null);
        }
        return Response.FromValue<IReadOnlyList<Response>>(parts, response);
    }

    private static void ValidateTransaction(List<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw TableArgument.Invalid("A transaction needs at least one action.", "transactionActions");
        }
        if (actions.Count > TableConstants.MaxBatchOperations)
        {
            throw TableArgument.Invalid(
                $"The transaction has {actions.Count} actions; Table storage allows at most {TableConstants.MaxBatchOperations} per transaction.",
                "transactionActions");
        }
        var partition = actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < actions.Count; index++)
        {
            var action = actions[index];
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw TableArgument.Invalid(
                    $"Action {index} has PartitionKey '{action.Entity.PartitionKey}' but action 0 has '{partition}'; a transaction covers one partition.",
                    "transactionActions");
            }
            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw TableArgument.Invalid(
                    $"Action {index} repeats RowKey '{action.Entity.RowKey}'; an entity may appear only once per transaction.",
                    "transactionActions");
            }
            if (action.ActionType == TableTransactionActionType.Delete)
            {
                TableEntityValidator.ValidateKey(TableConstants.PartitionKey, action.Entity.PartitionKey);
                TableEntityValidator.ValidateKey(TableConstants.RowKey, action.Entity.RowKey);
            }
            else
            {
                TableEntityValidator.ValidateForWrite(action.Entity);
            }
        }
    }

    private TableTransactionFailedException TransactionFailure(TableBatchOperationResponse failed, List<TableTransactionAction> actions, string partition)
    {
        var (code, message) = TableServiceError.Parse(failed.Body);
        code ??= failed.TryGetHeaderValue("x-ms-error-code");
        var index = TableBatchResponse.IndexFromMessage(message) ?? failed.ContentId;
        if (index is { } i && message is not null && message.StartsWith($"{i}:", StringComparison.Ordinal))
        {
            message = message[($"{i}:".Length)..];
        }
        var which = index is { } at && at >= 0 && at < actions.Count
            ? $"action {at} ({actions[at].ActionType}, RowKey '{actions[at].Entity.RowKey}')"
            : "an unidentified action";
        var text = $"Transaction on table '{Name}' (PartitionKey '{partition}') failed at {which} with {failed.Status} {code}: {message ?? failed.ReasonPhrase}. Nothing in the transaction was written.";
        return new TableTransactionFailedException(failed.Status, text, code, index is { } valid && valid >= 0 && valid < actions.Count ? valid : null);
    }
}
