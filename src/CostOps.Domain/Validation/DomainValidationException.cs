namespace CostOps.Domain.Validation;

/// <summary>Raised when domain input breaks a rule; carries every problem found, each naming its field.</summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(IReadOnlyList<FieldError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public DomainValidationException(string field, string message)
        : this([new FieldError(field, message)])
    {
    }

    public IReadOnlyList<FieldError> Errors { get; }

    private static string Describe(IReadOnlyList<FieldError> errors) =>
        errors.Count == 1 ? errors[0].ToString() : "invalid input: " + string.Join("; ", errors);
}
