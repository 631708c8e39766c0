using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>One embedded response of a <c>$batch</c>, exposed as an Azure.Core <see cref="Response"/>.</summary>
internal sealed class TableBatchOperationResponse : Response
{
    private readonly Dictionary<string, string> _headers;

    public TableBatchOperationResponse(int status, string reasonPhrase, Dictionary<string, string> headers, string body, int? contentId)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        _headers = headers;
        Body = body;
        ContentId = contentId;
        ContentStream = new MemoryStream(Encoding.UTF8.GetBytes(body), writable: false);
    }

    public override int Status { get; }

    public override string ReasonPhrase { get; }

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = string.Empty;

    public string Body { get; }

    public int? ContentId { get; }

    public string? TryGetHeaderValue(string name) => _headers.GetValueOrDefault(name);

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = _headers.TryGetValue(name, out var value) ? [value] : null;
        return values is not null;
    }
}
