using BenchmarkDotNet.Running;

// bench/run.sh runs this in-process with a short job and folds the JSON results into its table; run it alone with
// `dotnet run -c Release --project bench/DriftWatch.Bench.Micro -- --filter '*'` for BenchmarkDotNet's own defaults.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
