using CostOps.Infrastructure.TableStorage;

namespace CostOps.Infrastructure.Tests.TableStorage;

public sealed class BatchResponseParsingTests
{
    private static TableBatchOperationResponse Outer(string boundary, string body) =>
        new(202, "Accepted", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = $"multipart/mixed; boundary={boundary}" }, body, null);

    [Fact]
    public void SuccessfulChangeset_YieldsOneResponsePerOperation_WithItsETag()
    {
        var body = string.Join("\r\n",
            "--batchresponse_1",
            "Content-Type: multipart/mixed; boundary=changesetresponse_2",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 204 No Content",
            "DataServiceVersion: 1.0;",
            "ETag: W/\"datetime'2025-01-02T03%3A04%3A05.1234567Z'\"",
            "",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 204 No Content",
            "ETag: W/\"datetime'2025-01-02T03%3A04%3A06.1234567Z'\"",
            "",
            "",
            "--changesetresponse_2--",
            "--batchresponse_1--",
            "");

        var parts = TableBatchResponse.Parse(Outer("batchresponse_1", body));

        Assert.Equal([204, 204], parts.Select(p => p.Status));
        Assert.Equal("W/\"datetime'2025-01-02T03%3A04%3A05.1234567Z'\"", parts[0].Headers.ETag.ToString());
    }

    [Fact]
    public void FailedChangeset_YieldsTheFailingStatus_AndTheIndexFromTheMessage()
    {
        var body = string.Join("\r\n",
            "--batchresponse_1",
            "Content-Type: multipart/mixed; boundary=changesetresponse_2",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 409 Conflict",
            "Content-Type: application/json;odata=minimalmetadata;charset=utf-8",
            "",
            """{"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"7:The specified entity already exists.\nRequestId:x\nTime:y"}}}""",
            "--changesetresponse_2--",
            "--batchresponse_1--",
            "");

        var failed = Assert.Single(TableBatchResponse.Parse(Outer("batchresponse_1", body)));
        var (code, message) = TableServiceError.Parse(failed.Body);

        Assert.Equal(409, failed.Status);
        Assert.Equal("EntityAlreadyExists", code);
        Assert.Equal(7, TableBatchResponse.IndexFromMessage(message));
    }
}
