using System.Security.Cryptography;
using System.Text;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// A storage account name and key for Shared Key Lite signing. The key is kept only as bytes,
/// never printed: <see cref="ToString"/> shows the account name alone.
/// </summary>
public sealed class TableSharedKeyCredential
{
    private readonly byte[] _key;

    /// <summary>Creates a credential from an account name and its base64 account key.</summary>
    public TableSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        // The message must not echo the key, even a malformed one.
        _key = TryDecode(accountKey) ?? throw new ArgumentException("The account key is not valid base64.", nameof(accountKey));
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Base64 HMAC-SHA256 of <paramref name="stringToSign"/> with the account key.</summary>
    internal string ComputeSignature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    /// <inheritdoc />
    public override string ToString() => $"{nameof(TableSharedKeyCredential)}({AccountName})";

    private static byte[]? TryDecode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }
}
