namespace CostOps.Application.Digest.Publishing;

/// <summary>What one transport did with a digest.</summary>
public enum DigestPublishStatus
{
    /// <summary>Delivered now.</summary>
    Posted,

    /// <summary>Not sent: this transport had already delivered the week (re-run without force).</summary>
    AlreadyPosted,

    /// <summary>Delivery failed; the outcome's error says why.</summary>
    Failed,

    /// <summary>Not sent: another run was delivering the week through this transport at the same time.</summary>
    InProgress,
}
