using System.Text.Json;
using CostOps.Application.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Handler.Invocation;

/// <summary>One <c>POST /{FunctionName}</c> endpoint per scheduled job: the host's timer invocations.</summary>
public static class TimerFunctionEndpoints
{
    public static IEndpointRouteBuilder MapTimerFunctions(this IEndpointRouteBuilder app, IEnumerable<ScheduledJobRegistration> jobs)
    {
        foreach (var job in jobs)
        {
            var functionName = job.FunctionName;
            var jobType = job.JobType;
            app.MapPost($"/{functionName}", (HttpRequest request, IServiceProvider services, ILoggerFactory loggers, CancellationToken cancellationToken) =>
                    InvokeAsync(functionName, jobType, request, services, loggers.CreateLogger("CostOps.Handler.Timer"), cancellationToken))
                .WithName($"Timer_{functionName}")
                .ExcludeFromDescription();
        }
        return app;
    }

    private static async Task<Results<JsonHttpResult<InvocationResult>, ProblemHttpResult>> InvokeAsync(
        string functionName,
        Type jobType,
        HttpRequest request,
        IServiceProvider services,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        TimerInvocation? timer;
        string? problem;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            timer = TimerInvocation.TryParse(document.RootElement, out problem);
        }
        catch (JsonException ex)
        {
            timer = null;
            problem = $"the invocation body is not valid JSON ({ex.Message})";
        }
        if (timer is null)
        {
            TimerLog.MalformedInvocation(logger, functionName, problem!);
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: $"Malformed invocation of {functionName}");
        }

        var job = (IScheduledJob)services.GetRequiredService(jobType);
        var time = services.GetRequiredService<TimeProvider>();
        var context = new JobContext(
            TriggeredAt: timer.UtcNow ?? time.GetUtcNow(),
            IsPastDue: timer.IsPastDue,
            LastScheduledRun: timer.Last,
            InvocationId: request.Headers["X-Azure-Functions-InvocationId"].FirstOrDefault() ?? Guid.NewGuid().ToString(),
            RetryCount: timer.RetryCount,
            Trigger: "timer");
        JobResult result;
        try
        {
            result = await job.RunAsync(context, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The host logs stderr as errors; a non-2xx reply marks the invocation failed (and lets its retry policy act).
            TimerLog.JobCrashed(logger, ex, functionName);
            await Console.Error.WriteLineAsync($"{functionName} failed: {ex.GetType().Name}: {ex.Message}");
            return TypedResults.Json(
                InvocationResult.WithLogs([$"{functionName} failed: {ex.Message}"]),
                InvocationJsonContext.Default.InvocationResult,
                statusCode: StatusCodes.Status500InternalServerError);
        }
        if (result.Status == JobStatus.Failed)
        {
            await Console.Error.WriteLineAsync($"{functionName} run {result.RunId} failed: {result.Error}");
            return TypedResults.Json(
                InvocationResult.WithLogs(result.Logs),
                InvocationJsonContext.Default.InvocationResult,
                statusCode: StatusCodes.Status500InternalServerError);
        }
        if (result.Status == JobStatus.Partial)
        {
            await Console.Error.WriteLineAsync($"{functionName} run {result.RunId} was partial: {result.Error}");
        }
        return TypedResults.Json(InvocationResult.WithLogs(result.Logs), InvocationJsonContext.Default.InvocationResult);
    }
}
