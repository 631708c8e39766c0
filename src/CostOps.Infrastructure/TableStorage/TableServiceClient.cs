using Azure;
using Azure.Core;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// The account-level client, shaped like Azure.Data.Tables' <c>TableServiceClient</c>: hands out
/// <see cref="TableClient"/>s that share one pipeline and creates or deletes tables.
/// </summary>
public class TableServiceClient
{
    private readonly TableHttp _http;

    /// <summary>For mocking.</summary>
    protected TableServiceClient() => _http = null!;

    /// <summary>
    /// A client from a storage connection string: <c>UseDevelopmentStorage=true</c> (Azurite on
    /// 127.0.0.1:10002), or <c>AccountName</c> + <c>AccountKey</c> with <c>TableEndpoint</c> or
    /// <c>DefaultEndpointsProtocol</c> + <c>EndpointSuffix</c>. Requests are signed with Shared Key Lite.
    /// </summary>
    /// <exception cref="ArgumentException">The string is malformed; the message names the setting (never the key).</exception>
    public TableServiceClient(string connectionString, TableClientOptions? options = null)
    {
        var parsed = TableConnectionString.Parse(connectionString);
        _http = TableHttp.Create(parsed.TableEndpoint, parsed.Credential, options);
    }

    /// <summary>A client that authenticates with Entra ID (scope <c>https://storage.azure.com/.default</c>); HTTPS only.</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null) =>
        _http = TableHttp.Create(endpoint, credential, options);

    /// <summary>A client that signs requests with Shared Key Lite.</summary>
    public TableServiceClient(Uri endpoint, TableSharedKeyCredential credential, TableClientOptions? options = null) =>
        _http = TableHttp.Create(endpoint, credential, options);

    /// <summary>The account's table endpoint.</summary>
    public virtual Uri Uri => _http.Endpoint;

    /// <summary>A client for one table (no request is sent).</summary>
    public virtual TableClient GetTableClient(string tableName) => new(_http, tableName);

    /// <summary>Creates the table unless it exists.</summary>
    public virtual Task<Response<TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Deletes the table; a table that does not exist is not an error.</summary>
    public virtual Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);
}
