using Azure.Core;

namespace CostOps.TestSupport;

/// <summary>A credential that always returns the same token, so fakes can assert the bearer header.</summary>
public sealed class FixedTokenCredential(string token = "test-token") : TokenCredential
{
    public List<string[]> RequestedScopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (RequestedScopes)
        {
            RequestedScopes.Add(requestContext.Scopes);
        }
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
