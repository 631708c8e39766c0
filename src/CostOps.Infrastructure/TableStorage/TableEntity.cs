using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// A Table storage entity: the system properties <see cref="PartitionKey"/>, <see cref="RowKey"/>,
/// <see cref="Timestamp"/> and <see cref="ETag"/>, plus a dictionary of custom properties.
/// </summary>
/// <remarks>
/// <para>Custom property values map to Edm types as follows: <see cref="string"/> (Edm.String),
/// <see cref="int"/> (Edm.Int32), <see cref="long"/> (Edm.Int64), <see cref="double"/> (Edm.Double,
/// whole numbers included), <see cref="bool"/> (Edm.Boolean), <see cref="DateTimeOffset"/> or a UTC
/// <see cref="DateTime"/> (Edm.DateTime, stored as UTC), <see cref="Guid"/> (Edm.Guid) and
/// <c>byte[]</c> or <see cref="BinaryData"/> (Edm.Binary). Any other CLR type is rejected
/// before a request is sent, naming the property.</para>
/// <para><see cref="decimal"/> has no Edm type and is rejected: store money as a <see cref="double"/>
/// (amounts that are already rounded to cents survive the round-trip) or as an invariant-culture
/// string when exact decimal digits matter.</para>
/// <para>Table storage has no null: setting a property to <see langword="null"/> removes it, and
/// reading a missing property returns <see langword="null"/>.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Mirrors Azure.Data.Tables.TableEntity so swapping to that package stays a one-folder change.")]
public sealed class TableEntity : IDictionary<string, object>
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);
    private string _partitionKey;
    private string _rowKey;

    /// <summary>Creates an entity with empty keys (set them before writing).</summary>
    public TableEntity()
        : this(string.Empty, string.Empty)
    {
    }

    /// <summary>Creates an entity with the given keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        _partitionKey = partitionKey;
        _rowKey = rowKey;
    }

    /// <summary>The partition key.</summary>
    public string PartitionKey
    {
        get => _partitionKey;
        set => _partitionKey = value ?? throw new ArgumentNullException(nameof(value), "PartitionKey cannot be null.");
    }

    /// <summary>The row key, unique within the partition.</summary>
    public string RowKey
    {
        get => _rowKey;
        set => _rowKey = value ?? throw new ArgumentNullException(nameof(value), "RowKey cannot be null.");
    }

    /// <summary>When the service last modified the entity (set by the service; ignored on writes).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's version as read from the service; pass it to conditional updates and deletes.</summary>
    public ETag ETag { get; set; }

    /// <summary>The number of custom properties.</summary>
    public int Count => _properties.Count;

    /// <summary>The custom property names.</summary>
    public ICollection<string> Keys => _properties.Keys;

    /// <summary>The custom property values.</summary>
    public ICollection<object> Values => _properties.Values;

    bool ICollection<KeyValuePair<string, object>>.IsReadOnly => false;

    /// <summary>Gets a custom property (null when absent) or sets it (null removes it).</summary>
    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out var value) ? value : null;
        set
        {
            EnsureCustomName(key);
            if (value is null)
            {
                _properties.Remove(key);
            }
            else
            {
                _properties[key] = value;
            }
        }
    }

    object IDictionary<string, object>.this[string key]
    {
        get => _properties[key];
        set => this[key] = value;
    }

    /// <summary>Adds a custom property; fails if it already exists.</summary>
    public void Add(string key, object value)
    {
        EnsureCustomName(key);
        ArgumentNullException.ThrowIfNull(value);
        _properties.Add(key, value);
    }

    /// <summary>Whether a custom property exists.</summary>
    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <summary>Removes a custom property.</summary>
    public bool Remove(string key) => _properties.Remove(key);

    /// <summary>Gets a custom property if present.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value) => _properties.TryGetValue(key, out value);

    /// <summary>Removes every custom property (the keys stay).</summary>
    public void Clear() => _properties.Clear();

    /// <summary>The property as a string, or null when absent.</summary>
    public string? GetString(string key) => Get<string>(key);

    /// <summary>The property as an Int32, or null when absent.</summary>
    public int? GetInt32(string key) => GetStruct<int>(key);

    /// <summary>The property as an Int64 (an Int32 value widens), or null when absent.</summary>
    public long? GetInt64(string key) => this[key] switch
    {
        null => null,
        int i => i,
        long l => l,
        var other => throw WrongType(key, "Int64", other),
    };

    /// <summary>The property as a Double (Int32 and Int64 values convert), or null when absent.</summary>
    public double? GetDouble(string key) => this[key] switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw WrongType(key, "Double", other),
    };

    /// <summary>The property as a Boolean, or null when absent.</summary>
    public bool? GetBoolean(string key) => GetStruct<bool>(key);

    /// <summary>The property as a UTC DateTimeOffset, or null when absent.</summary>
    public DateTimeOffset? GetDateTimeOffset(string key) => this[key] switch
    {
        null => null,
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(d.ToUniversalTime(), TimeSpan.Zero),
        var other => throw WrongType(key, "DateTime", other),
    };

    /// <summary>The property as a Guid, or null when absent.</summary>
    public Guid? GetGuid(string key) => GetStruct<Guid>(key);

    /// <summary>The property as bytes, or null when absent.</summary>
    public byte[]? GetBinary(string key) => this[key] switch
    {
        null => null,
        byte[] bytes => bytes,
        BinaryData data => data.ToArray(),
        var other => throw WrongType(key, "Binary", other),
    };

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<KeyValuePair<string, object>>.Add(KeyValuePair<string, object> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object>>.Contains(KeyValuePair<string, object> item) =>
        ((ICollection<KeyValuePair<string, object>>)_properties).Contains(item);

    void ICollection<KeyValuePair<string, object>>.CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object>>)_properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object>>.Remove(KeyValuePair<string, object> item) =>
        ((ICollection<KeyValuePair<string, object>>)_properties).Remove(item);

    private T? Get<T>(string key)
        where T : class => this[key] switch
        {
            null => null,
            T value => value,
            var other => throw WrongType(key, typeof(T).Name, other),
        };

    private T? GetStruct<T>(string key)
        where T : struct => this[key] switch
        {
            null => null,
            T value => value,
            var other => throw WrongType(key, typeof(T).Name, other),
        };

    private static InvalidOperationException WrongType(string key, string wanted, object actual) =>
        new($"Property '{key}' holds a {actual.GetType().Name}, not a {wanted}.");

    private static void EnsureCustomName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key is TableConstants.PartitionKey or TableConstants.RowKey or TableConstants.Timestamp or TableConstants.ODataEtag)
        {
            throw new ArgumentException($"'{key}' is a system property; use the {nameof(TableEntity)} property of that name.", nameof(key));
        }
    }
}
