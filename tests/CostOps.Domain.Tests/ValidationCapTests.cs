using CostOps.Domain.Validation;

namespace CostOps.Domain.Tests;

public sealed class ValidationCapTests
{
    [Fact]
    public void ALongList_KeepsTheFirstFifty_AndCountsTheRest()
    {
        var errors = Enumerable.Range(0, 73).Select(i => new FieldError($"workloads[{i}].id", "is required")).ToList();

        var exception = new DomainValidationException(errors);

        Assert.Equal(50, exception.Errors.Count);
        Assert.Equal("workloads[0].id", exception.Errors[0].Field);
        Assert.Equal(23, exception.Omitted);
        Assert.Equal("and 23 more problems", exception.OmittedNote);
        Assert.EndsWith("; and 23 more problems", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortList_IsWhole()
    {
        var exception = new DomainValidationException("traffic.requestsPerMonth", "must be zero or more (was -1)");

        Assert.Equal(0, exception.Omitted);
        Assert.Null(exception.OmittedNote);
    }
}
