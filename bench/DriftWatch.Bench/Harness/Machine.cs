using System.Globalization;

namespace DriftWatch.Bench.Harness;

/// <summary>What the machine was doing: load averages and per-process memory from /proc (Linux).</summary>
public static class Machine
{
    /// <summary>"0.42 0.51 0.50 (1/5/15 min), N cores".</summary>
    public static string Load()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        return $"{load} (1/5/15 min), {Environment.ProcessorCount} cores";
    }

    /// <summary>A /proc/PID/status field in MB (VmRSS = now, VmHWM = peak), or -1 when unreadable.</summary>
    public static double MemoryMb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }
}
