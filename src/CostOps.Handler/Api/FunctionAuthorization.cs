namespace CostOps.Handler.Api;

/// <summary>
/// Endpoint metadata: the <c>authLevel</c> of the function that forwards to this endpoint. The host
/// enforces it before the handler sees the request; the OpenAPI document and the function.json tests
/// read it from here. Endpoints without it are <c>function</c> (a function key is required).
/// </summary>
public sealed record FunctionAuthorization(string Level)
{
    public static readonly FunctionAuthorization Anonymous = new("anonymous");

    public static readonly FunctionAuthorization Function = new("function");
}
