using CostOps.Domain.Validation;

namespace CostOps.Application.Requests;

/// <summary>How a request of the HTTP API or the CLI was answered, before any transport maps it (to a status code, an exit code).</summary>
public enum RequestOutcomeKind
{
    /// <summary>The request was carried out; <see cref="RequestOutcome{T}.Value"/> holds the answer.</summary>
    Ok,

    /// <summary>A field is malformed or names nothing (HTTP 400).</summary>
    Invalid,

    /// <summary>A workload (or other id) the request points at is not in the catalog (HTTP 404).</summary>
    NotFound,

    /// <summary>A well-formed request over a per-call limit (HTTP 422).</summary>
    OverLimit,

    /// <summary>An upstream service failed while carrying it out (HTTP 502/503).</summary>
    UpstreamFailed,
}

/// <summary>
/// The answer of an Application query or command: a value, or every problem with the request, each naming its field
/// (camelCase, as the HTTP API spells it), or the upstream that failed. Kept free of HTTP so the CLI and tests read it too.
/// </summary>
/// <typeparam name="T">The value of a successful request.</typeparam>
public sealed record RequestOutcome<T>
{
    private RequestOutcome(RequestOutcomeKind kind, T? value, IReadOnlyList<FieldError> errors)
    {
        Kind = kind;
        Value = value;
        Errors = errors;
    }

    /// <summary>What happened.</summary>
    public RequestOutcomeKind Kind { get; }

    /// <summary>The answer; set when <see cref="Kind"/> is <see cref="RequestOutcomeKind.Ok"/>, and also for a failed run the caller may want to show.</summary>
    public T? Value { get; }

    /// <summary>The problems, each naming its field; empty when the request succeeded.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>For <see cref="RequestOutcomeKind.OverLimit"/>: the limits, by name (e.g. maxDays).</summary>
    public IReadOnlyDictionary<string, int> Limits { get; private init; } = new Dictionary<string, int>();

    /// <summary>For <see cref="RequestOutcomeKind.UpstreamFailed"/>: what failed, e.g. <c>telemetry:prometheus</c>; the first of <see cref="Upstreams"/>.</summary>
    public string? Upstream => Upstreams.Count > 0 ? Upstreams[0] : null;

    /// <summary>For <see cref="RequestOutcomeKind.UpstreamFailed"/>: every upstream that failed.</summary>
    public IReadOnlyList<string> Upstreams { get; private init; } = [];

    /// <summary>For <see cref="RequestOutcomeKind.UpstreamFailed"/>: true when no upstream answered at all (HTTP 503), false when one answered with an error (502).</summary>
    public bool Unavailable { get; private init; }

    /// <summary>True when the request was carried out.</summary>
    public bool IsOk => Kind == RequestOutcomeKind.Ok;

    /// <summary>A successful answer.</summary>
    public static RequestOutcome<T> Ok(T value) => new(RequestOutcomeKind.Ok, value, []);

    /// <summary>A request with malformed fields.</summary>
    public static RequestOutcome<T> Invalid(IReadOnlyList<FieldError> errors) => new(RequestOutcomeKind.Invalid, default, errors);

    /// <summary>A request with one malformed field.</summary>
    public static RequestOutcome<T> Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    /// <summary>A request pointing at something that does not exist.</summary>
    public static RequestOutcome<T> NotFound(string field, string message) => new(RequestOutcomeKind.NotFound, default, [new FieldError(field, message)]);

    /// <summary>A request over a per-call limit.</summary>
    public static RequestOutcome<T> OverLimit(IReadOnlyList<FieldError> errors, IReadOnlyDictionary<string, int> limits) =>
        new(RequestOutcomeKind.OverLimit, default, errors) { Limits = limits };

    /// <summary>A request an upstream service could not serve; <paramref name="value"/> is what was done anyway (e.g. the failed run).</summary>
    public static RequestOutcome<T> UpstreamFailed(IReadOnlyList<string> upstreams, bool unavailable, IReadOnlyList<FieldError> errors, T? value = default) =>
        new(RequestOutcomeKind.UpstreamFailed, value, errors) { Upstreams = upstreams, Unavailable = unavailable };
}
