namespace CostOps.Domain.Validation;

/// <summary>One problem with one input field, named by its camelCase JSON path (e.g. <c>selfHosted.targetUtilization</c>).</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
