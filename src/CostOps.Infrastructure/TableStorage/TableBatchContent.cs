using System.Text;
using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// Writes the multipart/mixed body of an entity-group transaction: one batch part holding one
/// changeset, each operation an embedded HTTP request (CRLF line endings throughout).
/// </summary>
internal static class TableBatchContent
{
    public static (byte[] Body, string ContentType) Build(TableHttp http, string tableName, IReadOnlyList<TableTransactionAction> actions)
    {
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("D");
        using var body = new MemoryStream();
        Write(body, $"--{batchBoundary}\r\nContent-Type: multipart/mixed; boundary={changesetBoundary}\r\n\r\n");
        for (var index = 0; index < actions.Count; index++)
        {
            WriteOperation(body, http, tableName, changesetBoundary, index, actions[index]);
        }
        Write(body, $"--{changesetBoundary}--\r\n--{batchBoundary}--\r\n");
        return (body.ToArray(), $"multipart/mixed; boundary={batchBoundary}");
    }

    private static void WriteOperation(MemoryStream body, TableHttp http, string tableName, string boundary, int index, TableTransactionAction action)
    {
        var entity = action.Entity;
        var entityUrl = http.Url(TableNames.EntityPath(tableName, entity.PartitionKey, entity.RowKey));
        var (method, url, ifMatch, hasBody) = action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", http.Url(tableName), (string?)null, true),
            TableTransactionActionType.UpsertReplace => ("PUT", entityUrl, null, true),
            TableTransactionActionType.UpsertMerge => ("MERGE", entityUrl, null, true),
            TableTransactionActionType.UpdateReplace => ("PUT", entityUrl, IfMatch(action.ETag), true),
            TableTransactionActionType.UpdateMerge => ("MERGE", entityUrl, IfMatch(action.ETag), true),
            TableTransactionActionType.Delete => ("DELETE", entityUrl, IfMatch(action.ETag), false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown transaction action type."),
        };

        var part = new StringBuilder(256);
        part.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Type: application/http\r\n")
            .Append("Content-Transfer-Encoding: binary\r\n")
            .Append("Content-ID: ").Append(index).Append("\r\n\r\n")
            .Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n")
            .Append("Accept: ").Append(TableConstants.AcceptMinimalMetadata).Append("\r\n")
            .Append("DataServiceVersion: 3.0\r\n");
        if (ifMatch is not null)
        {
            part.Append("If-Match: ").Append(ifMatch).Append("\r\n");
        }
        if (hasBody)
        {
            part.Append("Content-Type: ").Append(TableConstants.JsonContentType).Append("\r\n");
            if (action.ActionType == TableTransactionActionType.Add)
            {
                part.Append("Prefer: ").Append(TableConstants.ReturnNoContent).Append("\r\n");
            }
        }
        part.Append("\r\n");
        Write(body, part.ToString());
        if (hasBody)
        {
            body.Write(TableEntityJson.Serialize(entity));
        }
        Write(body, "\r\n");
    }

    private static string IfMatch(ETag etag) => etag == default ? "*" : etag.ToString();

    private static void Write(MemoryStream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
