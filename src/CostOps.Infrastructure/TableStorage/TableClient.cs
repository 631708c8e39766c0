using Azure;
using Azure.Core;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// A client for one table, shaped like Azure.Data.Tables' <c>TableClient</c> (which cannot be
/// restored here) on top of Azure.Core's <c>HttpPipeline</c>. Entities are validated before any
/// request; service errors surface as <see cref="RequestFailedException"/> carrying the status,
/// the service error code and message (never credentials), 412 as <see cref="TableConcurrencyException"/>.
/// </summary>
public partial class TableClient
{
    private readonly TableHttp _http;

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
        _http = null!;
        Name = string.Empty;
    }

    /// <summary>A client from a storage connection string (see <see cref="TableServiceClient(string, TableClientOptions?)"/>).</summary>
    public TableClient(string connectionString, string tableName, TableClientOptions? options = null)
        : this(CreateHttp(connectionString, options), tableName)
    {
    }

    /// <summary>A client that authenticates with Entra ID (scope <c>https://storage.azure.com/.default</c>); HTTPS only.</summary>
    public TableClient(Uri endpoint, string tableName, TokenCredential credential, TableClientOptions? options = null)
        : this(TableHttp.Create(endpoint, credential, options), tableName)
    {
    }

    /// <summary>A client that signs requests with Shared Key Lite.</summary>
    public TableClient(Uri endpoint, string tableName, TableSharedKeyCredential credential, TableClientOptions? options = null)
        : this(TableHttp.Create(endpoint, credential, options), tableName)
    {
    }

    internal TableClient(TableHttp http, string tableName)
    {
        TableNames.Validate(tableName);
        _http = http;
        Name = tableName;
    }

    /// <summary>The table name.</summary>
    public virtual string Name { get; }

    /// <summary>The table's URI.</summary>
    public virtual Uri Uri => new(_http.Url(Name));

    /// <summary>Creates the table unless it exists; the raw response is 201 (created) or 409 (already there).</summary>
    public virtual async Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _http.CreateMessage(RequestMethod.Post, "Tables", TableConstants.AcceptNoMetadata);
        message.Request.Headers.SetValue("Prefer", TableConstants.ReturnNoContent);
        TableHttp.SetJsonContent(message, System.Text.Encoding.UTF8.GetBytes($"{{\"TableName\":\"{Name}\"}}"));
        var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 201 or 204 or 409)
        {
            return Response.FromValue(new TableItem(Name), response);
        }
        throw TableServiceError.ToException(response, $"Creating table '{Name}'");
    }

    /// <summary>Deletes the table; a table that does not exist is not an error.</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _http.CreateMessage(RequestMethod.Delete, $"Tables('{Name}')", TableConstants.AcceptNoMetadata);
        var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 204 or 404 ? response : throw TableServiceError.ToException(response, $"Deleting table '{Name}'");
    }

    private static TableHttp CreateHttp(string connectionString, TableClientOptions? options)
    {
        var parsed = TableConnectionString.Parse(connectionString);
        return TableHttp.Create(parsed.TableEndpoint, parsed.Credential, options);
    }
}
