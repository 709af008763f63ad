using DriftWatch.Cli.Watch;

namespace DriftWatch.Cli.Tests.Watch;

/// <summary>
/// The Native AOT `driftwatch watch` hands over to the worker executable beside it; without one it must fail loudly,
/// never look as if the worker ran. (The hand-over itself replaces the process: it is proven on a real publish by
/// .ci/run, not here.)
/// </summary>
[Collection(nameof(ConsoleOutputCollection))]
public sealed class WorkerHandOverTests
{
    [Fact]
    public async Task WithoutTheWorkerBesideItWatchExits2NamingTheMissingFile()
    {
        var directory = Path.Combine(Path.GetTempPath(), "driftwatch-no-worker");
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(stderr);
        string? asked = null;
        int exitCode;
        try
        {
            exitCode = await WorkerHandOver.RunAsync(directory, ["watch"], path =>
            {
                asked = path;
                return false;
            });
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(2, exitCode);
        Assert.Equal(Path.Combine(directory, "driftwatch-watch"), asked);
        Assert.Contains($"{asked} is missing", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("copy the whole publish directory", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheWorkerIsNamedAsThePublishNamesIt()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "DriftWatch.Cli", "DriftWatch.Cli.csproj"));

        Assert.Contains($"<AssemblyName>{WorkerExecutable.AssemblyName}</AssemblyName>", project, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DriftWatch.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("DriftWatch.sln not found above the test output");
    }
}

/// <summary>Tests that swap Console.Error run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleOutputCollection), DisableParallelization = true)]
public sealed class ConsoleOutputCollection;
