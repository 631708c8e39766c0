using System.Text;

namespace CostOps.Infrastructure.ResourceGraph;

/// <summary>
/// The Resource Graph query (KQL) for "every VM and scale set carrying these tags". Tag names and values come from
/// the catalog, so they only ever enter the query as KQL string literals, escaped here; text that a literal cannot
/// carry safely (control characters) is refused rather than cleaned.
/// </summary>
public static class KqlTagQuery
{
    /// <summary>The resource types a fleet can contain, as Resource Graph spells them (lower case).</summary>
    public static IReadOnlyList<string> ComputeTypes { get; } = ["microsoft.compute/virtualmachines", "microsoft.compute/virtualmachinescalesets"];

    /// <summary>
    /// <c>resources | where type in~ (...) | where tags['name'] =~ 'value' ... | project id, name, type, location, tags</c>,
    /// one <c>where</c> per tag in name order (so the same selector always gives the same text), sorted by id so pages are stable.
    /// </summary>
    /// <exception cref="ArgumentException">The selector is empty, or a name or value is empty or holds a control character.</exception>
    public static string For(IReadOnlyDictionary<string, string> tagSelector)
    {
        ArgumentNullException.ThrowIfNull(tagSelector);
        if (tagSelector.Count == 0)
        {
            throw new ArgumentException("a tag selector needs at least one tag", nameof(tagSelector));
        }
        var query = new StringBuilder("resources | where type in~ (")
            .AppendJoin(", ", ComputeTypes.Select(Literal))
            .Append(')');
        foreach (var (name, value) in tagSelector.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("a tag name in the selector is empty", nameof(tagSelector));
            }
            query.Append(" | where tags[").Append(Literal(name)).Append("] =~ ").Append(Literal(value));
        }
        return query.Append(" | project id, name, type, location, tags | order by id asc").ToString();
    }

    /// <summary>
    /// A single-quoted KQL string literal of <paramref name="text"/>: backslash and quote are escaped with a backslash,
    /// so nothing in the text can end the literal.
    /// </summary>
    /// <exception cref="ArgumentException">The text holds a control character (line breaks included).</exception>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var literal = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"'{Printable(text)}' holds a control character (U+{(int)c:X4}), which a tag selector may not contain", nameof(text));
            }
            if (c is '\\' or '\'')
            {
                literal.Append('\\');
            }
            literal.Append(c);
        }
        return literal.Append('\'').ToString();
    }

    private static string Printable(string text) => new([.. text.Select(c => char.IsControl(c) ? '?' : c)]);
}
