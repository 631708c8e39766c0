using CostOps.Application.Export;
using CostOps.Application.Requests;
using CostOps.Functions.Api.Http;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>GET /api/export/focus?from=&amp;to=[&amp;workload=]</c> (FocusExport): the stored daily TCO as a FOCUS 1.2 CSV for
/// FinOps tools, streamed workload by workload (the same file as <c>costops export focus</c>).
/// </summary>
public sealed class ExportFunctions(FocusExportQuery query, FocusExport export)
{
    /// <summary>The media type of the answer (RFC 4180, UTF-8, header row first).</summary>
    public const string CsvMediaType = "text/csv";

    [Function("FocusExport")]
    public IResult Focus([HttpTrigger(AuthorizationLevel.Function, "get", Route = "export/focus")] HttpRequest request)
    {
        var workloads = request.Query["workload"].Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).ToList();
        var outcome = query.Check(new FocusExportQueryText(request.Query["from"], request.Query["to"], workloads));
        if (outcome.Value is not { } focus)
        {
            return ApiProblems.For(outcome);
        }
        // Checked above, so what can still go wrong is storage: before the first workload's rows are flushed, the
        // exception middleware still answers it as a 503 problem; after that the body is cut short.
        return TypedResults.Stream(
            body => export.WriteAsync(focus, body, request.HttpContext.RequestAborted),
            $"{CsvMediaType}; charset=utf-8",
            $"focus-{focus.From:yyyy-MM-dd}-{focus.To:yyyy-MM-dd}.csv");
    }
}
