using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// Signs each attempt with Shared Key Lite for the Table service:
/// <c>StringToSign = x-ms-date + "\n" + CanonicalizedResource</c>, where the resource is
/// <c>/account</c> + the escaped path as sent (so path-style Azurite URLs repeat the account name)
/// plus <c>?comp=</c> when present. Installed per retry so every retry carries a fresh date.
/// </summary>
internal sealed class TableSharedKeyLitePolicy(TableSharedKeyCredential credential, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var date = timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var resource = CanonicalizedResource(credential.AccountName, message.Request.Uri.ToUri());
        var signature = credential.ComputeSignature(date + "\n" + resource);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKeyLite {credential.AccountName}:{signature}");
    }

    internal static string CanonicalizedResource(string accountName, Uri uri)
    {
        var resource = "/" + accountName + uri.AbsolutePath;
        var comp = CompParameter(uri.Query);
        return comp is null ? resource : resource + "?comp=" + comp;
    }

    private static string? CompParameter(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = separator < 0 ? pair : pair[..separator];
            if (string.Equals(name, "comp", StringComparison.OrdinalIgnoreCase))
            {
                return separator < 0 ? string.Empty : Uri.UnescapeDataString(pair[(separator + 1)..]);
            }
        }
        return null;
    }
}
