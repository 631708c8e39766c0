using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace SampleApp;

/// <summary>HTTP functions that show what reached the worker: route values, query, body, status and headers.</summary>
public sealed partial class HttpFunctions(ILogger<HttpFunctions> logger)
{
    [Function("GetItem")]
    public IResult GetItem([HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{id}")] HttpRequest request, string id)
    {
        LogItemRequested(logger, id);
        return TypedResults.Ok(new ItemAnswer(id, request.Query["q"].ToString(), request.Headers["x-client"].ToString()));
    }

    [Function("Echo")]
    public async Task<IResult> Echo([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "echo")] HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.HttpContext.Response.Headers["x-echo-length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Text(body, request.ContentType ?? "text/plain", statusCode: StatusCodes.Status201Created);
    }

    [Function("Status")]
    public IResult Status([HttpTrigger(AuthorizationLevel.Anonymous, "get", "delete", Route = "status/{code:int}")] HttpRequest request, int code)
    {
        request.HttpContext.Response.Headers["x-sample-method"] = request.Method;
        return TypedResults.Problem(title: "as asked", statusCode: code);
    }

    [Function("Boom")]
    public IResult Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequest request) =>
        throw new InvalidOperationException($"the HTTP function broke on purpose ({request.Path})");

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "GetItem asked for item {Id}")]
    private static partial void LogItemRequested(ILogger logger, string id);
}

public sealed record ItemAnswer(string Id, string Query, string Client);
