namespace CostOps.Application.Digest.Publishing;

/// <summary>The outcome of one transport, for the caller to record (Runs table, HTTP response, CLI output).</summary>
/// <param name="Transport">The transport's name.</param>
/// <param name="Status">What it did.</param>
/// <param name="Error">Why it failed (secret-free); null unless <see cref="DigestPublishStatus.Failed"/>.</param>
public sealed record DigestPublishOutcome(string Transport, DigestPublishStatus Status, string? Error = null)
{
    /// <summary>True unless the transport failed (an already-posted week counts as delivered).</summary>
    public bool Succeeded => Status != DigestPublishStatus.Failed;
}
