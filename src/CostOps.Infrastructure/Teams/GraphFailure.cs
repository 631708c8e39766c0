using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace CostOps.Infrastructure.Teams;

/// <summary>
/// Turns what the Graph SDK throws into a status and a short description. When its retry handler gives up on
/// 429/503/504 the SDK throws <see cref="AggregateException"/> (of <see cref="ApiException"/>), not <see cref="ODataError"/>.
/// </summary>
internal static class GraphFailure
{
    private const int MaxDetailLength = 300;

    /// <summary>Recognizes a Graph failure; false for anything else (which is then not ours to translate).</summary>
    public static bool TryDescribe(Exception exception, out int? status, out string description)
    {
        switch (exception)
        {
            case ODataError error:
                status = error.ResponseStatusCode;
                var code = error.Error?.Code;
                var message = error.Error?.Message;
                description = $"HTTP {error.ResponseStatusCode}" + (code is null ? "" : $" {code}") + (message is null ? "" : $": {Clip(message)}");
                return true;
            case AggregateException aggregate when aggregate.InnerExceptions.LastOrDefault() is ApiException last:
                status = last.ResponseStatusCode;
                description = $"HTTP {last.ResponseStatusCode} after the SDK's retries ({aggregate.InnerExceptions.Count} responses)";
                return true;
            case ApiException api:
                status = api.ResponseStatusCode;
                description = $"HTTP {api.ResponseStatusCode}";
                return true;
            case HttpRequestException network:
                status = null;
                description = $"a network error ({network.HttpRequestError})";
                return true;
            default:
                status = null;
                description = "";
                return false;
        }
    }

    // Callers end the description with their own full stop.
    private static string Clip(string text) =>
        text.Length <= MaxDetailLength ? text.Trim().TrimEnd('.') : string.Concat(text.AsSpan(0, MaxDetailLength), "…");
}
