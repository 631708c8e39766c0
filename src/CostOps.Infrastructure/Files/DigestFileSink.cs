using System.Text;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Files;

/// <summary>
/// Writes the digest into <see cref="DigestOptions.OutputDirectory"/> for local runs: <c>digest-YYYY-Www.card.json</c>,
/// <c>.html</c> and <c>.txt</c>. Each file is written to a temporary name first and then moved into place, so a
/// reader never sees half a file.
/// </summary>
public sealed partial class DigestFileSink(IOptions<DigestOptions> options, ILogger<DigestFileSink> logger) : IDigestTransport
{
    /// <summary>The transport's name in outcomes and the post log.</summary>
    public const string TransportName = "file";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <inheritdoc />
    public string Name => TransportName;

    /// <summary>The three file names for <paramref name="week"/>.</summary>
    public static IReadOnlyList<string> FileNames(IsoWeek week) =>
        [$"digest-{week}.card.json", $"digest-{week}.html", $"digest-{week}.txt"];

    /// <inheritdoc />
    public async Task SendAsync(RenderedDigest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var configured = options.Value.OutputDirectory;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new DigestTransportException($"The file sink is not configured ({DigestOptions.SectionName}:OutputDirectory).");
        }
        var directory = Path.GetFullPath(configured);
        var names = FileNames(digest.Week);
        try
        {
            Directory.CreateDirectory(directory);
            await WriteAsync(Path.Combine(directory, names[0]), digest.CardJson, cancellationToken);
            await WriteAsync(Path.Combine(directory, names[1]), digest.Html, cancellationToken);
            await WriteAsync(Path.Combine(directory, names[2]), digest.Text, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DigestTransportException($"The digest could not be written to {directory}: {exception.Message}");
        }
        LogWritten(digest.Week, directory);
    }

    private static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, content, Utf8NoBom, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(EventId = 8501, Level = LogLevel.Information, Message = "Digest {Week} written to {Directory}")]
    private partial void LogWritten(IsoWeek week, string directory);
}
