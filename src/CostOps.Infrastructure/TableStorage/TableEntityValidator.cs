using System.Globalization;
using Azure.Data.Tables;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// Checks entities against the service's documented rules before any request, so a bad entity
/// fails fast with a message that names the key or property. Azure.Data.Tables sends whatever it is
/// given, and the service answers a bad key with a bare "Service request failed" or 400.
/// </summary>
public static class TableEntityValidator
{
    /// <summary>Validates a whole entity for a write.</summary>
    /// <exception cref="ArgumentException">A key, property name, value or the entity's size breaks a rule; the message names it.</exception>
    public static void ValidateForWrite(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(TableConstants.PartitionKey, entity.PartitionKey);
        ValidateKey(TableConstants.RowKey, entity.RowKey);
        var properties = TableEntityValues.CustomProperties(entity).ToList();
        if (properties.Count > TableConstants.MaxCustomProperties)
        {
            throw TableArgument.Invalid(
                $"Entity {Describe(entity)} has {properties.Count} custom properties; Table storage allows at most {TableConstants.MaxCustomProperties}.",
                nameof(entity));
        }
        foreach (var (name, value) in properties)
        {
            ValidatePropertyName(name);
            ValidateValue(name, value);
        }
        var size = TableEntitySize.Stored(entity);
        if (size > TableConstants.MaxEntityBytes)
        {
            throw TableArgument.Invalid(
                $"Entity {Describe(entity)} is {size} bytes by the documented size formula; Table storage allows at most {TableConstants.MaxEntityBytes} bytes (1 MiB).",
                nameof(entity));
        }
    }

    /// <summary>Validates a PartitionKey or RowKey value; <paramref name="keyName"/> names it in the message.</summary>
    /// <exception cref="ArgumentException">The key is too long or holds a character keys may not.</exception>
    public static void ValidateKey(string keyName, string? value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(keyName, $"{keyName} is required.");
        }
        if (value.Length > TableConstants.MaxKeyChars)
        {
            throw TableArgument.Invalid(
                $"{keyName} is {value.Length} characters; Table storage keys are at most 1 KiB ({TableConstants.MaxKeyChars} UTF-16 characters).",
                keyName);
        }
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?')
            {
                throw TableArgument.Invalid($"{keyName} '{Excerpt(value)}' contains '{c}', which Table storage does not allow in keys.", keyName);
            }
            if (c <= '\u001F' || c is >= '\u007F' and <= '\u009F')
            {
                throw TableArgument.Invalid(
                    $"{keyName} '{Excerpt(value)}' contains the control character U+{(int)c:X4}, which Table storage does not allow in keys.",
                    keyName);
            }
        }
    }

    /// <summary>Property names follow C# identifier rules and are at most 255 characters.</summary>
    internal static void ValidatePropertyName(string name)
    {
        if (name.Length == 0)
        {
            throw TableArgument.Invalid("A property name is empty.", "entity");
        }
        if (name.Length > TableConstants.MaxPropertyNameChars)
        {
            throw TableArgument.Invalid(
                $"Property '{Excerpt(name)}' has a {name.Length}-character name; Table storage allows at most {TableConstants.MaxPropertyNameChars}.",
                "entity");
        }
        if (!IsIdentifierStart(name[0]) || !name.Skip(1).All(IsIdentifierPart))
        {
            throw TableArgument.Invalid($"Property '{Excerpt(name)}' is not a valid C# identifier, which Table storage requires of property names.", "entity");
        }
    }

    private static void ValidateValue(string name, object value)
    {
        switch (TableEntityValues.Classify(name, value))
        {
            case TableValueKind.String when ((string)value).Length > TableConstants.MaxStringChars:
                throw TableArgument.Invalid(
                    $"Property '{name}' is a {((string)value).Length}-character string; Table storage allows at most 64 KiB ({TableConstants.MaxStringChars} UTF-16 characters).",
                    "entity");
            case TableValueKind.Binary when TableEntityValues.BinaryLength(value) > TableConstants.MaxBinaryBytes:
                throw TableArgument.Invalid(
                    $"Property '{name}' holds {TableEntityValues.BinaryLength(value)} bytes; Table storage allows at most {TableConstants.MaxBinaryBytes} (64 KiB).",
                    "entity");
            case TableValueKind.DateTime:
                TableEntityValues.EnsureStorableDate(name, value);
                break;
            default:
                break;
        }
    }

    private static bool IsIdentifierStart(char c) =>
        c == '_' || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(char c) =>
        IsIdentifierStart(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format;

    internal static string Describe(TableEntity entity) =>
        $"(PartitionKey '{Excerpt(entity.PartitionKey)}', RowKey '{Excerpt(entity.RowKey)}')";

    private static string Excerpt(string value) =>
        value.Length <= 64 ? Printable(value) : Printable(value[..64]) + "…";

    // Control characters are shown escaped so a message stays one readable line.
    private static string Printable(string value) =>
        value.Any(char.IsControl)
            ? string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()))
            : value;
}
