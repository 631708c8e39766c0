using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Compute;

/// <summary>Checks <c>CostOps:Autopilot:Arm</c> at start-up; every message names its configuration key.</summary>
public sealed class ArmConnectionOptionsValidator : IValidateOptions<ArmConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ArmConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        // Bearer tokens only travel over TLS (Azure.Core refuses otherwise), so only https makes sense.
        if (!string.IsNullOrWhiteSpace(options.Endpoint) && !IsHttps(options.Endpoint))
        {
            errors.Add($"{ArmConnectionOptions.SectionName}:Endpoint must be an absolute https URL (was '{options.Endpoint}')");
        }
        if (!string.IsNullOrWhiteSpace(options.Audience) && !Uri.TryCreate(options.Audience, UriKind.Absolute, out _))
        {
            errors.Add($"{ArmConnectionOptions.SectionName}:Audience must be an absolute URL (was '{options.Audience}')");
        }
        if (!string.IsNullOrWhiteSpace(options.Audience) && string.IsNullOrWhiteSpace(options.Endpoint))
        {
            errors.Add($"{ArmConnectionOptions.SectionName}:Audience is set without {ArmConnectionOptions.SectionName}:Endpoint; set both or neither");
        }
        if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) && !Guid.TryParse(options.ManagedIdentityClientId, out _))
        {
            errors.Add($"{ArmConnectionOptions.SectionName}:ManagedIdentityClientId must be a client id (a GUID)");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttps(string text) => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
