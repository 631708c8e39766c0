using CostOps.Domain.Validation;

namespace CostOps.Domain.Time;

/// <summary>
/// The rule that only whole past UTC days are computed or stored: a day is computable when it ended before now,
/// i.e. it is on or before <see cref="DayRange.Yesterday"/>. Every entry point (timer, CLI, API) reaches it through
/// the TCO use case, which names the caller's own field in the refusal.
/// </summary>
public static class PastDays
{
    /// <summary>
    /// The problems of a requested range: one error per field whose day has not ended yet, naming that field and the
    /// last computable day. Empty when the whole range is in the past.
    /// </summary>
    /// <param name="fromField">How the caller calls the first day (<c>from</c>, <c>--from</c>, <c>--date</c>).</param>
    /// <param name="toField">How the caller calls the last day (<c>to</c>, <c>--to</c>, <c>--date</c>).</param>
    public static IReadOnlyList<FieldError> Check(DayRange days, DateOnly lastComputable, string fromField, string toField)
    {
        var errors = new List<FieldError>();
        if (days.From > lastComputable && fromField != toField)
        {
            errors.Add(Refusal(fromField, days.From, lastComputable));
        }
        if (days.To > lastComputable)
        {
            errors.Add(Refusal(toField, days.To, lastComputable));
        }
        return errors;
    }

    private static FieldError Refusal(string field, DateOnly day, DateOnly lastComputable) =>
        new(field, $"{day:yyyy-MM-dd} has not ended yet (UTC); only whole past days are computed, the last one is {lastComputable:yyyy-MM-dd}");
}
