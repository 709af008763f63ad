using System.Collections;
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

    [Fact]
    public void TheWorkerStartsWithThisEnvironmentAndAnEightMegabyteYoungGenerationUnlessTheOperatorSetOne()
    {
        var plain = WorkerEnvironment.For(new Hashtable { ["PATH"] = "/usr/bin", ["AWS_REGION"] = "eu-west-1" });
        Assert.Equal(["AWS_REGION=eu-west-1", "DOTNET_GCgen0size=0x800000", "PATH=/usr/bin"], plain.Order(StringComparer.Ordinal));

        var own = WorkerEnvironment.For(new Hashtable { ["DOTNET_GCgen0size"] = "0x400000" });
        Assert.Equal(["DOTNET_GCgen0size=0x400000"], own);

        // The runtime still reads the older prefix; an operator's COMPlus_ value is not overridden by a DOTNET_ one.
        var legacy = WorkerEnvironment.For(new Hashtable { ["COMPlus_GCgen0size"] = "0x2000000" });
        Assert.Equal(["COMPlus_GCgen0size=0x2000000"], legacy);
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
