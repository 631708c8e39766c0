using Microsoft.Azure.Functions.Worker.Middleware;

namespace CostOps.Functions.Api.Http;

/// <summary>
/// Answers an exception thrown by an HTTP function with its problem details (<see cref="ApiFailures"/>).
/// Without this the worker reports the invocation failed and answers the forwarded request with an empty
/// 200, so a caller would never learn that storage was down. The exception is handled here: the
/// invocation succeeds (the answer was given) and the failure is logged. Timer functions are left alone:
/// their exception is how the host learns a run failed.
/// </summary>
internal sealed class ApiExceptionMiddleware(IProblemDetailsService problems, ILogger<ApiExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false } http && !IsCallerGone(exception, http))
        {
            var problem = ApiFailures.Map(exception, logger);
            http.Response.Clear();
            http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
        }
    }

    /// <summary>The caller hung up: there is nobody to answer.</summary>
    private static bool IsCallerGone(Exception exception, HttpContext http) =>
        exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested;
}
