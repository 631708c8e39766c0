namespace CostOps.Application.Digest;

/// <summary>A problem the digest calls out, in words a stakeholder can act on.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Message">One plain sentence.</param>
public sealed record DigestWarning(DigestWarningKind Kind, string Message);
