using System.Text.Json.Nodes;

namespace DriftWatch.Bench.Harness;

/// <summary>Folds BenchmarkDotNet's JSON results (bench/DriftWatch.Bench.Micro) into the table.</summary>
public static class MicroResults
{
    public static void AddTo(Report report, string? folder)
    {
        const string S = "4 allocations";
        var files = folder is not null && Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*-report-full-compressed.json", SearchOption.AllDirectories)
            : [];
        if (files.Length == 0)
        {
            report.Info(S, "BenchmarkDotNet", "not run (bench/run.sh runs it; --quick skips it)");
            return;
        }

        foreach (var file in files.Order())
        {
            foreach (var benchmark in JsonNode.Parse(File.ReadAllText(file))!["Benchmarks"]!.AsArray())
            {
                var name = $"{benchmark!["Type"]}.{benchmark["Method"]}{Parameters(benchmark)}";
                var mean = (double?)benchmark["Statistics"]?["Mean"] ?? 0;
                var bytes = (long?)benchmark["Memory"]?["BytesAllocatedPerOperation"] ?? -1;
                report.Info(S, name, $"{bytes:N0} B allocated, {mean / 1000:0.00} us mean");
            }
        }
    }

    private static string Parameters(JsonNode benchmark) =>
        benchmark["Parameters"]?.GetValue<string>() is { Length: > 0 } p ? $"({p})" : "";
}
