using CostOps.Application.Digest.Rendering;
using Microsoft.Extensions.Logging;

namespace CostOps.Application.Digest.Publishing;

/// <summary>
/// Runs every configured transport on a rendered digest. One failing transport does not stop the others; each
/// outcome is returned. A transport that already delivered the week is skipped unless <c>force</c> is set. Without
/// <c>force</c>, each (week, transport) is claimed in the post log before sending, so of two concurrent runs only one
/// sends; a failed send gives its claim back so the next run tries again.
/// </summary>
public sealed partial class DigestPublisher(
    IEnumerable<IDigestTransport> transports,
    IDigestPostLog postLog,
    TimeProvider timeProvider,
    ILogger<DigestPublisher> logger)
{
    private readonly IReadOnlyList<IDigestTransport> _transports = [.. transports];

    /// <summary>The configured transports' names, in the order they run.</summary>
    public IReadOnlyList<string> TransportNames => [.. _transports.Select(t => t.Name)];

    /// <summary>Delivers <paramref name="digest"/> through every transport; never throws for a transport's failure.</summary>
    public async Task<IReadOnlyList<DigestPublishOutcome>> PublishAsync(
        RenderedDigest digest, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        // One claim id per publication: it tells this run's claims from a concurrent run's.
        var claimId = Guid.NewGuid().ToString("N");
        var outcomes = new List<DigestPublishOutcome>(_transports.Count);
        foreach (var transport in _transports)
        {
            outcomes.Add(await PublishOneAsync(transport, digest, force ? null : claimId, cancellationToken));
        }
        return outcomes;
    }

    /// <param name="claimId">Null for a forced send, which neither claims nor respects claims.</param>
    private async Task<DigestPublishOutcome> PublishOneAsync(
        IDigestTransport transport, RenderedDigest digest, string? claimId, CancellationToken cancellationToken)
    {
        if (claimId is not null)
        {
            switch (await postLog.TryClaimAsync(digest.Week, transport.Name, claimId, cancellationToken))
            {
                case DigestPostClaim.AlreadyPosted:
                    LogAlreadyPosted(digest.Week, transport.Name);
                    return new DigestPublishOutcome(transport.Name, DigestPublishStatus.AlreadyPosted);
                case DigestPostClaim.InProgress:
                    LogInProgress(digest.Week, transport.Name);
                    return new DigestPublishOutcome(transport.Name, DigestPublishStatus.InProgress);
            }
        }

        try
        {
            await transport.SendAsync(digest, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(digest.Week, transport.Name, claimId);
            throw;
        }
        catch (DigestTransportException exception)
        {
            LogFailed(digest.Week, transport.Name, exception.Message);
            await ReleaseAsync(digest.Week, transport.Name, claimId);
            return new DigestPublishOutcome(transport.Name, DigestPublishStatus.Failed, exception.Message);
        }
#pragma warning disable CA1031 // One transport's unexpected failure must not stop the others; it is recorded, not swallowed.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Transports translate their own failures into secret-free DigestTransportExceptions; anything else is a
            // bug in a transport, so only its type is recorded, not a message that might carry a secret.
            var error = $"{transport.Name} failed unexpectedly ({exception.GetType().Name}); see the application logs.";
            LogUnexpected(exception, digest.Week, transport.Name);
            await ReleaseAsync(digest.Week, transport.Name, claimId);
            return new DigestPublishOutcome(transport.Name, DigestPublishStatus.Failed, error);
        }

        await postLog.MarkPostedAsync(digest.Week, transport.Name, timeProvider.GetUtcNow(), cancellationToken);
        LogPosted(digest.Week, transport.Name);
        return new DigestPublishOutcome(transport.Name, DigestPublishStatus.Posted);
    }

    // Not cancellable: a run that was cancelled mid-send still gives its claim back, so the retry can send.
    private Task ReleaseAsync(IsoWeek week, string transport, string? claimId) =>
        claimId is null ? Task.CompletedTask : postLog.ReleaseAsync(week, transport, claimId, CancellationToken.None);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Digest {Week} posted through {Transport}")]
    private partial void LogPosted(IsoWeek week, string transport);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Digest {Week} already posted through {Transport}; not sent again (use force to resend)")]
    private partial void LogAlreadyPosted(IsoWeek week, string transport);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Warning, Message = "Digest {Week} could not be posted through {Transport}: {Error}")]
    private partial void LogFailed(IsoWeek week, string transport, string error);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Error, Message = "Digest {Week}: transport {Transport} failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, IsoWeek week, string transport);

    [LoggerMessage(EventId = 8105, Level = LogLevel.Information, Message = "Digest {Week}: another run is posting it through {Transport} right now; not sent from this run")]
    private partial void LogInProgress(IsoWeek week, string transport);
}
