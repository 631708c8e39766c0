using CostOps.Handler.Hosting;

int port;
try
{
    port = HandlerPort.Resolve(Environment.GetEnvironmentVariable(HandlerPort.EnvironmentVariable));
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync($"CostOps cannot start: {ex.Message}");
    return 2;
}

try
{
    await HandlerApp.Build(args, port).RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    return await StartupFailure.ReportAsync(ex, Console.Error);
}
