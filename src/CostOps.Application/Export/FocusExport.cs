using CostOps.Application.Catalog;
using CostOps.Application.Ports;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using CsvHelper;

namespace CostOps.Application.Export;

/// <summary>
/// Writes the stored <c>DailyTco</c> rows of a day range as a FOCUS 1.2 CSV (RFC 4180, UTF-8, header first), so FinOps
/// tools (FinOps hubs, Power BI) can load CostOps' cost picture: one row per workload and day, priced at the stored
/// self-hosted cost (see <see cref="FocusRowMapper"/>). Rows are written as each workload's days are read, so the
/// output never holds the whole range. Callers (the CLI, an HTTP function) check the request with
/// <see cref="Validate"/> and hand over a stream.
/// </summary>
public sealed class FocusExport(WorkloadCatalog catalog, IDailyTcoStore store)
{
    /// <summary>The problems with <paramref name="request"/>, each naming its field (<c>from</c>, <c>to</c>, <c>workloadIds</c>); empty when it is valid.</summary>
    public IReadOnlyList<FieldError> Validate(FocusExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        if (request.To < request.From)
        {
            errors.Add(new FieldError("to", $"{request.To:yyyy-MM-dd} is before from {request.From:yyyy-MM-dd}"));
        }
        else if (request.To.DayNumber - request.From.DayNumber + 1 > FocusExportRequest.MaxDays)
        {
            errors.Add(new FieldError("from", $"an export covers at most {FocusExportRequest.MaxDays} days"));
        }
        foreach (var id in request.WorkloadIds ?? [])
        {
            if (catalog.Find(id) is null)
            {
                errors.Add(new FieldError("workloadIds", $"'{id}' is not in the workload catalog"));
            }
        }
        return errors;
    }

    /// <summary>Writes the header and every row of <paramref name="request"/> to <paramref name="output"/> (left open).</summary>
    /// <exception cref="DomainValidationException">The request is invalid (<see cref="Validate"/>'s errors).</exception>
    public async Task<FocusExportResult> WriteAsync(FocusExportRequest request, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Validate(request) is { Count: > 0 } errors)
        {
            throw new DomainValidationException(errors);
        }
        var workloads = catalog.Select(request.WorkloadIds);
        var days = new DayRange(request.From, request.To);
        var (rows, stored, unknown) = (0, 0, 0);
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default, leaveOpen: true);
        await csv.WriteRecordAsync([.. FocusColumns.All], cancellationToken).ConfigureAwait(false);
        foreach (var workload in workloads)
        {
            var records = await store.GetRangeAsync(workload.Id, days, cancellationToken).ConfigureAwait(false);
            foreach (var record in records)
            {
                stored++;
                if (FocusRowMapper.Map(workload, record) is not { } cells)
                {
                    unknown++;
                    continue;
                }
                await csv.WriteRecordAsync(cells, cancellationToken).ConfigureAwait(false);
                rows++;
            }
            // Hand each workload's rows on as they are done (a response body or a file), not at the end.
            await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        return new FocusExportResult(rows, workloads.Count, stored, unknown);
    }
}
