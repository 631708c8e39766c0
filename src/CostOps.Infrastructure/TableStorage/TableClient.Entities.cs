using Azure;
using Azure.Core;

namespace CostOps.Infrastructure.TableStorage;

public partial class TableClient
{
    private static readonly RequestMethod Merge = new("MERGE");

    /// <summary>Inserts an entity; fails with 409 <c>EntityAlreadyExists</c> if its keys are taken.</summary>
    public virtual async Task<Response> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.ValidateForWrite(entity);
        using var message = _http.CreateMessage(RequestMethod.Post, Name);
        message.Request.Headers.SetValue("Prefer", TableConstants.ReturnNoContent);
        TableHttp.SetJsonContent(message, TableEntityJson.Serialize(entity));
        var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 201 or 204 ? response : throw Failure(response, "Adding", entity.PartitionKey, entity.RowKey);
    }

    /// <summary>
    /// Insert-or-replace (<see cref="TableUpdateMode.Replace"/>, PUT) or insert-or-merge
    /// (<see cref="TableUpdateMode.Merge"/>, MERGE), without an ETag condition: writing the same
    /// keys again is idempotent.
    /// </summary>
    public virtual async Task<Response> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.ValidateForWrite(entity);
        using var message = CreateEntityWrite(entity, mode, ifMatch: null);
        var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 204 ? response : throw Failure(response, "Upserting", entity.PartitionKey, entity.RowKey);
    }

    /// <summary>
    /// Replaces or merges an existing entity if its ETag still matches <paramref name="ifMatch"/>
    /// (<see cref="ETag.All"/> for any version). A mismatch throws <see cref="TableConcurrencyException"/>;
    /// a missing entity throws <see cref="RequestFailedException"/> with status 404.
    /// </summary>
    public virtual async Task<Response> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("An update needs an ETag to match; pass ETag.All to update any version.", nameof(ifMatch));
        }
        TableEntityValidator.ValidateForWrite(entity);
        using var message = CreateEntityWrite(entity, mode, ifMatch);
        var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 204 ? response : throw Failure(response, "Updating", entity.PartitionKey, entity.RowKey);
    }

    /// <summary>Reads one entity; a missing entity throws <see cref="RequestFailedException"/> with status 404.</summary>
    public virtual async Task<Response<TableEntity>> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var result = await GetEntityIfExistsAsync(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return result.HasValue
            ? Response.FromValue(result.Value!, result.GetRawResponse())
            : throw Failure(result.GetRawResponse(), "Reading", partitionKey, rowKey);
    }

    /// <summary>Reads one entity, or returns a response without a value when it does not exist.</summary>
    public virtual async Task<NullableResponse<TableEntity>> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.ValidateKey(TableConstants.PartitionKey, partitionKey);
        TableEntityValidator.ValidateKey(TableConstants.RowKey, rowKey);
        using var message = _http.CreateMessage(RequestMethod.Get, TableNames.EntityPath(Name, partitionKey, rowKey));
        AppendSelect(message, select);
        var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        switch (response.Status)
        {
            case 200:
                using (var document = System.Text.Json.JsonDocument.Parse(response.Content))
                {
                    return new TableNullableResponse<TableEntity>(TableEntityJson.Read(document.RootElement, response.Headers.ETag), response);
                }
            case 404 when !IsTableNotFound(response):
                return new TableNullableResponse<TableEntity>(null, response);
            default:
                throw Failure(response, "Reading", partitionKey, rowKey);
        }
    }

    /// <summary>
    /// Deletes an entity if its ETag matches <paramref name="ifMatch"/> (any version by default).
    /// Deleting an entity that does not exist is not an error; a mismatch throws <see cref="TableConcurrencyException"/>.
    /// </summary>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.ValidateKey(TableConstants.PartitionKey, partitionKey);
        TableEntityValidator.ValidateKey(TableConstants.RowKey, rowKey);
        using var message = _http.CreateMessage(RequestMethod.Delete, TableNames.EntityPath(Name, partitionKey, rowKey), TableConstants.AcceptNoMetadata);
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch == default ? "*" : ifMatch.ToString());
        var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 204 || (response.Status == 404 && !IsTableNotFound(response))
            ? response
            : throw Failure(response, "Deleting", partitionKey, rowKey);
    }

    // A missing entity is an answer; a missing table is a mistake the caller must hear about.
    private static bool IsTableNotFound(Response response) =>
        TableServiceError.Read(response).Code == "TableNotFound";

    private HttpMessage CreateEntityWrite(TableEntity entity, TableUpdateMode mode, ETag? ifMatch)
    {
        var method = mode switch
        {
            TableUpdateMode.Replace => RequestMethod.Put,
            TableUpdateMode.Merge => Merge,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
        };
        var message = _http.CreateMessage(method, TableNames.EntityPath(Name, entity.PartitionKey, entity.RowKey), TableConstants.AcceptNoMetadata);
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, etag.ToString());
        }
        TableHttp.SetJsonContent(message, TableEntityJson.Serialize(entity));
        return message;
    }

    private static void AppendSelect(HttpMessage message, IEnumerable<string>? select)
    {
        if (select is not null)
        {
            var columns = string.Join(',', select);
            if (columns.Length > 0)
            {
                message.Request.Uri.AppendQuery("$select", columns, escapeValue: true);
            }
        }
    }

    private RequestFailedException Failure(Response response, string verb, string partitionKey, string rowKey) =>
        TableServiceError.ToException(response, $"{verb} entity (PartitionKey '{partitionKey}', RowKey '{rowKey}') in table '{Name}'");
}
