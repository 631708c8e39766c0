using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Infrastructure.Files;
using CostOps.Infrastructure.Tests.Teams;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Tests.Files;

public sealed class DigestFileSinkTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"costops-digest-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private DigestFileSink Sink(string? directory = null) =>
        new(Options.Create(new DigestOptions { OutputDirectory = directory ?? _directory }), new FakeLogger<DigestFileSink>());

    [Fact]
    public async Task ItWritesTheCardTheHtmlAndTheText_NamedByWeek()
    {
        var digest = SampleDigest.Rendered();

        await Sink().SendAsync(digest);

        Assert.Equal(digest.CardJson, await File.ReadAllTextAsync(Path.Combine(_directory, "digest-2026-W47.card.json")));
        Assert.Equal(digest.Html, await File.ReadAllTextAsync(Path.Combine(_directory, "digest-2026-W47.html")));
        Assert.Equal(digest.Text, await File.ReadAllTextAsync(Path.Combine(_directory, "digest-2026-W47.txt")));
        Assert.Equal(3, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public async Task WritingTheSameWeekAgain_ReplacesTheFiles()
    {
        var digest = SampleDigest.Rendered();
        await Sink().SendAsync(digest with { Text = "old" });

        await Sink().SendAsync(digest);

        Assert.Equal(digest.Text, await File.ReadAllTextAsync(Path.Combine(_directory, "digest-2026-W47.txt")));
        Assert.Equal(3, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public async Task ADirectoryThatCannotBeCreated_IsATransportFailure_NamingIt()
    {
        Directory.CreateDirectory(_directory);
        var blocker = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(blocker, "not a directory");

        var error = await Assert.ThrowsAsync<DigestTransportException>(() => Sink(Path.Combine(blocker, "digests")).SendAsync(SampleDigest.Rendered()));

        Assert.StartsWith($"The digest could not be written to {Path.Combine(blocker, "digests")}", error.Message, StringComparison.Ordinal);
    }
}
