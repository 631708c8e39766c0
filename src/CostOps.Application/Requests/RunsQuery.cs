using System.Text.RegularExpressions;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Validation;

namespace CostOps.Application.Requests;

/// <summary>The query of <c>GET /api/runs</c>, as given (query-string text; empty means not given).</summary>
public sealed record RunsRequest(string? Job = null, string? Top = null);

/// <summary>Recent runs, newest first, with the filters that selected them.</summary>
/// <param name="Job">The job asked for; null for every job.</param>
public sealed record RunsPage(string? Job, int Top, IReadOnlyList<RunRecord> Runs);

/// <summary>
/// <c>GET /api/runs</c> as a query: the newest rows of the Runs table, of one job or all, as they stand now (a Running
/// row older than the function timeout is abandoned, <see cref="RunLiveness"/>).
/// </summary>
public sealed partial class RunsQuery(IRunStore runs, RunLiveness liveness)
{
    /// <summary>Runs answered when <c>top</c> is not given.</summary>
    public const int DefaultTop = 20;

    /// <summary>The most runs one call answers.</summary>
    public const int MaxTop = 100;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobName();

    /// <summary>The runs, or the problems with the query, each naming its parameter.</summary>
    public async Task<RequestOutcome<RunsPage>> ListAsync(RunsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var top = QueryText.WholeNumber(request.Top, "top", 1, MaxTop, DefaultTop, errors);
        var job = string.IsNullOrEmpty(request.Job) ? null : request.Job;
        if (job is not null && !JobName().IsMatch(job))
        {
            errors.Add("job", $"must be a job name: a letter, then up to 63 letters, digits, '-' or '_' (was '{job}')");
        }
        if (errors.Any)
        {
            return RequestOutcome<RunsPage>.Invalid(errors.Errors);
        }
        var list = await runs.ListAsync(job, top, cancellationToken);
        return RequestOutcome<RunsPage>.Ok(new RunsPage(job, top, [.. list.Select(liveness.Seen)]));
    }
}
