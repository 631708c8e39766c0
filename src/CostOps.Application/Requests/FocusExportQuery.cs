using CostOps.Application.Catalog;
using CostOps.Application.Export;
using CostOps.Domain.Validation;

namespace CostOps.Application.Requests;

/// <summary>The query of <c>GET /api/export/focus</c>, as given (query-string text; <c>workload</c> may repeat).</summary>
public sealed record FocusExportQueryText(string? From, string? To, IReadOnlyList<string> Workloads);

/// <summary>
/// <c>GET /api/export/focus</c>'s checks, before the first byte of the CSV goes out (after that, a problem can no
/// longer be answered as one): both days given and well-formed, the range at most <see cref="FocusExportRequest.MaxDays"/>
/// days (else over the limit), every workload in the catalog (else not found).
/// </summary>
public sealed class FocusExportQuery(WorkloadCatalog catalog, FocusExport export)
{
    /// <summary>The export request, or why it cannot be made, each problem naming its parameter.</summary>
    public RequestOutcome<FocusExportRequest> Check(FocusExportQueryText query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new FieldErrors();
        var from = Required(query.From, "from", errors);
        var to = Required(query.To, "to", errors);
        if (errors.Any || from is not { } first || to is not { } last)
        {
            return RequestOutcome<FocusExportRequest>.Invalid(errors.Errors);
        }
        var unknown = query.Workloads.FirstOrDefault(id => catalog.Find(id) is null);
        if (unknown is not null)
        {
            return RequestOutcome<FocusExportRequest>.NotFound("workload", $"'{unknown}' is not in the workload catalog");
        }
        var request = new FocusExportRequest(first, last, query.Workloads.Count > 0 ? query.Workloads.Distinct(StringComparer.Ordinal).ToList() : null);
        if (last >= first && last.DayNumber - first.DayNumber + 1 > FocusExportRequest.MaxDays)
        {
            return RequestOutcome<FocusExportRequest>.OverLimit(
                [new FieldError("to", $"the range {first:yyyy-MM-dd}..{last:yyyy-MM-dd} covers {last.DayNumber - first.DayNumber + 1} days; at most {FocusExportRequest.MaxDays} days per call")],
                new Dictionary<string, int> { ["maxDays"] = FocusExportRequest.MaxDays });
        }
        // The export's own rules (the CLI applies the same ones), in the API's parameter names.
        var problems = export.Validate(request).Select(e => e.Field == WorkloadIdsField.Name ? e with { Field = "workload" } : e).ToList();
        return problems.Count > 0 ? RequestOutcome<FocusExportRequest>.Invalid(problems) : RequestOutcome<FocusExportRequest>.Ok(request);
    }

    private static DateOnly? Required(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(field, "is required, as yyyy-MM-dd");
            return null;
        }
        return QueryText.Date(text, field, errors);
    }
}
