namespace CostOps.Application.Telemetry;

/// <summary>
/// Identifies whose API usage a fact describes.
/// </summary>
/// <param name="Provider">One of <see cref="ApiProviders"/>.</param>
/// <param name="Scope">Azure OpenAI: the account's ARM resource id; OpenAI: the project id; Anthropic: the workspace id
/// (null for OpenAI/Anthropic usage that is not attributed to a project or workspace).</param>
/// <param name="Deployment">Azure OpenAI: the model deployment name; null elsewhere.</param>
/// <param name="Model">The model name when the source reports it.</param>
public sealed record ApiUsageSelector(string Provider, string? Scope, string? Deployment, string? Model);
