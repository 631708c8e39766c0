using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>How many instances self-hosting may use: at least <see cref="Min"/> (always on), at most <see cref="Max"/>.</summary>
public sealed record InstanceRange(int Min, int Max)
{
    public static InstanceRange Exactly(int count) => new(count, count);

    public int Clamp(decimal needed) => (int)Math.Clamp(needed, Min, Max);

    public IEnumerable<FieldError> Validate(string path)
    {
        var errors = new FieldErrors();
        if (Min < 1)
        {
            errors.Add($"{path}.min", $"must be 1 or more (was {Min})");
        }
        if (Max < Min)
        {
            errors.Add($"{path}.max", $"must be at least min ({Min}) (was {Max})");
        }
        if (Max > 10_000)
        {
            errors.Add($"{path}.max", $"must be at most 10000 (was {Max})");
        }
        return errors.Errors;
    }
}
