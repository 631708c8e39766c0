using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>How many instances self-hosting may use: at least <see cref="Min"/> (always on), at most <see cref="Max"/>.</summary>
public sealed record InstanceRange(int Min, int Max)
{
    /// <summary>The most instances a workload may use (a sanity bound for capacity bands).</summary>
    public const int MaxInstances = 10_000;

    public static InstanceRange Exactly(int count) => new(count, count);

    public int Clamp(decimal needed) => (int)Math.Clamp(needed, Min, Max);

    public IEnumerable<FieldError> Validate(string path)
    {
        var errors = new FieldErrors();
        if (Min < 1)
        {
            errors.Add($"{path}.min", $"must be 1 or more (was {Min})");
        }
        if (Max < Min || Max > MaxInstances)
        {
            errors.Add($"{path}.max", $"must be from min ({Min}) to {MaxInstances} (was {Max})");
        }
        return errors.Errors;
    }
}
