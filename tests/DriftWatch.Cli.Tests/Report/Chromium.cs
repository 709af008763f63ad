using System.Diagnostics;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>Debian's chromium, headless: a screenshot of a local file, with no network and no profile kept.</summary>
internal static class Chromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The browser on PATH; the test fails saying how to install it when there is none.</summary>
    public static string Executable() =>
        new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("chromium is not installed: apt-get install -y chromium (.ci/run does this)");

    /// <summary>Renders the page at the given window size and writes a PNG of the viewport.</summary>
    public static async Task ScreenshotAsync(string page, string png, int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("driftwatch-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-sync", "--force-device-scale-factor=1",
                $"--user-data-dir={profile.FullName}", $"--window-size={width},{height}", $"--screenshot={png}", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {Timeout}");
            }

            if (!File.Exists(png))
            {
                throw new InvalidOperationException($"chromium exited {process.ExitCode} without a screenshot:\n{await stderr}");
            }
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
