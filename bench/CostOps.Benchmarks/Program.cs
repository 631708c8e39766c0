using CostOps.Benchmarks;

// One entry per benchmark, one file each: `dotnet run -c Release --project bench/CostOps.Benchmarks -- <name>`.
return args.FirstOrDefault() switch
{
    "tables" => await TableWriteBenchmark.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CostOps.Benchmarks <benchmark>");
    Console.Error.WriteLine("  tables   write 10,000 DailyTco rows to Azurite through the batch writer");
    return 2;
}
