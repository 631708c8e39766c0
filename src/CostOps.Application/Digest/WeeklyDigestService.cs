using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using CostOps.Domain.Time;
using Microsoft.Extensions.Logging;

namespace CostOps.Application.Digest;

/// <summary>
/// The weekly digest use case: read the rows of a week and the week before, build the digest, render it, and
/// publish it through every configured transport (or only render it, for a preview). Called by the weekly timer,
/// the HTTP API and the CLI; it does not know which.
/// </summary>
public sealed partial class WeeklyDigestService(
    DigestReader reader,
    WeeklyDigestBuilder builder,
    DigestRenderer renderer,
    DigestPublisher publisher,
    TimeProvider timeProvider,
    ILogger<WeeklyDigestService> logger)
{
    /// <summary>
    /// Builds, renders and publishes the digest of <paramref name="week"/>. Transports that already delivered the week
    /// are skipped unless <paramref name="force"/>; a failing transport does not stop the others (see the outcomes).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The week has not ended yet (a partial week is only previewed).</exception>
    public async Task<DigestRunResult> RunAsync(IsoWeek week, bool force, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        if (now < week.EndsAt)
        {
            throw new ArgumentOutOfRangeException(
                nameof(week), week, $"Week {week} has not ended yet (it ends {week.EndsAt:yyyy-MM-dd HH:mm} UTC); preview it instead of publishing it.");
        }
        var digest = await BuildAsync(week, now, cancellationToken);
        var rendered = renderer.Render(digest);
        var cardBytes = AdaptiveCardRenderer.Size(rendered.CardJson);
        LogBuilt(week, digest.Workloads.Count, digest.WarningCount, cardBytes);
        if (publisher.TransportNames.Count == 0)
        {
            LogNoTransport(week);
        }
        var outcomes = await publisher.PublishAsync(rendered, force, cancellationToken);
        return new DigestRunResult(digest, outcomes);
    }

    /// <summary>Builds and renders the digest of <paramref name="week"/> without publishing it (a week in progress is allowed).</summary>
    public async Task<DigestPreview> PreviewAsync(IsoWeek week, DigestFormat format, CancellationToken cancellationToken = default)
    {
        var digest = await BuildAsync(week, timeProvider.GetUtcNow(), cancellationToken);
        var contentType = format switch
        {
            DigestFormat.AdaptiveCard => "application/vnd.microsoft.card.adaptive+json",
            DigestFormat.Html => "text/html; charset=utf-8",
            DigestFormat.Text => "text/plain; charset=utf-8",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown digest format."),
        };
        return new DigestPreview(week, format, contentType, renderer.Render(digest, format));
    }

    /// <summary>Builds the digest of <paramref name="week"/> and renders every form, without publishing it (local files, the demo).</summary>
    public async Task<(WeeklyDigest Digest, RenderedDigest Rendered)> RenderAsync(IsoWeek week, CancellationToken cancellationToken = default)
    {
        var digest = await BuildAsync(week, timeProvider.GetUtcNow(), cancellationToken);
        return (digest, renderer.Render(digest));
    }

    private async Task<WeeklyDigest> BuildAsync(IsoWeek week, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await reader.ReadAsync(new DayRange(week.Previous().Monday, week.Sunday), cancellationToken);
        return builder.Build(week, rows, now);
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Digest {Week} built: {Workloads} workloads, {Warnings} warnings, card {CardBytes} bytes")]
    private partial void LogBuilt(IsoWeek week, int workloads, int warnings, int cardBytes);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Digest {Week}: no transport is configured (CostOps:Digest), so nothing was posted")]
    private partial void LogNoTransport(IsoWeek week);
}
