using HydroOxygen.Benchmarks;

// Usage: dotnet run -c Release --project bench/Benchmarks -- <suite> [options]; see BenchOptions.Usage.
var options = BenchOptions.Parse(args, Console.Error);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return Suites.Run(options);
