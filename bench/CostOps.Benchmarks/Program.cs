using CostOps.Benchmarks;

// One entry per benchmark, one file each: `dotnet run -c Release --project bench/CostOps.Benchmarks -- <name>`.
return args.FirstOrDefault() switch
{
    "tables" => await TableWriteBenchmark.RunAsync(),
    "http" => await HttpApiBenchmark.RunAsync(),
    "nightly" => await NightlyBenchmark.RunAsync(args),
    "cold-start" => await NightlyBenchmark.RunColdStartAsync(args),
    "soak" => await SoakBenchmark.RunAsync(args),
    "generate-demo" => CostOps.Benchmarks.Demo.DemoDataGenerator.Run(args.ElementAtOrDefault(1) ?? "samples/demo"),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CostOps.Benchmarks <benchmark>");
    Console.Error.WriteLine("  tables                 write 10,000 DailyTco rows to Azurite through the batch writer");
    Console.Error.WriteLine("  http                   64 connections on the worker through the host emulator: GET /api/version (ceiling), POST /api/breakeven, GET /api/tco/{id}");
    Console.Error.WriteLine("  nightly [--vms N] [--workloads N] [--step T] [--cold-starts N]");
    Console.Error.WriteLine("                         one night of N workloads / N GPU VMs (default 500 / 2,000) against loopback sources and Azurite,");
    Console.Error.WriteLine("                         then the worker's cold start through the host emulator (N runs, default 7)");
    Console.Error.WriteLine("  cold-start [--cold-starts N] [--app DIR]");
    Console.Error.WriteLine("                         only the worker's cold start (N runs, default 7), of the Release build or of the app published to DIR");
    Console.Error.WriteLine("  soak [--minutes N] [--connections N]");
    Console.Error.WriteLine("                         mixed HTTP load on the worker (what-if, TCO reads, workloads, health) against the demo's data for");
    Console.Error.WriteLine("                         N minutes (default 10, 16 connections): per-minute errors, p50/p99 per endpoint, worker working set");
    Console.Error.WriteLine("  generate-demo [DIR]    (re)write the bundled demo telemetry under DIR (default samples/demo)");
    return 2;
}
