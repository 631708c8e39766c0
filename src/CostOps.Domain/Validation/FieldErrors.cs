namespace CostOps.Domain.Validation;

/// <summary>Collects field errors so a caller sees every problem at once, not just the first.</summary>
public sealed class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => _errors.Add(new FieldError(field, message));

    public void AddRange(IEnumerable<FieldError> errors) => _errors.AddRange(errors);

    public void NonNegative(decimal value, string field)
    {
        if (value < 0)
        {
            Add(field, $"must be zero or more (was {value})");
        }
    }

    public void Positive(decimal value, string field)
    {
        if (value <= 0)
        {
            Add(field, $"must be greater than zero (was {value})");
        }
    }

    public void InRange(decimal value, decimal min, decimal max, string field)
    {
        if (value < min || value > max)
        {
            Add(field, $"must be between {min} and {max} (was {value})");
        }
    }

    /// <summary>Throws a <see cref="DomainValidationException"/> when anything was collected.</summary>
    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new DomainValidationException(_errors.ToArray());
        }
    }
}
