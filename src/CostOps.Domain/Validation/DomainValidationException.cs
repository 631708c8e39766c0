namespace CostOps.Domain.Validation;

/// <summary>
/// Raised when domain input breaks a rule; carries every problem found, each naming its field. A long list keeps its
/// first <see cref="MaxReported"/> problems and counts the rest in <see cref="Omitted"/>: past that, a reader fixes
/// the file's shape first, and a thousand lines would hide the first.
/// </summary>
public sealed class DomainValidationException : Exception
{
    /// <summary>How many problems are kept and shown.</summary>
    public const int MaxReported = 50;

    public DomainValidationException(IReadOnlyList<FieldError> errors)
        : base(Describe(errors))
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors.Count > MaxReported ? errors.Take(MaxReported).ToArray() : errors;
        Omitted = Math.Max(0, errors.Count - MaxReported);
    }

    public DomainValidationException(string field, string message)
        : this([new FieldError(field, message)])
    {
    }

    /// <summary>The first <see cref="MaxReported"/> problems, in the order they were found.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>Problems found beyond <see cref="Errors"/> (0 when all are there).</summary>
    public int Omitted { get; }

    /// <summary>"and 12 more problems", or null when nothing was left out.</summary>
    public string? OmittedNote => Omitted > 0 ? $"and {Omitted} more problem{(Omitted == 1 ? "" : "s")}" : null;

    private static string Describe(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 1)
        {
            return errors[0].ToString();
        }
        var shown = string.Join("; ", errors.Take(MaxReported));
        return errors.Count > MaxReported
            ? $"invalid input: {shown}; and {errors.Count - MaxReported} more problems"
            : "invalid input: " + shown;
    }
}
