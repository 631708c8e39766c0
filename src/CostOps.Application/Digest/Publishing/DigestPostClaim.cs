namespace CostOps.Application.Digest.Publishing;

/// <summary>The answer of the post log to a run that wants to deliver a week through a transport.</summary>
public enum DigestPostClaim
{
    /// <summary>This run may deliver the week: nobody has, and nobody else is doing it now.</summary>
    Claimed,

    /// <summary>The transport has already delivered the week.</summary>
    AlreadyPosted,

    /// <summary>Another run is delivering the week through this transport right now.</summary>
    InProgress,
}
