namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>RowKey bounds that select the rows of an <see cref="InvertedTicks"/>-keyed table by time.</summary>
internal static class InvertedTicksRange
{
    /// <summary>
    /// Bounds for rows whose RowKey starts with the inverted ticks of a time in [<paramref name="from"/>, <paramref name="to"/>):
    /// <c>RowKey ge First and RowKey lt Last</c>. Newer times have smaller keys, so <paramref name="to"/> gives the lower bound.
    /// Whatever follows the 19 digits (e.g. <c>-runId</c>) sorts after them, which the bounds allow for.
    /// </summary>
    public static (string First, string Last) Of(DateTimeOffset from, DateTimeOffset to) =>
        (InvertedTicks.For(to.AddTicks(-1)), InvertedTicks.For(from.AddTicks(-1)));
}
